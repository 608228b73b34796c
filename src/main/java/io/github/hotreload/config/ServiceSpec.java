package io.github.hotreload.config;

import io.github.hotreload.container.ContainerSpec;
import io.github.hotreload.process.Readiness;
import io.github.hotreload.watch.PathFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One service, with its preset's defaults and the user's overrides merged and checked.
 *
 * @param name unique name
 * @param directory absolute, normalized service directory
 * @param preset the preset its defaults came from
 * @param filter which files count as changes and which directories are watched
 * @param build build command, or null for none
 * @param run run command
 * @param clean command that removes build output, or null for none
 * @param environment variables added to the plugin's own environment
 * @param delay quiet period after the last change
 * @param maxDelay longest a stream of changes may postpone a build
 * @param stopTimeout time between SIGTERM and SIGKILL
 * @param readiness when a started process counts as ready
 * @param buildWrites files the build itself writes (such as {@code Cargo.lock}): their content
 *     after a build is the new baseline, so that a build never triggers the next one
 * @param probe how verify-reload changes a file of the service, or null when it has no probe
 * @param restart what happens when the process exits by itself
 * @param poll poll the tree at this interval instead of using file events; null for events
 * @param java for the java preset: the module, what it depends on and runs; null otherwise
 * @param outside the trees outside the directory that the service is built from (path
 *     dependencies, local replacements, the workspace's manifests), each with the files that count
 * @param dependsOn the services that must be ready before this one starts
 * @param container for a service that runs in a compose container: which, and how; null for a
 *     process on this machine
 */
public record ServiceSpec(
        String name,
        Path directory,
        Preset preset,
        PathFilter filter,
        String build,
        String run,
        String clean,
        Map<String, String> environment,
        Duration delay,
        Duration maxDelay,
        Duration stopTimeout,
        Readiness readiness,
        Set<Path> buildWrites,
        Probe probe,
        RestartPolicy restart,
        Duration poll,
        JavaService java,
        List<PathFilter> outside,
        List<String> dependsOn,
        ContainerSpec container) {

    public ServiceSpec {
        environment = Map.copyOf(environment);
        buildWrites = Set.copyOf(buildWrites);
        outside = List.copyOf(outside);
        dependsOn = List.copyOf(dependsOn);
    }

    /** Whether a build runs before each start: a build command, the Java compiler, or an image build. */
    public boolean hasBuild() {
        return build != null || java != null || container != null;
    }

    /**
     * Every tree whose changes count for this service: its own, then those outside it that it is
     * built from, then those of the modules it depends on.
     */
    public List<PathFilter> filters() {
        if (outside.isEmpty() && (java == null || java.upstreamFilters().isEmpty())) {
            return List.of(filter);
        }
        List<PathFilter> all = new ArrayList<>();
        all.add(filter);
        all.addAll(outside);
        if (java != null) {
            all.addAll(java.upstreamFilters());
        }
        return List.copyOf(all);
    }
}
