package io.github.hotreload.java;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one module in this JVM with the JDK's compiler, keeping the compiler and its file
 * manager warm between compiles, so that a one-file edit costs tens of milliseconds rather than
 * the seconds of a Maven build.
 *
 * <p>An edit compiles only the changed sources, against the output directory. When a changed
 * source's API changed, or a source was deleted, other sources may no longer compile, so the
 * whole module is compiled instead. Class files are held in memory until a compile has
 * succeeded: a failed compile leaves the output directory as it was, for the running service,
 * and the sources it could not compile are compiled again next time.
 *
 * <p>One compile at a time: the methods are synchronized.
 */
public final class ModuleCompiler implements Closeable {

    private final CompilerSettings settings;
    private final JavaCompiler compiler;
    private final StandardJavaFileManager fileManager;
    private final Charset charset;
    private final Path output;
    private final DiagnosticLines diagnosticLines;
    private final ResourceCopier resources;
    private final CompiledState state = new CompiledState();
    /** Sources changed since they last compiled successfully. */
    private final Set<Path> pending = new TreeSet<>();
    /** Why the next compile must be a full one, or {@code null}. */
    private String fullCompileNeeded;

    /**
     * A compiler for the module {@code settings} describe, using the JDK's compiler.
     *
     * @throws IllegalStateException when this Java runtime has no compiler (a JRE)
     */
    public ModuleCompiler(CompilerSettings settings) {
        this(settings, ToolProvider.getSystemJavaCompiler());
    }

    /** A compiler for the module using {@code compiler}; {@code null} is reported as a runtime without one. */
    ModuleCompiler(CompilerSettings settings, JavaCompiler compiler) {
        if (compiler == null) {
            throw new IllegalStateException("Cannot compile " + settings.moduleDirectory()
                    + " in-process: Maven runs on a Java runtime without a compiler (" + System.getProperty("java.home")
                    + "); run Maven with a JDK (JAVA_HOME pointing to a JDK)");
        }
        this.settings = settings;
        this.compiler = compiler;
        this.charset = settings.encoding() == null ? Charset.defaultCharset() : Charset.forName(settings.encoding());
        this.fileManager = compiler.getStandardFileManager(null, Locale.ROOT, charset);
        this.output = SourceFiles.normal(settings.outputDirectory());
        this.diagnosticLines = new DiagnosticLines(settings.moduleDirectory());
        this.resources = new ResourceCopier(settings.resourceRoots(), output);
    }

    /** The settings this compiler was made with. */
    public CompilerSettings settings() {
        return settings;
    }

    /**
     * Compiles every source of the module and copies every resource. The files earlier compiles
     * produced and this one does not are removed; on first use, whatever is in the output
     * directory is overwritten.
     */
    public synchronized CompileResult compileAll() throws IOException {
        long start = System.nanoTime();
        resources.copyAll();
        return full("a full compile was asked for", start);
    }

    /**
     * Brings the output up to date with {@code changed}: files under the source and resource
     * roots that were added, modified or deleted; other paths are ignored. Changed sources are
     * compiled alone when their API stayed as it was, else the module is compiled in full.
     */
    public synchronized CompileResult compile(Set<Path> changed) throws IOException {
        long start = System.nanoTime();
        List<Path> resourceChanges = new ArrayList<>();
        List<Path> deleted = new ArrayList<>();
        for (Path path : changed) {
            Path file = SourceFiles.normal(path);
            Path root = SourceFiles.rootOf(file, settings.sourceRoots());
            if (root != null) {
                sourceChanged(file, root, deleted);
            }
            // Not "else": some builds keep resources beside the sources.
            if (resources.isResource(file)) {
                resourceChanges.add(file);
            }
        }
        // A source that failed to compile and was deleted since, with no event for it.
        for (Path source : List.copyOf(pending)) {
            if (!Files.exists(source)) {
                sourceChanged(source, SourceFiles.rootOf(source, settings.sourceRoots()), deleted);
            }
        }
        resources.update(resourceChanges);
        if (!deleted.isEmpty() && fullCompileNeeded == null) {
            fullCompileNeeded = relative(deleted.get(0)) + " was deleted";
        }
        if (!state.known() && fullCompileNeeded == null) {
            fullCompileNeeded = "the module was not compiled before";
        }
        if (fullCompileNeeded != null) {
            return full(fullCompileNeeded, start);
        }
        if (pending.isEmpty()) {
            return new CompileResult(true, List.of(), false, false, null, List.of(), since(start));
        }
        return incremental(start);
    }

