package io.github.hotreload.container;

import io.github.hotreload.watch.GlobPattern;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How a service runs in a compose container: which compose service, from which files, what a host
 * build puts into the container, and which changes rebuild the image instead.
 *
 * @param composeService the service's name in the compose files
 * @param files the user's compose files, in order
 * @param projectDirectory the directory of the first file, where compose runs
 * @param copies what to copy into the container after each successful host build
 * @param rebuildGlobs globs relative to the service directory whose changes rebuild the image and
 *     recreate the container
 * @param rebuildFiles absolute files whose changes do the same (the Dockerfile, the compose files)
 * @param builds whether the compose service has a {@code build} section (else it runs an image as is)
 * @param volumes the named volumes it mounts (its caches), removed by a clean rebuild
 * @param init whether the plugin gives the container an init process ({@code init: true}), as the
 *     compose service does not say: a program that runs as the container's first process gets no
 *     default action for SIGTERM, and would only stop at SIGKILL
 * @param cli the docker and compose commands
 */
public record ContainerSpec(String composeService, List<Path> files, Path projectDirectory, List<Copy> copies,
        List<GlobPattern> rebuildGlobs, Set<Path> rebuildFiles, boolean builds, List<String> volumes, boolean init,
        ComposeCli cli) {

    /**
     * One copy into the container.
     *
     * @param from an absolute path on the host (a file or a directory)
     * @param to an absolute path in the container, or null for the program the container's
     *     command runs (its entrypoint, else its command), found when the container is created
     */
    public record Copy(Path from, String to) {
        @Override
        public String toString() {
            return from + " -> " + (to == null ? "(the container's program)" : to);
        }
    }

    public ContainerSpec {
        files = List.copyOf(files);
        copies = List.copyOf(copies);
        rebuildGlobs = List.copyOf(rebuildGlobs);
        rebuildFiles = Set.copyOf(rebuildFiles);
        volumes = List.copyOf(volumes);
    }

    /** Whether a change of {@code path} (absolute) rebuilds the image, for a service in {@code directory}. */
    public boolean rebuilds(Path path, Path directory) {
        if (rebuildFiles.contains(path)) {
            return true;
        }
        if (!path.startsWith(directory)) {
            return false;
        }
        String rel = directory.relativize(path).toString().replace('\\', '/');
        for (GlobPattern g : rebuildGlobs) {
            if (g.matches(rel, false)) {
                return true;
            }
        }
        return false;
    }
}
