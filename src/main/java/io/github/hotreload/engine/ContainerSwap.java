package io.github.hotreload.engine;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.container.ContainerControl;
import io.github.hotreload.engine.ReloadEvent.ProcessStarted;
import io.github.hotreload.engine.ReloadEvent.Warning;
import io.github.hotreload.process.BuildResult;
import io.github.hotreload.process.LaunchedProcess;
import io.github.hotreload.process.OutputSink;
import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.process.ReadyResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replaces a service that runs in a compose container. With an engine on this machine, the
 * container sees the host build through bind mounts (its program a link into them, made once
 * when it is created), so a reload is a stop and a start. Elsewhere, what the host build made is
 * copied into the container while it stops (its process keeps the program it runs). Then it starts
 * attached ({@code docker start -a}), so that its output and its exit reach the service's loop
 * like a process's. When the image was rebuilt, the container is recreated from it instead, and
 * the copy goes into the new one.
 * Only called once a build has succeeded.
 */
final class ContainerSwap implements Swap {

    private final ServiceSpec spec;
    private final ProcessSupervisor supervisor;
    private final ReloadListener events;
    private final ContainerControl control;
    private final OutputSink output;
    private final OutputSink composeOutput;
    /** The container, once created; the loop's thread only. */
    private volatile String id;
    private String project;
    private boolean recreate;
    private boolean dropVolumes;

    ContainerSwap(ServiceSpec spec, ProcessSupervisor supervisor, ReloadListener events, ContainerControl control,
            OutputSink output, OutputSink composeOutput) {
        this.spec = spec;
        this.supervisor = supervisor;
        this.events = events;
        this.control = control;
        this.output = output;
        this.composeOutput = composeOutput;
    }

    /** The image was rebuilt: the next start creates the container anew from it. */
    void recreateNext() {
        recreate = true;
    }

    /** A clean rebuild: the next start also drops the container's named volumes, its caches. */
    void dropVolumesNext() {
        dropVolumes = true;
        recreate = true;
    }

    /** The container's id, or null before it is created. */
    String containerId() {
        return id;
    }

    @Override
    public ProcessSwap.Result replace(LaunchedProcess old, Consumer<LaunchedProcess> onStarted) throws InterruptedException {
        long begin = System.nanoTime();
        try {
            boolean copied = false;
            java.util.concurrent.CompletableFuture<BuildResult> copy = null;
            if (id != null && !recreate && !control.mounts()) {
                // into the container while it stops: its process keeps the program it runs, and
                // the new one starts with the build's
                String container = id;
                copy = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return control.copy(container, composeOutput, spec.stopTimeout());
                    } catch (IOException e) {
                        return new BuildResult(-1, Duration.ZERO, List.of(e.getMessage()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return new BuildResult(-1, Duration.ZERO, List.of("interrupted"));
                    }
                });
            }
            if (id != null && !recreate) {
                copied = true; // copied above, or seen through the mounts
            }
            if (id != null) {
                BuildResult stopped = control.stop(id, spec.stopTimeout());
                BuildResult c = copy == null ? null : awaitCopy(copy);
                if (c != null && !c.succeeded()) {
                    return new ProcessSwap.Result(null, ReloadStep.START, "copying the build into the container failed: "
                            + String.join(" | ", c.tail()), c.tail(), ProcessSwap.since(begin));
                }
                if (!stopped.succeeded()) {
                    return new ProcessSwap.Result(null, ReloadStep.STOP, "docker stop failed: "
                            + String.join(" | ", stopped.tail()), stopped.tail(), ProcessSwap.since(begin));
                }
            }
            if (old != null) {
                supervisor.stop(old, Duration.ofSeconds(2)); // docker start -a ends with its container
            }
            if (id == null || recreate) {
                if (dropVolumes && id != null) {
                    control.remove(id);
                    List<String> kept = control.removeVolumes(project, control.spec().volumes(), composeOutput);
                    if (!kept.isEmpty()) {
                        events.on(new Warning(spec.name(), Instant.now(), "volumes still in use, kept: "
                                + String.join(", ", kept)));
                    }
                }
                id = control.create(recreate, composeOutput, spec.stopTimeout());
                project = control.project(id);
                recreate = false;
                dropVolumes = false;
                supervisor.onDeath(ContainerControl.removeSessionCommand(control.spec().cli().docker(),
                        supervisor.sessionTag(), spec.stopTimeout()));
            }
            if (!copied) {
                BuildResult c = control.link(id, composeOutput, spec.stopTimeout());
                if (!c.succeeded()) {
                    return new ProcessSwap.Result(null, ReloadStep.START, "putting the build into the container failed: "
                            + String.join(" | ", c.tail()), c.tail(), ProcessSwap.since(begin));
                }
            }
        } catch (IOException e) {
            return new ProcessSwap.Result(null, ReloadStep.START, e.getMessage(), List.of(), ProcessSwap.since(begin));
        }
        ProcessSwap.awaitPortFree(spec, supervisor, events);
        LaunchedProcess started;
        try {
            started = supervisor.launch(control.attach(id, spec.directory()), output, spec.readiness().logPattern());
        } catch (IOException e) {
            return new ProcessSwap.Result(null, ReloadStep.START, "docker start could not be run: " + e.getMessage(),
                    List.of(), ProcessSwap.since(begin));
        }
        onStarted.accept(started);
        events.on(new ProcessStarted(spec.name(), Instant.now(), started.pid()));
        ReadyResult ready = supervisor.awaitReady(started, spec.readiness());
        if (!ready.ready()) {
            return new ProcessSwap.Result(started, ReloadStep.READY, "not ready: " + ready.reason(), ready.tail(),
                    ProcessSwap.since(begin));
        }
        return new ProcessSwap.Result(started, null, null, List.of(), ProcessSwap.since(begin));
    }

    private static BuildResult awaitCopy(java.util.concurrent.CompletableFuture<BuildResult> copy)
            throws InterruptedException {
        try {
            return copy.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return new BuildResult(-1, Duration.ZERO, List.of(String.valueOf(e.getCause())));
        }
    }

    /**
     * Stops and removes the container (its named volumes stay: they are caches), then its attach
     * process, and the project's networks once none of its containers is left. An interrupted stop can be called again: the container is forgotten only once it
     * is gone.
     */
    @Override
    public void stop(LaunchedProcess current) throws InterruptedException {
        String container = id;
        if (container != null) {
            try {
                control.stop(container, spec.stopTimeout());
                control.remove(container);
                control.downIfEmpty(project);
            } catch (IOException e) {
                events.on(new ReloadEvent.Error(spec.name(), Instant.now(), "the container " + container
                        + " could not be removed: " + e.getMessage()));
            }
            id = null;
            control.forget();
        }
        if (current != null) {
            supervisor.stop(current, Duration.ofSeconds(2));
        }
    }

    @Override
    public void dropSpare() {
        // a container has no spare
    }
}
