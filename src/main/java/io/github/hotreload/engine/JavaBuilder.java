package io.github.hotreload.engine;

import io.github.hotreload.config.JavaService;
import io.github.hotreload.java.CompileResult;
import io.github.hotreload.java.JavaModule;
import io.github.hotreload.java.MainClassFinder;
import io.github.hotreload.process.BuildResult;
import io.github.hotreload.process.OutputSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a Java service in this JVM: compiles the reactor modules it depends on, in build order,
 * then its own module, each with its warm compiler, only what changed. A module compiles in full
 * when a module before it changed its API. The compiler's errors become the build's output, as
 * {@code File.java:line: message} lines.
 */
final class JavaBuilder implements Builder {

    private final JavaService java;
    private final ModuleBuilds builds;
    /** The API generation of each module as of this service's last successful build. */
    private final Map<String, Integer> seen = new HashMap<>();
    private boolean cleanNext;

    JavaBuilder(JavaService java, ModuleBuilds builds) {
        this.java = java;
        this.builds = builds;
    }

    @Override
    public String description() {
        return "compile " + String.join(", ", chain().stream().map(m -> shortName(m.id())).toList()) + " in-process";
    }

    private List<JavaModule> chain() {
        List<JavaModule> all = new ArrayList<>(java.upstream());
        all.add(java.module());
        return all;
    }

    private static String shortName(String id) {
        return id.substring(id.indexOf(':') + 1);
    }

    @Override
    public BuildResult build(Set<Path> changed, OutputSink output) throws IOException, InterruptedException {
        long start = System.nanoTime();
        io.github.hotreload.process.ExitAgentJar.write(java.exitAgentJar());
        boolean full = cleanNext;
        cleanNext = false;
        Set<String> apiChangedBefore = new HashSet<>();
        List<String> tail = new ArrayList<>();
        Map<String, Integer> generations = new HashMap<>();
        for (JavaModule m : chain()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            ModuleBuild build = builds.of(m);
            boolean upstreamChanged = !apiChangedBefore.isEmpty();
            ModuleBuild.Outcome outcome = build.bringUpToDate(changed, full || upstreamChanged);
            CompileResult r = outcome.result();
            if (r != null) {
                for (String line : r.diagnostics()) {
                    output.line(line);
                    tail.add(line);
                }
            }
            if (!outcome.succeeded()) {
                output.line("compiling " + shortName(m.id()) + " failed");
                return new BuildResult(1, Duration.ofNanos(System.nanoTime() - start), last(tail));
            }
            generations.put(m.id(), outcome.apiGeneration());
            if (outcome.apiGeneration() != seen.getOrDefault(m.id(), -1)) {
                apiChangedBefore.add(m.id());
            }
        }
        Path classes = java.module().compiler().outputDirectory();
        if (!MainClassFinder.hasMainClass(classes, java.mainClass())) {
            String line = "the main class " + java.mainClass() + " is not in " + classes
                    + " after compiling: it has no public static void main(String[]); set <mainClass> to the class that has";
            output.line(line);
            tail.add(line);
            return new BuildResult(1, Duration.ofNanos(System.nanoTime() - start), last(tail));
        }
        seen.putAll(generations);
        return new BuildResult(0, Duration.ofNanos(System.nanoTime() - start), last(tail));
    }

    private static List<String> last(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 40), lines.size());
    }

    @Override
    public String cleanDescription() {
        return "recompile " + String.join(", ", chain().stream().map(m -> shortName(m.id())).toList()) + " in full";
    }

    @Override
    public BuildResult clean(OutputSink output) {
        cleanNext = true;
        return new BuildResult(0, Duration.ZERO, List.of());
    }
}
