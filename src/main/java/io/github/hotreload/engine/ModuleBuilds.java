package io.github.hotreload.engine;

import io.github.hotreload.java.JavaModule;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The session's warm compilers, one per Java module, created when a service first needs one. */
final class ModuleBuilds implements AutoCloseable {

    private final Map<String, ModuleBuild> builds = new LinkedHashMap<>();

    synchronized ModuleBuild of(JavaModule module) {
        return builds.computeIfAbsent(module.id(), id -> new ModuleBuild(module));
    }

    @Override
    public synchronized void close() {
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
