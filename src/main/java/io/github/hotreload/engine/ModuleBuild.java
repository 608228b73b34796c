package io.github.hotreload.engine;

import io.github.hotreload.java.CompileResult;
import io.github.hotreload.java.JavaModule;
import io.github.hotreload.java.ModuleCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One Java module's warm compiler, shared by every service of the session that needs the
 * module: a library edit is compiled once, whichever service sees it first, and the others find
 * it up to date. Counts the compiles that changed the module's API, so that a module built on it
 * knows to compile in full.
 */
final class ModuleBuild implements AutoCloseable {

    /** What a call brought about: the compile (null when the module was up to date) and the API generation. */
    record Outcome(CompileResult result, int apiGeneration) {
        boolean succeeded() {
            return result == null || result.succeeded();
        }
    }

    private static final FileTime ABSENT = FileTime.fromMillis(Long.MIN_VALUE);

    /** Warm-up compiles after the first one: the JIT compiles javac's hot code within about this many. */
    static final int WARM_UP_ROUNDS = 6;

    private final JavaModule module;
    private final ModuleCompiler compiler;
    private final Runnable afterCompile;
    /** The modification time of each file as of its last successful compile, or {@link #ABSENT} once deleted. */
    private final Map<Path, FileTime> compiledAt = new HashMap<>();
    private boolean compiledOnce;
    private volatile boolean closed;
    private int apiGeneration;

    /** @param afterCompile told after each compile, on the compiling thread (the session collects garbage when idle) */
    ModuleBuild(JavaModule module, Runnable afterCompile) {
        this.module = module;
        this.compiler = new ModuleCompiler(module.compiler());
        this.afterCompile = afterCompile;
    }

    JavaModule module() {
        return module;
    }

    /**
     * Compiles what changed since the module was last compiled: everything on first use or when
     * {@code full}, else the files of {@code changes} that are not compiled as they are now.
     */
    synchronized Outcome bringUpToDate(Set<Path> changes, boolean full) throws IOException {
        Set<Path> todo = new LinkedHashSet<>();
        for (Path p : changes) {
            if (!p.startsWith(module.directory())) {
                continue;
            }
            if (!stamp(p).equals(compiledAt.get(p))) {
                todo.add(p);
            }
        }
        CompileResult result;
        if (!compiledOnce || full) {
            result = compiler.compileAll();
        } else if (todo.isEmpty()) {
            return new Outcome(null, apiGeneration);
        } else {
            result = compiler.compile(todo);
        }
        afterCompile.run();
        if (result.succeeded()) {
            if (!compiledOnce) {
                warmUpInBackground();
            }
            compiledOnce = true;
            for (Path p : todo) {
                compiledAt.put(p, stamp(p));
            }
            if (result.apiChanged()) {
                apiGeneration++;
            }
        }
        return new Outcome(result, apiGeneration);
    }

    /**
     * Compiles in memory a few times on a low-priority thread, so that the user's first edits are
     * compiled by a warm compiler: the first compiles of a JVM take several times longer.
     */
    private void warmUpInBackground() {
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < WARM_UP_ROUNDS && !closed; i++) {
                    compiler.warmUp();
                }
                afterCompile.run();
            } catch (RuntimeException e) {
                // closed meanwhile, or a module javac cannot analyse: the real compiles say more
            }
        }, "hotreload-warm-up-" + module.id());
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    synchronized int apiGeneration() {
        return apiGeneration;
    }

    private static FileTime stamp(Path p) {
        try {
            return Files.exists(p) ? Files.getLastModifiedTime(p) : ABSENT;
        } catch (IOException e) {
            return ABSENT;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        compiler.close();
    }
}
