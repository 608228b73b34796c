package io.github.hotreload.engine;

import io.github.hotreload.java.JavaModule;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session's warm compilers, one per Java module, created when a service first needs one. A
 * compile leaves garbage that the JVM would keep committed for the whole session; two seconds
 * after the last compile, the JVM is asked once to collect it, so that a watch idles small.
 */
final class ModuleBuilds implements AutoCloseable {

    static final long IDLE_GC_DELAY_MS = 2000;

    private final Map<String, ModuleBuild> builds = new LinkedHashMap<>();
    private java.util.concurrent.ScheduledExecutorService collector;
    private java.util.concurrent.ScheduledFuture<?> pending;

    synchronized ModuleBuild of(JavaModule module) {
        return builds.computeIfAbsent(module.id(), id -> new ModuleBuild(module, this::compiled));
    }

    /** A compile ended: collect garbage once compiles have stopped for a while. */
    private synchronized void compiled() {
        if (collector == null) {
            collector = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hotreload-idle-gc");
                t.setDaemon(true);
                return t;
            });
        }
        if (pending != null) {
            pending.cancel(false);
        }
        pending = collector.schedule(System::gc, IDLE_GC_DELAY_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (collector != null) {
            collector.shutdownNow();
        }
        for (ModuleBuild b : builds.values()) {
            try {
                b.close();
            } catch (IOException e) {
                // releasing the file manager does not fail in practice; nothing to do if it does
            }
        }
        builds.clear();
    }
}
