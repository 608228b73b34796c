package io.github.hotreload.java;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How one compile of a module ended.
 *
 * @param succeeded whether the output directory is now up to date with the sources
 * @param diagnostics javac's messages as lines for people: {@code src/main/java/a/Foo.java:12:
 *     error: cannot find symbol}, followed by the source line, the caret and the details
 * @param apiChanged whether the API of some type changed (or types went away, or nothing was
 *     known before), so that modules depending on this one must be compiled in full
 * @param fullCompile whether every source of the module was compiled
 * @param reason why every source was compiled ("a type's API changed", "a source was deleted",
 *     ...), or {@code null} for an incremental compile
 * @param compiled the sources given to javac, sorted
 * @param duration from start to end, copying resources included
 */
public record CompileResult(
        boolean succeeded,
        List<String> diagnostics,
        boolean apiChanged,
        boolean fullCompile,
        String reason,
        List<Path> compiled,
        Duration duration) {

    public CompileResult {
        diagnostics = List.copyOf(diagnostics);
        compiled = List.copyOf(compiled);
    }

    /** The diagnostics' lines that start a message with "error:", for a short summary. */
    public List<String> errors() {
        return diagnostics.stream().filter(line -> line.contains(": error: ") || line.startsWith("error: ")).toList();
    }
}