    /**
     * Notes a change under a source root: a source, or a directory when a package was added,
     * moved or deleted as a whole and the watcher names only the directory.
     */
    private void sourceChanged(Path file, Path root, List<Path> deleted) throws IOException {
        if (Files.isDirectory(file)) {
            pending.addAll(SourceFiles.javaSources(List.of(file)));
        } else if (Files.isRegularFile(file)) {
            if (SourceFiles.isJava(file)) {
                pending.add(file);
            }
        } else if (!Files.exists(file)) {
            List<Path> gone = new ArrayList<>(state.sourcesUnder(file));
            if (SourceFiles.isJava(file) && !gone.contains(file)) {
                gone.add(file);
            }
            for (Path source : gone) {
                pending.remove(source);
                state.forget(source, root.relativize(source), output);
            }
            if (!gone.isEmpty()) {
                deleted.add(file);
            }
        }
    }

    private CompileResult incremental(long start) throws IOException {
        List<Path> sources = List.copyOf(pending);
        List<Path> classPath = new ArrayList<>();
        classPath.add(output);
        classPath.addAll(settings.classPath());
        JavacRun run = new JavacRun(compiler, fileManager, settings, charset, sources, classPath);
        if (!run.analyse()) {
            return failed(run, false, null, sources, start);
        }
        Map<Path, Map<String, String>> digests = run.digests();
        String changedType = state.changedType(digests, sources);
        if (changedType != null) {
            String reason = "the API of " + changedType + " changed";
            if (!new java.util.HashSet<>(sources).containsAll(SourceFiles.javaSources(settings.sourceRoots()))) {
                return full(reason, start);
            }
            // every source of the module is in this compile already: it is the full compile
            if (!run.generate()) {
                return failed(run, true, reason, sources, start);
            }
            List<StagedFile> staged = run.staged();
            ClassOutput.write(staged);
            ClassOutput.delete(state.replaceAll(digests, staged));
            pending.clear();
            fullCompileNeeded = null;
            return new CompileResult(true, lines(run), true, true, reason, sources, since(start));
        }
        if (!run.generate()) {
            return failed(run, false, null, sources, start);
        }
        List<StagedFile> staged = run.staged();
        ClassOutput.write(staged);
        ClassOutput.delete(state.replace(sources, digests, staged));
        pending.clear();
        return new CompileResult(true, lines(run), false, false, null, sources, since(start));
    }

    /**
     * Compiles one of the module's sources in memory and throws the result away, so that the
     * compiler's own code is compiled by the JIT before the user's first edit needs it: the first
     * few compiles of a JVM are several times slower than the later ones. Writes nothing.
     */
    public synchronized void warmUp() {
        List<Path> sources = SourceFiles.javaSources(settings.sourceRoots());
        if (sources.isEmpty()) {
            return;
        }
        List<Path> classPath = new ArrayList<>();
        classPath.add(output);
        classPath.addAll(settings.classPath());
        try {
            JavacRun run = new JavacRun(compiler, fileManager, settings, charset, List.of(sources.get(0)), classPath);
            if (run.analyse()) {
                run.generate(); // staged in memory only, and dropped
            }
        } catch (IOException e) {
            // an unreadable tree: the real compiles report it
        }
    }

    private CompileResult full(String reason, long start) throws IOException {
        List<Path> sources = SourceFiles.javaSources(settings.sourceRoots());
        Map<Path, Map<String, String>> digests = Map.of();
        List<StagedFile> staged = List.of();
        List<String> lines = List.of();
        if (!sources.isEmpty()) { // javac refuses to run without sources; a module may have none
            // Without the output directory on the class path: a class whose source is gone must
            // not be found there.
            JavacRun run = new JavacRun(compiler, fileManager, settings, charset, sources, settings.classPath());
            if (!run.analyse() || !run.generate()) {
                fullCompileNeeded = reason;
                return failed(run, true, reason, sources, start);
            }
            digests = run.digests();
            staged = run.staged();
            lines = lines(run);
        }
        boolean apiChanged = state.apiChanged(digests);
        ClassOutput.write(staged);
        ClassOutput.delete(state.replaceAll(digests, staged));
        pending.clear();
        fullCompileNeeded = null;
        return new CompileResult(true, lines, apiChanged, true, reason, sources, since(start));
    }

    private CompileResult failed(JavacRun run, boolean full, String reason, List<Path> sources, long start) {
        return new CompileResult(false, lines(run), false, full, reason, sources, since(start));
    }

    private List<String> lines(JavacRun run) {
        List<String> lines = new ArrayList<>(run.failures());
        lines.addAll(diagnosticLines.format(run.diagnostics()));
        return lines;
    }

    private String relative(Path file) {
        Path module = SourceFiles.normal(settings.moduleDirectory());
        return file.startsWith(module) ? module.relativize(file).toString() : file.toString();
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Closes the file manager, releasing the jars it holds open. */
    @Override
    public synchronized void close() throws IOException {
        fileManager.close();
    }
}
