package io.github.hotreload.engine;

import io.github.hotreload.console.ServiceConsole;
import io.github.hotreload.process.BuildResult;
import io.github.hotreload.process.LaunchedProcess;
import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.process.ReadyResult;
import io.github.hotreload.config.DurationParser;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.watch.ChangeWatcher;
import io.github.hotreload.watch.ContentIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one service running: on its own thread it waits for changes, debounces them, builds while
 * the old process keeps serving and, only when the build succeeds, replaces the old process tree
 * with a new one and waits until it is ready.
 *
 * <p>One build at a time: changes that arrive during a build wait in the queue and lead to
 * exactly one more build once the current reload is done (the running build is not cancelled, so
 * every build that starts also finishes and reports its errors).
 */
final class ServiceLoop implements ChangeWatcher.Listener {

    /** What the loop's thread waits for. */
    private sealed interface Signal permits Changed, Overflow, Exited, Rebuild, Stop {}

    private record Changed(Path path, long nanos) implements Signal {}

    private record Overflow(long nanos) implements Signal {}

    private record Exited(LaunchedProcess process, int code) implements Signal {}

    private record Rebuild(boolean clean, CompletableFuture<ReloadOutcome> reply, long nanos) implements Signal {}

    private record Stop() implements Signal {}

    /**
     * Debounced changes (or requests), ready to build; {@code outside}: the paths among them that
     * changed (also) while no build ran.
     */
    private record Batch(Set<Path> paths, Set<Path> outside, boolean overflow, long firstNanos, List<Rebuild> requests,
            boolean restart) {
        boolean forced() {
            return !requests.isEmpty();
        }

        boolean clean() {
            return requests.stream().anyMatch(Rebuild::clean);
        }
    }

    private final ServiceSpec spec;
    private final ProcessSupervisor supervisor;
    private final ServiceConsole console;
    private final ReloadListener listener;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final ContentIndex index;
    private final Thread thread;
    private ChangeWatcher watcher;
    private volatile LaunchedProcess current;
    private volatile boolean stopping;
    /** Exits in a row of processes that did not stay up for {@link #STABLE}. */
    private int crashes;
    /** When to start the service again after it exited, in nanoTime; 0 for not at all. */
    private long restartAt;
    private final BuildLoopDetector buildLoops = new BuildLoopDetector();

    /** A process that stays up this long is not crash-looping: the next backoff starts small again. */
    static final Duration STABLE = Duration.ofSeconds(10);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    ServiceLoop(ServiceSpec spec, ProcessSupervisor supervisor, ServiceConsole console, ReloadListener listener) {
        this.spec = spec;
        this.supervisor = supervisor;
        this.console = console;
        this.listener = listener;
        this.index = new ContentIndex(spec.filter());
        this.thread = new Thread(this::run, "hotreload-" + spec.name());
        this.thread.setDaemon(true);
    }

    ServiceSpec spec() {
        return spec;
    }

    ContentIndex index() {
        return index;
    }

    /** Puts the watches in place; changes from now on are seen. */
    void watch() throws IOException {
        watcher = spec.poll() != null
                ? ChangeWatcher.poll(spec.name(), spec.filter(), this, spec.poll())
                : ChangeWatcher.start(spec.name(), spec.filter(), this);
    }

    /** Starts the loop's thread, which builds and starts the service first. */
    void start() {
        thread.start();
    }

    /** Asks the loop to stop its processes and end; returns at once. */
    void requestStop() {
        stopping = true;
        signals.add(new Stop());
        thread.interrupt();
    }

    /**
     * Asks for a rebuild and restart whatever changed, after a clean when {@code clean}; the
     * returned future completes when it is done. A request during a build is served after it.
     */
    CompletableFuture<ReloadOutcome> requestRebuild(boolean clean) {
        CompletableFuture<ReloadOutcome> reply = new CompletableFuture<>();
        if (stopping) {
            reply.complete(ReloadOutcome.failed(spec.name(), ReloadListener.Step.BUILD, "the session is stopping", List.of()));
        } else {
            signals.add(new Rebuild(clean, reply, System.nanoTime()));
        }
        return reply;
    }

