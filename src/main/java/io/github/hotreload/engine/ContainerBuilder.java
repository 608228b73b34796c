package io.github.hotreload.engine;

import io.github.hotreload.container.ContainerControl;
import io.github.hotreload.container.ContainerSpec;
import io.github.hotreload.process.BuildResult;
import io.github.hotreload.process.OutputSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The build of a service in a container: the host build (the preset's, with the host's caches),
 * then, at the first start and when a change rebuilds the image (its Dockerfile, the compose
 * files, what {@code <rebuildOn>} names), {@code compose build}, after which the swap recreates
 * the container. The old container serves throughout.
 */
final class ContainerBuilder implements Builder {

    private final Builder host;
    private final ContainerControl control;
    private final ContainerSwap swap;
    private final Path directory;
    private final Duration stopTimeout;
    private boolean imageBuilt;
    private boolean cleaned;

    /** @param host the host build, or null when there is none */
    ContainerBuilder(Builder host, ContainerControl control, ContainerSwap swap, Path directory, Duration stopTimeout) {
        this.host = host;
        this.control = control;
        this.swap = swap;
        this.directory = directory;
        this.stopTimeout = stopTimeout;
    }

    @Override
    public String description() {
        return host != null ? host.description() : "compose build " + control.spec().composeService();
    }

    @Override
    public boolean cancellable() {
        return true;
    }

    @Override
    public BuildResult build(Set<Path> changed, OutputSink output) throws IOException, InterruptedException {
        long begin = System.nanoTime();
        if (host != null) {
            BuildResult built = host.build(changed, output);
            if (!built.succeeded()) {
                return built;
            }
        }
        ContainerSpec c = control.spec();
        boolean image = !imageBuilt || cleaned || changed.stream().anyMatch(p -> c.rebuilds(p, directory));
        if (image) {
            BuildResult built = control.buildImage(output, stopTimeout);
            if (!built.succeeded()) {
                return new BuildResult(built.exitCode(), Duration.ofNanos(System.nanoTime() - begin), built.tail());
            }
            if (imageBuilt) {
                swap.recreateNext();
            }
            imageBuilt = true;
            cleaned = false;
        }
        return new BuildResult(0, Duration.ofNanos(System.nanoTime() - begin), java.util.List.of());
    }

    @Override
    public void prepare(OutputSink output) throws InterruptedException {
        if (host != null) {
            host.prepare(output);
        }
    }

    @Override
    public void dropPrepared() {
        if (host != null) {
            host.dropPrepared();
        }
    }

    @Override
    public String cleanDescription() {
        String container = "remove the container and its volumes";
        return host != null && host.cleanDescription() != null ? host.cleanDescription() + "; " + container : container;
    }

    @Override
    public BuildResult clean(OutputSink output) throws IOException, InterruptedException {
        BuildResult result = host != null && host.cleanDescription() != null
                ? host.clean(output)
                : new BuildResult(0, Duration.ZERO, java.util.List.of());
        if (result.succeeded()) {
            cleaned = true;
            swap.dropVolumesNext();
        }
        return result;
    }
}
