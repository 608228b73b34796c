package io.github.hotreload.config;

import io.github.hotreload.java.JavaModule;
import io.github.hotreload.watch.PathFilter;
import java.util.List;

/**
 * What the {@code java} preset adds to a service: its module, the reactor modules it depends on
 * (compiled before it, in this order, and watched with it), and what it runs.
 *
 * @param module the service's own module
 * @param upstream the reactor modules it depends on, in build order
 * @param upstreamFilters the files of each upstream module that count, in the same order
 * @param mainClass the class whose {@code main} starts it
 * @param exitAgentJar where the builder writes the agent that ends a stopping JVM once its
 *     shutdown hooks are done (the run command loads it)
 */
public record JavaService(JavaModule module, List<JavaModule> upstream, List<PathFilter> upstreamFilters, String mainClass,
        java.nio.file.Path exitAgentJar) {

    public JavaService {
        upstream = List.copyOf(upstream);
        upstreamFilters = List.copyOf(upstreamFilters);
    }
}