    /** Waits for the loop to end. */
    boolean await(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    boolean isRunning() {
        return thread.isAlive();
    }

    /** The current process, or null. */
    LaunchedProcess current() {
        return current;
    }

    // ---- ChangeWatcher.Listener, on the watcher's thread ----

    @Override
    public void onChange(Path path) {
        index.touched(path);
        signals.add(new Changed(path, System.nanoTime()));
    }

    @Override
    public void onOverflow() {
        signals.add(new Overflow(System.nanoTime()));
    }

    @Override
    public void onProblem(String message) {
        console.warning(message);
    }

    // ---- the loop ----

    private void run() {
        List<Rebuild> unanswered = new ArrayList<>();
        try {
            reload(Set.of(), System.nanoTime(), true, false);
            while (!stopping) {
                Batch batch = nextBatch(unanswered);
                if (batch == null) {
                    break;
                }
                if (batch.restart()) {
                    restartAt = 0;
                    swap(List.of(), batch.firstNanos(), Duration.ZERO, Kind.RESTART);
                    continue;
                }
                Set<Path> changed;
                if (batch.overflow()) {
                    index.forget();
                    console.warning("the system dropped file events; rebuilding to be safe");
                    changed = batch.paths();
                } else {
                    changed = index.differing(batch.paths());
                    if (changed.isEmpty() && !batch.forced()) {
                        listener.changesIgnored(spec.name(), batch.paths());
                        continue;
                    }
                }
                String loop = spec.hasBuild()
                        ? buildLoops.next(changed, batch.outside(), batch.forced() || batch.overflow(), spec.directory(), spec.name())
                        : null;
                if (loop != null) {
                    console.warning(loop);
                }
                ReloadOutcome outcome = reload(changed, batch.firstNanos(), false, batch.clean());
                for (Rebuild r : batch.requests()) {
                    r.reply().complete(outcome);
                }
                unanswered.removeAll(batch.requests());
            }
        } catch (InterruptedException e) {
            // asked to stop
        } catch (RuntimeException | Error e) {
            console.error("stopped watching after an internal error: " + e);
            throw e;
        } finally {
            stopCurrent();
            if (watcher != null) {
                watcher.close();
            }
            for (Rebuild r : unanswered) {
                r.reply().complete(ReloadOutcome.failed(spec.name(), ReloadListener.Step.BUILD,
                        "the session stopped before the rebuild", List.of()));
            }
            for (Signal s : signals) {
                if (s instanceof Rebuild r) {
                    r.reply().complete(ReloadOutcome.failed(spec.name(), ReloadListener.Step.BUILD,
                            "the session stopped before the rebuild", List.of()));
                }
            }
        }
    }

    /**
     * Waits for a change, then for a quiet period of {@code delay} after the latest one (at most
     * {@code maxDelay} after the first), and returns everything that arrived. Returns null when
     * the loop is asked to stop.
     */
    private Batch nextBatch(List<Rebuild> requests) throws InterruptedException {
        Set<Path> paths = new LinkedHashSet<>();
        Set<Path> outside = new HashSet<>();
        boolean overflow = false;
        requests.clear();
        long first = 0;
        long last = 0;
        List<Signal> drained = new ArrayList<>();
        while (true) {
            long now = System.nanoTime();
            Signal s;
            if (first == 0 && restartAt != 0) {
                long untilRestart = restartAt - now;
                s = untilRestart <= 0 ? null : signals.poll(untilRestart, TimeUnit.NANOSECONDS);
                if (s == null) {
                    return new Batch(Set.of(), Set.of(), false, now, List.of(), true);
                }
            } else if (first == 0) {
                s = signals.take();
            } else {
                long quietEnd = last + spec.delay().toNanos();
                long capEnd = first + spec.maxDelay().toNanos();
                long wait = Math.min(quietEnd, capEnd) - now;
                if (wait <= 0 || !requests.isEmpty()) {
                    return new Batch(paths, outside, overflow, first, List.copyOf(requests), false);
                }
                s = signals.poll(wait, TimeUnit.NANOSECONDS);
                if (s == null) {
                    continue;
                }
            }
            drained.clear();
            drained.add(s);
            signals.drainTo(drained);
            for (Signal signal : drained) {
                if (signal instanceof Stop) {
                    return null;
                } else if (signal instanceof Exited exited) {
                    processExited(exited);
                } else if (signal instanceof Changed c) {
                    paths.add(c.path());
                    if (!buildLoops.duringLastBuild(c.nanos())) {
                        outside.add(c.path());
                    }
                    first = first == 0 ? c.nanos() : Math.min(first, c.nanos());
                    last = Math.max(last, c.nanos());
                } else if (signal instanceof Overflow o) {
                    overflow = true;
                    first = first == 0 ? o.nanos() : Math.min(first, o.nanos());
                    last = Math.max(last, o.nanos());
                } else if (signal instanceof Rebuild r) {
                    requests.add(r);
                    first = first == 0 ? r.nanos() : Math.min(first, r.nanos());
                    last = Math.max(last, r.nanos());
                }
            }
        }
    }

    private void processExited(Exited exited) {
        LaunchedProcess p = exited.process();
        if (p != current || stopping) {
            return; // one we stopped ourselves
        }
        if (supervisor.isTreeRunning(p)) {
            // a daemonizing run command: its children are the service now, found by its tag when stopped
            console.status("the run command exited with code " + exited.code()
                    + " and left processes running; they are the service now");
            return;
        }
        current = null;
        Duration uptime = Duration.between(p.startedAt(), java.time.Instant.now());
        listener.processExited(spec.name(), p.pid(), exited.code());
        StringBuilder message = new StringBuilder("exited with code " + exited.code() + " after "
                + DurationParser.format(uptime));
        List<String> tail = p.tail();
        if (!tail.isEmpty()) {
            message.append("; its last lines:");
            for (String line : tail.subList(Math.max(0, tail.size() - 5), tail.size())) {
                message.append(System.lineSeparator()).append("    ").append(line);
            }
        }
        console.error(message.toString());
        if (!spec.restart().restarts(exited.code())) {
            console.status("it will be started again after the next change (restart: " + spec.restart().id() + ")");
            return;
        }
        crashes = uptime.compareTo(STABLE) >= 0 ? 1 : crashes + 1;
        Duration backoff = backoff(crashes);
        restartAt = System.nanoTime() + backoff.toNanos();
        console.status("restarting in " + DurationParser.format(backoff)
                + (crashes > 1 ? " (exit " + crashes + " in a row; each wait doubles, up to "
                        + DurationParser.format(MAX_BACKOFF) + ")" : ""));
    }

    /** 0.5 s after the first exit in a row, doubling after each, at most 30 s. */
    static Duration backoff(int crashesInARow) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(16, Math.max(0, crashesInARow - 1));
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /** Builds and, when the build succeeds, replaces the running process. */
    private ReloadOutcome reload(Set<Path> changes, long since, boolean initial, boolean clean)
            throws InterruptedException {
        List<Path> relative = new ArrayList<>();
        for (Path p : changes) {
            relative.add(spec.directory().relativize(p));
        }
        String what = relative.isEmpty() && !initial ? "rebuild requested" : ChangeSummary.describe(relative) + " changed";
        listener.buildStarted(spec.name(), changes);
        if (clean && spec.clean() != null) {
            console.status("cleaning: " + spec.clean());
            try {
                BuildResult cleaned = supervisor.build(spec, spec.clean(), console);
                if (!cleaned.succeeded()) {
                    return fail(ReloadListener.Step.BUILD, "clean failed with exit code " + cleaned.exitCode(), cleaned.tail());
                }
            } catch (IOException e) {
                return fail(ReloadListener.Step.BUILD, "the clean command could not be started: " + e.getMessage(), List.of());
            }
        }
        Duration buildTime = Duration.ZERO;
        if (spec.hasBuild()) {
            console.status((initial ? "building: " : what + ", building: ") + spec.build());
            BuildResult result;
            try {
                long buildStart = System.nanoTime();
                result = supervisor.build(spec, spec.build(), console);
                buildLoops.buildRan(buildStart, System.nanoTime());
            } catch (IOException e) {
                return fail(ReloadListener.Step.BUILD, "the build command could not be started: " + e.getMessage(), List.of());
            }
            index.rebaseline(spec.buildWrites());
            listener.buildFinished(spec.name(), result);
            buildTime = result.duration();
            if (!result.succeeded()) {
                return fail(ReloadListener.Step.BUILD, "build failed with exit code " + result.exitCode() + " after "
                        + DurationParser.format(buildTime) + "; "
                        + (current != null ? "the previous version keeps running" : "nothing is running")
                        + " until the next change", result.tail());
            }
        } else if (!initial) {
            console.status(what + ", restarting");
        }
        if (!initial) {
            crashes = 0; // a change: whatever crashed before may be fixed now
        }
        restartAt = 0;
        return swap(relative, since, buildTime, initial ? Kind.START : Kind.RELOAD);
    }

    /** Why a process is (re)started. */
    private enum Kind {
        START,
        RELOAD,
        RESTART
    }

    /** Stops the old process tree, if any, waits for its port, starts the new one and waits until it is ready. */
    private ReloadOutcome swap(List<Path> relative, long since, Duration buildTime, Kind kind) throws InterruptedException {
        long restartStart = System.nanoTime();
        LaunchedProcess old = current;
        long oldPid = old == null ? -1 : old.pid();
        if (old != null) {
            // old stays current until it is gone, so that a stop request now still stops it
            try {
                supervisor.stop(old, spec.stopTimeout());
            } catch (IllegalStateException e) {
                return fail(ReloadListener.Step.STOP, e.getMessage(), old.tail());
            }
            current = null;
        }
        int port = spec.readiness().listenPort();
        if (port > 0 && isLocal() && !supervisor.awaitPortFree(port, spec.stopTimeout())) {
            console.warning("port " + port + " is still in use by another process; starting anyway");
        }
        LaunchedProcess started;
        try {
            started = supervisor.start(spec, console);
        } catch (IOException e) {
            return fail(ReloadListener.Step.START, "the run command could not be started: " + e.getMessage(), List.of());
        }
        current = started;
        started.onExit().thenAccept(code -> signals.add(new Exited(started, code)));
        listener.processStarted(spec.name(), started.pid());
        ReadyResult ready = supervisor.awaitReady(started, spec.readiness());
        long end = System.nanoTime();
        if (!ready.ready()) {
            return fail(ReloadListener.Step.READY, "not ready: " + ready.reason(), ready.tail());
        }
        Duration restart = Duration.ofNanos(end - restartStart);
        Duration total = Duration.ofNanos(end - since);
        switch (kind) {
            case START -> console.success("ready in " + DurationParser.format(total)
                    + (spec.hasBuild() ? " (build " + DurationParser.format(buildTime) + ")" : "")
                    + " · pid " + started.pid() + " · " + spec.readiness().describe());
            case RELOAD -> console.success("reloaded (" + (relative.isEmpty() ? "on request" : ChangeSummary.describe(relative))
                    + ") · build " + DurationParser.format(buildTime)
                    + " · restart " + DurationParser.format(restart)
                    + " · total " + DurationParser.format(total));
            case RESTART -> console.success("restarted · pid " + started.pid() + " · ready in "
                    + DurationParser.format(restart));
        }
        ReloadReport report = new ReloadReport(spec.name(), kind != Kind.RELOAD, relative, buildTime, restart, total,
                oldPid, started.pid());
        listener.reloaded(report);
        return ReloadOutcome.ok(report);
    }

    private boolean isLocal() {
        var url = spec.readiness().url();
        if (url == null) {
            return true;
        }
        String host = url.getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("0.0.0.0");
    }

    private ReloadOutcome fail(ReloadListener.Step step, String reason, List<String> tail) {
        console.error(reason);
        listener.reloadFailed(spec.name(), step, reason, tail);
        return ReloadOutcome.failed(spec.name(), step, reason, tail);
    }

    private void stopCurrent() {
        boolean interrupted = Thread.interrupted();
        LaunchedProcess p = current;
        current = null;
        try {
            if (p != null) {
                supervisor.stop(p, spec.stopTimeout());
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (IllegalStateException e) {
            console.error(e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
