package io.github.hotreload.java;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * One javac invocation over some sources, in two steps: {@link #analyse()} parses, runs
 * annotation processors and attributes, after which the API digests of the analysed types are
 * known; {@link #generate()} then writes class files, into memory. The caller looks at the
 * digests in between and may decide that generating is pointless because a full compile must
 * follow.
 */
final class JavacRun {

    /** A top-level type javac analysed, and the source it came from. */
    private record Analysed(TypeElement type, JavaFileObject source) {
    }

    private final JavacTask task;
    private final StagingFileManager staging;
    private final DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    private final List<Analysed> analysed = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private Map<Path, Map<String, String>> digests = Map.of();

    /**
     * Prepares the task; {@code standard} is the module's warm file manager, whose locations are
     * set here for this run.
     *
     * @param classPath the class path for this run (the output directory first, for an
     *     incremental compile)
     */
    JavacRun(JavaCompiler compiler, StandardJavaFileManager standard, CompilerSettings settings, Charset charset,
            List<Path> sources, List<Path> classPath) throws IOException {
        Path output = SourceFiles.normal(settings.outputDirectory());
        Path generated = settings.generatedSourcesDirectory() == null
                ? output : SourceFiles.normal(settings.generatedSourcesDirectory());
        Files.createDirectories(output);
        Files.createDirectories(generated);
        standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
        // No source path: javac must not find and compile sources that were not asked for.
        standard.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
        standard.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(output));
        standard.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
        if (settings.processorPath() != null) {
            standard.setLocationFromPaths(StandardLocation.ANNOTATION_PROCESSOR_PATH, settings.processorPath());
        }
        staging = new StagingFileManager(standard, output, generated, charset);
        Iterable<? extends JavaFileObject> units = standard.getJavaFileObjectsFromPaths(sources);
        task = (JavacTask) compiler.getTask(null, staging, diagnostics, settings.javacOptions(), null, units);
        task.setLocale(Locale.ROOT);
        task.addTaskListener(new TaskListener() {
            @Override
            public void finished(TaskEvent event) {
                if (event.getKind() == TaskEvent.Kind.ANALYZE && event.getTypeElement() != null
                        && event.getTypeElement().getNestingKind() == NestingKind.TOP_LEVEL) {
                    analysed.add(new Analysed(event.getTypeElement(), event.getSourceFile()));
                }
            }
        });
    }

    /**
     * Parses, processes annotations and attributes, and takes the API digests; true when there
     * were no errors. The digests are taken here, before {@link #generate()}: generating adds
     * members to javac's elements, and a digest taken then would differ from one taken before.
     */
    boolean analyse() {
        try {
            task.analyze();
        } catch (IOException | RuntimeException e) {
            failures.add("error: javac failed: " + e);
        }
        if (hasErrors()) {
            return false;
        }
        digests = takeDigests();
        return true;
    }

    /**
     * The API digest of every top-level type analysed, per absolute source path, in the order
     * javac analysed them; empty before a successful {@link #analyse()}. Types from generated
     * sources are left out: they are regenerated.
     */
    Map<Path, Map<String, String>> digests() {
        return digests;
    }

    private Map<Path, Map<String, String>> takeDigests() {
        Map<Path, Map<String, String>> digests = new LinkedHashMap<>();
        for (Analysed a : analysed) {
            Path source;
            try {
                source = Path.of(a.source().toUri()).toAbsolutePath().normalize();
            } catch (RuntimeException notAFile) {
                continue;
            }
            digests.computeIfAbsent(source, s -> new LinkedHashMap<>())
                    .put(a.type().getQualifiedName().toString(), ApiDigest.of(a.type()));
        }
        return digests;
    }

    /** Writes class files into memory; true when there were no errors. */
    boolean generate() {
        try {
            task.generate();
        } catch (IOException | RuntimeException e) {
            failures.add("error: javac failed: " + e);
        }
        return !hasErrors();
    }

    /** What javac and processors wrote, held back until the caller writes it out. */
    List<StagedFile> staged() {
        return staging.staged();
    }

    /** javac's diagnostics so far. */
    List<Diagnostic<? extends JavaFileObject>> diagnostics() {
        return diagnostics.getDiagnostics();
    }

    /** Failures of javac itself (an exception from a processor, say), as lines for people. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    private boolean hasErrors() {
        return !failures.isEmpty()
                || diagnostics.getDiagnostics().stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
    }
}
