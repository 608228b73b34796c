package io.github.hotreload.engine;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.engine.ReloadEvent.ProcessStarted;
import io.github.hotreload.engine.ReloadEvent.Warning;
import io.github.hotreload.process.Launch;
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
 * Replaces a service's process: stops the old tree, waits until its port is free, starts the new
 * process and waits until it is ready. Only called once a build has succeeded.
 */
final class ProcessSwap implements Swap {

    /**
     * How a swap went: {@code started} is the new process (null when it could not be started); on
     * failure, {@code failedStep} and {@code reason} say why.
     */
    record Result(LaunchedProcess started, ReloadStep failedStep, String reason, List<String> tail, Duration restart) {
        boolean ready() {
            return failedStep == null;
        }
    }

    private final ServiceSpec spec;
    private final ProcessSupervisor supervisor;
    private final ReloadListener events;
    private final Launch run;
    private final OutputSink output;
    /**
     * The next process, started ahead and waiting, so that a reload does not wait for it to be
     * spawned: for a java service with the prestart, the next JVM (see {@code Prestart}), which
     * has booted and loaded its classes; for any other, the shell of the run command, which runs
     * it once told (see {@code ShellCommand#argvAfterGo}).
     */
    private final Spare spare;
    private final boolean prestartsJvm;
    private volatile Duration fastestStart;

    ProcessSwap(ServiceSpec spec, ProcessSupervisor supervisor, ReloadListener events, OutputSink output) {
        this.spec = spec;
        this.supervisor = supervisor;
        this.events = events;
        this.run = new Launch(spec.name(), spec.run(), spec.directory(), spec.environment());
        this.output = output;
        this.spare = new Spare(supervisor);
        this.prestartsJvm = spec.java() != null && spec.run().contains(io.github.hotreload.process.ExitAgentJar.prestartMainClass());
    }

    @Override
    public Result replace(LaunchedProcess old, Consumer<LaunchedProcess> onStarted) throws InterruptedException {
        long begin = System.nanoTime();
        if (old != null) {
            try {
                supervisor.stop(old, spec.stopTimeout());
            } catch (IllegalStateException e) {
                return new Result(null, ReloadStep.STOP, e.getMessage(), old.tail(), since(begin));
            }
        }
        Result launched = launch(onStarted, begin);
        return launched.started() == null ? launched : awaitReady(launched.started(), begin);
    }

    /**
     * Starts the service (the old process is gone) and returns without waiting for it to be
     * ready: a result with the new process, or the failure; {@code begin} is when the swap began
     * (a {@link System#nanoTime()}), for the restart time.
     */
    Result launch(Consumer<LaunchedProcess> onStarted, long begin) throws InterruptedException {
        awaitPortFree(spec, supervisor, events);
        LaunchedProcess started;
        try {
            started = takeSpare();
            if (started == null) {
                started = supervisor.launch(run, output, spec.readiness().logPattern());
            }
        } catch (IOException e) {
            return new Result(null, ReloadStep.START, "the run command could not be started: " + e.getMessage(),
                    List.of(), since(begin));
        }
        onStarted.accept(started);
        events.on(new ProcessStarted(spec.name(), Instant.now(), started.pid()));
        return new Result(started, null, null, List.of(), since(begin));
    }

    /** Waits until the process that {@link #launch} started is ready: the swap's result. */
    Result awaitReady(LaunchedProcess started, long begin) throws InterruptedException {
        ReadyResult ready = supervisor.awaitReady(started, spec.readiness());
        if (!ready.ready()) {
            // the next start (a crash's restart, the fix's reload) need not spawn its process either
            prepareSpare();
            return new Result(started, ReloadStep.READY, "not ready: " + ready.reason(), ready.tail(), since(begin));
        }
        Duration toReady = Duration.between(started.startedAt(), Instant.now());
        if (fastestStart == null || toReady.compareTo(fastestStart) < 0) {
            fastestStart = toReady;
        }
        prepareSpare();
        return new Result(started, null, null, List.of(), since(begin));
    }

    /**
     * The shortest time any of its starts took from launch to ready; null before the first. A
     * service that always takes longer than the rest of a quiet period can be started while it
     * passes: a change meanwhile stops it before it serves.
     */
    Duration fastestStart() {
        return fastestStart;
    }

    /** The process started ahead, told to go; null when there is none (or it cannot serve). */
    private LaunchedProcess takeSpare() throws IOException, InterruptedException {
        LaunchedProcess s = spare.take();
        if (s != null) {
            s.release();
        }
        return s;
    }

    /**
     * Starts the next process now, while this one serves (or after a start that did not get
     * ready), to wait: a JVM that boots and loads the classes the service used (an idle JVM), or
     * the shell of the run command (an idle shell). It is stopped with the session.
     */
    private void prepareSpare() throws InterruptedException {
        if (!spare.isEmpty()) {
            return;
        }
        try {
            spare.offer(prestartsJvm
                    ? supervisor.launchPaused(run, output, spec.readiness().logPattern())
                    : supervisor.launchAhead(run, output, spec.readiness().logPattern()));
        } catch (IOException e) {
            // the next reload starts its process the usual way
        }
    }

    @Override
    public void stop(LaunchedProcess current) throws InterruptedException {
        if (current != null) {
            supervisor.stop(current, spec.stopTimeout());
        }
    }

    @Override
    public void prepareStop(LaunchedProcess current) {
        if (current != null) {
            supervisor.survey(current);
        }
    }

    /** Stops the process started ahead, if any: the service stops, or will not need it. */
    @Override
    public void dropSpare() {
        spare.drop();
    }

    /** Waits until the service's port on this machine is free, warning when it stays in use. */
    static void awaitPortFree(ServiceSpec spec, ProcessSupervisor supervisor, ReloadListener events)
            throws InterruptedException {
        int port = spec.readiness().listenPort();
        if (port > 0 && spec.readiness().onThisMachine() && !supervisor.awaitPortFree(port, spec.stopTimeout())) {
            events.on(new Warning(spec.name(), Instant.now(), "port " + port
                    + " is still in use by another process; starting anyway"));
        }
    }

    static Duration since(long begin) {
        return Duration.ofNanos(System.nanoTime() - begin);
    }
}
