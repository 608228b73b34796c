package io.github.hotreload.java;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one module is compiled: plain values taken from the build, so that the compiler never
 * needs to know where they came from. Nothing here is checked beyond "not null where required";
 * javac reports what it does not accept.
 *
 * @param moduleDirectory the module's directory; diagnostics name files relative to it
 * @param sourceRoots directories whose {@code .java} files make up the module
 * @param resourceRoots directories whose files are copied as they are into the output directory
 * @param outputDirectory where class files and resources go ({@code target/classes})
 * @param classPath the compile class path: jars and directories, without the output directory
 * @param processorPath where annotation processors are loaded from, or {@code null} to find
 *     them on the class path as javac does when no {@code -processorpath} is given
 * @param generatedSourcesDirectory where annotation processors' sources go ({@code -s}), or
 *     {@code null} to put them into the output directory as javac does without {@code -s}
 * @param release the {@code --release} version, or {@code null} to use source and target
 * @param source the {@code -source} version when no release is given, or {@code null}
 * @param target the {@code -target} version when no release is given, or {@code null}
 * @param encoding the source files' charset name, or {@code null} for the platform's
 * @param parameters whether to record parameter names for reflection ({@code -parameters})
 * @param compilerArgs further options passed to javac as they are
 * @param processors annotation processor class names ({@code -processor}); empty to discover them
 */
public record CompilerSettings(
        Path moduleDirectory,
        List<Path> sourceRoots,
        List<Path> resourceRoots,
        Path outputDirectory,
        List<Path> classPath,
        List<Path> processorPath,
        Path generatedSourcesDirectory,
        String release,
        String source,
        String target,
        String encoding,
        boolean parameters,
        List<String> compilerArgs,
        List<String> processors) {

    public CompilerSettings {
        Objects.requireNonNull(moduleDirectory, "moduleDirectory");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        sourceRoots = List.copyOf(sourceRoots);
        resourceRoots = List.copyOf(resourceRoots);
        classPath = List.copyOf(classPath);
        processorPath = processorPath == null ? null : List.copyOf(processorPath);
        compilerArgs = List.copyOf(compilerArgs);
        processors = List.copyOf(processors);
    }

    /**
     * Settings with the usual Maven layout under {@code moduleDirectory}, {@code --release 17},
     * UTF-8 and no dependencies; a start for tests and for callers that change a few values.
     */
    public static CompilerSettings defaults(Path moduleDirectory) {
        return new CompilerSettings(moduleDirectory,
                List.of(moduleDirectory.resolve("src/main/java")),
                List.of(moduleDirectory.resolve("src/main/resources")),
                moduleDirectory.resolve("target/classes"),
                List.of(), null, null, "17", null, null, "UTF-8", false, List.of(), List.of());
    }

    /** These settings with another compile class path. */
    public CompilerSettings withClassPath(List<Path> newClassPath) {
        return new CompilerSettings(moduleDirectory, sourceRoots, resourceRoots, outputDirectory,
                newClassPath, processorPath, generatedSourcesDirectory, release, source, target,
                encoding, parameters, compilerArgs, processors);
    }

    /** These settings with another processor path and processor names. */
    public CompilerSettings withProcessors(List<Path> newProcessorPath, List<String> newProcessors) {
        return new CompilerSettings(moduleDirectory, sourceRoots, resourceRoots, outputDirectory,
                classPath, newProcessorPath, generatedSourcesDirectory, release, source, target,
                encoding, parameters, compilerArgs, newProcessors);
    }

    /** These settings with another encoding. */
    public CompilerSettings withEncoding(String newEncoding) {
        return new CompilerSettings(moduleDirectory, sourceRoots, resourceRoots, outputDirectory,
                classPath, processorPath, generatedSourcesDirectory, release, source, target,
                newEncoding, parameters, compilerArgs, processors);
    }

    /** These settings with {@code -parameters} on or off. */
    public CompilerSettings withParameters(boolean newParameters) {
        return new CompilerSettings(moduleDirectory, sourceRoots, resourceRoots, outputDirectory,
                classPath, processorPath, generatedSourcesDirectory, release, source, target,
                encoding, newParameters, compilerArgs, processors);
    }

    /** The javac options these settings stand for, other than locations and encoding. */
    List<String> javacOptions() {
        List<String> options = new ArrayList<>();
        if (release != null) {
            options.add("--release");
            options.add(release);
        } else {
            if (source != null) {
                options.add("-source");
                options.add(source);
            }
            if (target != null) {
                options.add("-target");
                options.add(target);
            }
        }
        if (parameters) {
            options.add("-parameters");
        }
        if (!processors.isEmpty()) {
            options.add("-processor");
            options.add(String.join(",", processors));
        }
        // Only the files given are compiled: a source found on some path must not be compiled
        // behind our back, and its class files would not be tracked.
        options.add("-implicit:none");
        options.addAll(compilerArgs);
        return options;
    }
}
