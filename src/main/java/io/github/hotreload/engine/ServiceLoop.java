package io.github.hotreload.engine;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.container.ContainerControl;
import io.github.hotreload.engine.ReloadEvent.BuildFinished;
import io.github.hotreload.engine.ReloadEvent.BuildStarted;
import io.github.hotreload.engine.ReloadEvent.Cause;
import io.github.hotreload.engine.ReloadEvent.ChangesIgnored;
import io.github.hotreload.engine.ReloadEvent.CleanStarted;
import io.github.hotreload.engine.ReloadEvent.Daemonized;
import io.github.hotreload.engine.ReloadEvent.ProcessExited;
import io.github.hotreload.engine.ReloadEvent.ReloadFailed;
import io.github.hotreload.engine.ReloadEvent.Reloaded;
import io.github.hotreload.engine.ReloadEvent.RestartScheduled;
import io.github.hotreload.engine.ReloadEvent.RestartSkipped;
import io.github.hotreload.engine.ReloadEvent.Stream;
import io.github.hotreload.engine.ReloadEvent.Warning;
import io.github.hotreload.engine.ReloadReport.Kind;
import io.github.hotreload.process.BuildResult;
import io.github.hotreload.process.Launch;
import io.github.hotreload.process.LaunchedProcess;
import io.github.hotreload.process.OutputSink;
import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.config.DurationParser;
import io.github.hotreload.watch.ChangeWatcher;
import io.github.hotreload.watch.ContentIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one service running, on its own thread: waits for changes, lets the {@link Debouncer}
 * gather them, builds while the old process keeps serving and, only when the build succeeds, has
 * the {@link ProcessSwap} replace the old process tree. An exit of the service is handled by the
 * restart policy and the {@link CrashBackoff}. Everything it does is told as {@link ReloadEvent}s.
 *
 * <p>One build at a time: changes that arrive during a build wait in the mailbox and lead to
 * exactly one more build once the current reload is done. Every rebuild request is answered,
 * also when the loop has ended.
 */
final class ServiceLoop implements ChangeWatcher.Listener {

    /** What the loop's thread waits for. */
    private sealed interface Signal permits Changed, Overflow, Exited, Rebuild, Restart, Pause, Stop, BuildDone {}

    private record Changed(Path path, long nanos) implements Signal {}

    private record Overflow(long nanos) implements Signal {}

    private record Exited(LaunchedProcess process, int code) implements Signal {}

    private record Rebuild(boolean clean, CompletableFuture<ReloadOutcome> reply, long nanos) implements Signal {}

    /** A restart without a build, asked for by someone. */
    private record Restart(CompletableFuture<ReloadOutcome> reply) implements Signal {}

    /** Pause ({@code on}) or resume the automatic reloads. */
    private record Pause(boolean on, String by) implements Signal {}

    private record Stop() implements Signal {}

    /** The build running on its own thread ended: its result, or what it threw. */
    private record BuildDone(Thread thread, BuildResult result, Exception failure) implements Signal {}

    /**
     * A build started on its own thread: when (a {@link Clock} time and an instant), and the
     * sink that holds its output until the build is known to be used.
     */
    private record RunningBuild(Thread thread, long nanos, Instant at, HeldOutput output) {}

    /**
     * Gathered changes (or requests), ready to build; {@code outside}: the paths among them that
     * changed (also) while no build ran.
     */
    private record Batch(Set<Path> paths, Set<Path> outside, boolean overflow, long firstNanos, List<Rebuild> requests,
            boolean restart, List<Restart> restarts, long quietUntil) {
        boolean forced() {
            return !requests.isEmpty();
        }

        boolean clean() {
            return requests.stream().anyMatch(Rebuild::clean);
        }
    }

    /**
     * How long changes must have been quiet for a build to start before the quiet period (the
     * service's delay) is over. A save usually is one event, or a few within a millisecond; the
     * build then runs while the quiet period passes, and only the swap waits for its end. When a
     * change comes before it ends, the early build's result is not used, and the next build has
     * every change.
     */
    static final Duration EARLY_BUILD_QUIET = Duration.ofMillis(10);

    private final ServiceSpec spec;
    private final ProcessSupervisor supervisor;
    private final ReloadListener events;
    private final Clock clock;
    private final Builder builder;
    private final Swap swap;
    private final OutputSink buildOutput;
    private final Mailbox<Signal> mailbox = new Mailbox<>();
    /** One index per watched tree: the service's own, then those of the modules it is built from. */
    private final List<ContentIndex> indexes = new ArrayList<>();
    private final Thread thread;
    private final CrashBackoff backoff = new CrashBackoff();
    private final BuildLoopDetector buildLoops = new BuildLoopDetector();
    private final List<ChangeWatcher> watchers = new ArrayList<>();
    /**
     * Reads the changed files while their batch waits for quiet ({@link ContentIndex#readEarly}),
     * on a thread of its own, so that the watcher's thread only passes events on: while it is
     * busy, the JDK keeps at most 512 events per directory and then reports an overflow, and a
     * storm of a thousand files into one directory, read on the watcher's thread, overflowed
     * (a rescan of the whole tree then). The thread ends when idle and comes back with the next
     * change.
     */
    private final ThreadPoolExecutor earlyReads;
    /** Each service this one depends on, with what completes when it is first ready. */
    private final java.util.Map<String, CompletableFuture<Void>> dependencies;
    private volatile LaunchedProcess current;
    private volatile boolean stopping;
    /** The pid of the process that {@code stopAhead} stopped for the next swap; -1: none. */
    private long stoppedAhead = -1;
    /** Whether changes are held instead of built (the loop's thread only). */
    private boolean paused;
    /** The changed files held while paused, counted for people. */
    private final Set<Path> held = new HashSet<>();
    /** When to start the service again after it exited, in clock nanoseconds; 0 for not at all. */
    private long restartAt;
    /** Signals that arrived during a build and belong to the next batch. */
    private final List<Signal> carried = new ArrayList<>();
    /** Builds cancelled (or starts postponed) since the last one that was used, and when the last began. */
    private int cancelsInARow;
    private long lastBuildStart;
    /**
     * Whether the last build started before its comparison was stopped because nothing had
     * changed: the next batch is compared first, so that a build that writes a watched file (with
     * the same content) cannot start itself again and again.
     */
    private boolean aheadAbandoned;
    /** The stop of the current process begun during a comparison, until the reload joins it. */
    private StopInProgress stopBegun;
    /** Changes of a cancelled build: the next build has them too, whatever their content now. */
    private final Set<Path> unbuilt = new LinkedHashSet<>();
    /** The paths whose changes cancelled the last build. */
    private final Set<Path> lastCancelBy = new HashSet<>();
    /**
     * Paths that changed during each of the last builds: the build writes them, so their changes
     * do not cancel it (else a build that stamps a watched file would cancel itself for ever).
     */
    private final Set<Path> writtenByBuild = new HashSet<>();

    ServiceLoop(ServiceSpec spec, ProcessSupervisor supervisor, ReloadListener events, boolean color, Clock clock,
            ModuleBuilds moduleBuilds) {
        this(spec, supervisor, events, color, clock, moduleBuilds, java.util.Map.of());
    }

    /**
     * @param dependencies the services that must be ready before this one starts, each with a
     *     future that completes when it first is
     */
    ServiceLoop(ServiceSpec spec, ProcessSupervisor supervisor, ReloadListener events, boolean color, Clock clock,
            ModuleBuilds moduleBuilds, java.util.Map<String, CompletableFuture<Void>> dependencies) {
        this.spec = spec;
        this.dependencies = java.util.Map.copyOf(dependencies);
        this.supervisor = supervisor;
        this.events = events;
        this.clock = clock;
        this.buildOutput = new ServiceOutput(spec.name(), Stream.BUILD, events, color);
        Builder host;
        if (spec.java() != null && spec.build() == null) {
            host = new JavaBuilder(spec.java(), moduleBuilds);
        } else if (spec.build() != null) {
            host = new ShellBuilder(supervisor, new Launch(spec.name(), spec.build(), spec.directory(),
                    spec.environment()), spec.clean(), spec.stopTimeout());
        } else {
            host = null;
        }
        ServiceOutput runOutput = new ServiceOutput(spec.name(), Stream.RUN, events, color);
        if (spec.container() != null) {
            ContainerControl control = new ContainerControl(spec.container(), spec.name(), spec.environment(),
                    supervisor, ContainerControl.overrideDirectory());
            ContainerSwap containerSwap = new ContainerSwap(spec, supervisor, events, control, runOutput, buildOutput);
            this.swap = containerSwap;
            this.builder = new ContainerBuilder(host, control, containerSwap, spec.directory(), spec.stopTimeout());
        } else {
            this.swap = new ProcessSwap(spec, supervisor, events, runOutput);
            this.builder = host;
        }
        for (var filter : spec.filters()) {
            indexes.add(new ContentIndex(filter));
        }
        this.thread = new Thread(this::run, "hotreload-" + spec.name());
        this.thread.setDaemon(true);
        this.earlyReads = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "hotreload-" + spec.name() + "-reader");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.DiscardPolicy());
    }

    ServiceSpec spec() {
        return spec;
    }

    /** The content index of each watched tree. */
    List<ContentIndex> indexes() {
        return indexes;
    }

    /** Puts the watches in place; changes from now on are seen. */
    void watch() throws IOException {
        try {
            for (var filter : spec.filters()) {
                watchers.add(spec.poll() != null
                        ? ChangeWatcher.poll(spec.name(), filter, this, spec.poll())
                        : ChangeWatcher.start(spec.name(), filter, this));
            }
        } catch (IOException | RuntimeException e) {
            closeWatchers();
            throw e;
        }
    }

    private void closeWatchers() {
        for (ChangeWatcher w : watchers) {
            w.close();
        }
        earlyReads.shutdownNow();
    }

    /** The index of the tree that holds {@code path}: the deepest root that contains it. */
    private ContentIndex indexOf(Path path) {
        ContentIndex best = indexes.get(0);
        int depth = -1;
        for (ContentIndex i : indexes) {
            Path root = i.root();
            if (path.startsWith(root) && root.getNameCount() > depth) {
                best = i;
                depth = root.getNameCount();
            }
        }
        return best;
    }

    private Set<Path> differing(Set<Path> paths) {
        if (indexes.size() == 1) {
            return indexes.get(0).differing(paths);
        }
        Set<Path> result = new LinkedHashSet<>();
        for (Path p : paths) {
            result.addAll(indexOf(p).differing(Set.of(p)));
        }
        return result;
    }

    /**
     * Whether the batch's newest change is compared first, for a service without a build whose
     * old process stops ahead of the restart anyway ({@link #reload} with a quiet period left):
     * when that change is real, the restart is certain and the stop need not wait for the rest.
     */
    private boolean stopsBeforeComparison(Batch batch, boolean startDone) {
        return builder == null && startDone && batch.quietUntil() != 0 && !batch.forced() && current != null
                && batch.paths().size() > 1;
    }

    /**
     * Compares the newest of {@code paths} first; when it differs, the current process stops on
     * a thread of its own (joined by {@link #stopAhead}) while the rest are compared, so that a
     * storm's comparison and the stop overlap. The result keeps the order given.
     */
    private Set<Path> differingWhileStopping(Set<Path> paths) {
        Path newest = null;
        for (Path p : paths) {
            newest = p;
        }
        Set<Path> first = differing(Set.of(newest));
        if (!first.isEmpty()) {
            LaunchedProcess old = current;
            CompletableFuture<Void> stop = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    swap.stop(old);
                    stop.complete(null);
                } catch (InterruptedException | RuntimeException e) {
                    stop.completeExceptionally(e);
                }
            }, "hotreload-" + spec.name() + "-stop");
            t.setDaemon(true);
            t.start();
            stopBegun = new StopInProgress(old, stop);
        }
        Set<Path> rest = new LinkedHashSet<>(paths);
        rest.remove(newest);
        Set<Path> result = new LinkedHashSet<>(differing(rest));
        result.addAll(first); // the newest is the last given
        return result;
    }

    /** A stop of {@code process} that {@link #differingWhileStopping} began on a thread of its own. */
    private record StopInProgress(LaunchedProcess process, CompletableFuture<Void> done) {
        /** Waits for it; rethrows what ended it. */
        void await() throws InterruptedException {
            try {
                done.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof InterruptedException i) {
                    throw i;
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * After the system dropped file events: what changed is found by comparing every watched file
     * with the index, so that the build (the in-process compiler in particular, which compiles
     * only what it is told of) sees every change, not only those whose events arrived.
     */
    private Set<Path> rescanned() {
        Set<Path> changed = new LinkedHashSet<>();
        for (ContentIndex index : indexes) {
            Set<Path> found = index.rescan();
            if (found == null) {
                warning("the system dropped file events and the watched files could not all be read again;"
                        + " rebuilding to be safe");
                return null;
            }
            changed.addAll(found);
        }
        warning("the system dropped file events; compared every watched file to find what changed: "
                + changed.size() + " file(s)");
        return changed;
    }

    /** Starts the loop's thread, which builds and starts the service first. */
    void start() {
        thread.start();
    }

    /** Asks the loop to stop its processes and end; returns at once. */
    void requestStop() {
        stopping = true;
        mailbox.offer(new Stop());
        thread.interrupt();
    }

    /** Closes the watcher of a loop whose thread was never started. */
    void closeUnstarted() {
        closeWatchers();
        answer(mailbox.close(), "the session stopped before the rebuild");
    }

    /**
     * Asks for a rebuild and restart whatever changed, after a clean when {@code clean}; the
     * returned future completes when it is done, and at once when the loop has ended. A request
     * during a build is served after it.
     */
    CompletableFuture<ReloadOutcome> requestRebuild(boolean clean) {
        CompletableFuture<ReloadOutcome> reply = new CompletableFuture<>();
        if (stopping) {
            reply.complete(ReloadOutcome.failed(spec.name(), ReloadStep.BUILD, "the session is stopping", List.of()));
        } else if (!mailbox.offer(new Rebuild(clean, reply, clock.nanoTime()))) {
            reply.complete(ReloadOutcome.failed(spec.name(), ReloadStep.BUILD,
                    "the service is no longer watched (its loop ended; the session's output says why)", List.of()));
        }
        return reply;
    }

    /**
     * Asks for a restart of the service's process without a build; the future completes when the
     * new process is ready or the restart failed, and at once when the loop has ended.
     */
    CompletableFuture<ReloadOutcome> requestRestart() {
        CompletableFuture<ReloadOutcome> reply = new CompletableFuture<>();
        if (stopping) {
            reply.complete(ReloadOutcome.failed(spec.name(), ReloadStep.START, "the session is stopping", List.of()));
        } else if (!mailbox.offer(new Restart(reply))) {
            reply.complete(ReloadOutcome.failed(spec.name(), ReloadStep.START,
                    "the service is no longer watched (its loop ended; the session's output says why)", List.of()));
        }
        return reply;
    }

    /**
     * Pauses ({@code on}) or resumes the service's automatic reloads; {@code by} says who asked.
     * Returns false when the loop has ended.
     */
    boolean requestPause(boolean on, String by) {
        return !stopping && mailbox.offer(new Pause(on, by));
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
        ContentIndex index = indexOf(path);
        index.touched(path);
        mailbox.offer(new Changed(path, clock.nanoTime()));
        earlyReads.execute(() -> index.readEarly(path)); // while the batch waits for quiet
    }

    @Override
    public void onOverflow() {
        mailbox.offer(new Overflow(clock.nanoTime()));
    }

    @Override
    public void onProblem(String message) {
        warning(message);
    }

    // ---- the loop ----

    private void run() {
        List<Rebuild> unanswered = new ArrayList<>();
        try {
            // a first build cancelled by a change is followed by another first build
            boolean startDone = reload(Set.of(), clock.nanoTime(), Cause.START, false, 0, null) != null;
            while (!stopping) {
                Batch batch = nextBatch(unanswered, startDone);
                if (batch == null) {
                    break;
                }
                if (batch.restart()) {
                    restartAt = 0;
                    ReloadOutcome restarted = swapIn(List.of(), batch.firstNanos(), Duration.ZERO, Kind.RESTART);
                    for (Restart r : batch.restarts()) {
                        r.reply().complete(restarted);
                    }
                    continue;
                }
                RunningBuild ahead = startsBeforeComparison(batch, startDone) ? startBuild(Set.of()) : null;
                Set<Path> found = batch.overflow() ? rescanned()
                        : stopsBeforeComparison(batch, startDone) ? differingWhileStopping(batch.paths())
                        : differing(batch.paths());
                Set<Path> changed = new LinkedHashSet<>(unbuilt);
                changed.addAll(found != null ? found : batch.paths());
                if (found != null && changed.isEmpty() && !batch.forced() && startDone) {
                    if (ahead != null) {
                        abandon(ahead);
                    }
                    events.on(new ChangesIgnored(spec.name(), Instant.now(), batch.paths()));
                    continue;
                }
                String loop = spec.hasBuild()
                        ? buildLoops.next(changed, batch.outside(), batch.forced() || batch.overflow(), spec.directory(), spec.name())
                        : null;
                if (loop != null) {
                    warning(loop);
                }
                Cause cause = !startDone ? Cause.START
                        : batch.forced() && changed.isEmpty() ? Cause.REQUEST : Cause.CHANGE;
                ReloadOutcome outcome = reload(changed, batch.firstNanos(), cause, batch.clean(), batch.quietUntil(), ahead);
                if (outcome == null) {
                    // cancelled by more changes: the next build serves these changes and requests too
                    cancelsInARow++;
                    unbuilt.addAll(changed);
                    carried.addAll(batch.requests());
                    unanswered.removeAll(batch.requests());
                    continue;
                }
                unbuilt.clear();
                held.clear();
                cancelsInARow = 0;
                startDone = true;
                for (Rebuild r : batch.requests()) {
                    r.reply().complete(outcome);
                }
                unanswered.removeAll(batch.requests());
            }
        } catch (InterruptedException e) {
            // asked to stop
        } catch (RuntimeException | java.lang.Error e) {
            events.on(new ReloadEvent.Error(spec.name(), Instant.now(), "stopped watching after an internal error: " + e));
        } finally {
            List<Signal> left = mailbox.close();
            stopCurrent();
            closeWatchers();
            for (Rebuild r : unanswered) {
                r.reply().complete(ReloadOutcome.failed(spec.name(), ReloadStep.BUILD,
                        "the session stopped before the rebuild", List.of()));
            }
            answer(left, "the session stopped before the rebuild");
            answer(carried, "the session stopped before the rebuild");
        }
    }

    private void answer(List<Signal> signals, String reason) {
        for (Signal s : signals) {
            if (s instanceof Rebuild r) {
                r.reply().complete(ReloadOutcome.failed(spec.name(), ReloadStep.BUILD, reason, List.of()));
            } else if (s instanceof Restart r) {
                r.reply().complete(ReloadOutcome.failed(spec.name(), ReloadStep.START,
                        reason.replace("rebuild", "restart"), List.of()));
            }
        }
    }

    /** Pauses or resumes; a resume with held changes lets them be built (the batch is due then). */
    private void pause(Pause p) {
        if (p.on() == paused) {
            return;
        }
        paused = p.on();
        if (paused) {
            events.on(new ReloadEvent.Paused(spec.name(), Instant.now(), p.by()));
        } else {
            events.on(new ReloadEvent.Resumed(spec.name(), Instant.now(), p.by(), held.size()));
            held.clear();
        }
    }

    /**
     * Waits for a change, then until the {@link Debouncer} says the batch is due, and returns
     * everything that arrived; or, when the service exited and is due to restart, a restart.
     * Returns null when the loop is asked to stop.
     */
    private Batch nextBatch(List<Rebuild> requests, boolean startDone) throws InterruptedException {
        if (builder != null) {
            builder.prepare(buildOutput); // the shell of the next build, while nothing is built
        }
        boolean early = startDone && spec.delay().compareTo(EARLY_BUILD_QUIET) > 0;
        // after a cancelled build, a storm may still be going on: the next early build waits a
        // quiet period after the cancelled one began, twice that after two cancels in a row, and so
        // on; never longer than the whole quiet period after the last change, which it always may
        long notBefore = cancelsInARow == 0 ? 0
                : lastBuildStart + (spec.delay().toNanos() << Math.min(cancelsInARow - 1, 10));
        Set<Path> paths = new LinkedHashSet<>();
        Set<Path> outside = new HashSet<>();
        boolean overflow = false;
        requests.clear();
        Debouncer debouncer = new Debouncer(spec.delay(), spec.maxDelay());
        List<Signal> drained = new ArrayList<>();
        List<Restart> restarts = new ArrayList<>();
        while (true) {
            long now = clock.nanoTime();
            // while paused, changes are held until a resume or a request
            boolean due = debouncer.pending() && (!paused || !requests.isEmpty());
            Signal s;
            if (!restarts.isEmpty()) {
                // a requested restart comes first; the changes gathered so far wait for the next batch
                for (Path p : paths) {
                    carried.add(new Changed(p, now));
                }
                if (overflow) {
                    carried.add(new Overflow(now));
                }
                carried.addAll(requests);
                requests.clear();
                return new Batch(Set.of(), Set.of(), false, now, List.of(), true, List.copyOf(restarts), 0);
            } else if (!carried.isEmpty()) {
                s = carried.remove(0); // what arrived during the last build comes first
            } else if (!due && restartAt != 0) {
                s = mailbox.poll(restartAt - now);
                if (s == null) {
                    return new Batch(Set.of(), Set.of(), false, now, List.of(), true, List.of(), 0);
                }
            } else if (!due) {
                s = mailbox.take();
            } else {
                if (!requests.isEmpty() || debouncer.isDue(now)) {
                    return new Batch(paths, outside, overflow, debouncer.first(), List.copyOf(requests), false, List.of(), 0);
                }
                long buildAt = debouncer.last() + EARLY_BUILD_QUIET.toNanos();
                if (cancelsInARow > 0 && notBefore - buildAt > 0) {
                    buildAt = notBefore;
                }
                if (early && !paused && now - buildAt >= 0) {
                    // the build starts now; the swap still waits for the whole quiet period
                    return new Batch(paths, outside, overflow, debouncer.first(), List.of(), false, List.of(),
                            debouncer.dueAt());
                }
                long wakeAt = early && !paused && buildAt - debouncer.dueAt() < 0 ? buildAt : debouncer.dueAt();
                s = mailbox.poll(wakeAt - now);
                if (s == null) {
                    continue;
                }
            }
            drained.clear();
            drained.add(s);
            mailbox.drainTo(drained);
            boolean stop = false;
            int heldBefore = held.size();
            for (Signal signal : drained) {
                if (signal instanceof Stop) {
                    stop = true; // the requests among the rest are still collected, to be answered
                } else if (signal instanceof Pause p) {
                    pause(p);
                } else if (signal instanceof Restart r) {
                    restarts.add(r);
                } else if (signal instanceof Exited exited) {
                    processExited(exited);
                } else if (signal instanceof Changed c) {
                    paths.add(c.path());
                    if (paused) {
                        held.add(c.path());
                    }
                    if (!buildLoops.duringLastBuild(c.nanos())) {
                        outside.add(c.path());
                    }
                    debouncer.add(c.nanos());
                } else if (signal instanceof Overflow o) {
                    overflow = true;
                    debouncer.add(o.nanos());
                } else if (signal instanceof Rebuild r) {
                    requests.add(r);
                    debouncer.add(r.nanos());
                }
            }
            if (stop) {
                restarts.forEach(r -> carried.add(r)); // answered as the loop ends
                return null;
            }
            if (paused && held.size() != heldBefore) {
                events.on(new ReloadEvent.ChangesHeld(spec.name(), Instant.now(), held.size()));
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
            events.on(new Daemonized(spec.name(), Instant.now(), p.pid(), exited.code()));
            return;
        }
        current = null;
        Duration uptime = Duration.between(p.startedAt(), Instant.now());
        events.on(new ProcessExited(spec.name(), Instant.now(), p.pid(), exited.code(), uptime, p.tail()));
        if (!spec.restart().restarts(exited.code())) {
            events.on(new RestartSkipped(spec.name(), Instant.now(), spec.restart()));
            return;
        }
        Duration delay = backoff.exited(uptime);
        restartAt = clock.nanoTime() + delay.toNanos();
        events.on(new RestartScheduled(spec.name(), Instant.now(), delay, backoff.inARow(), CrashBackoff.MAX));
    }

    /**
     * Whether the batch's build starts before its changes are compared with the index: a build
     * command does not need to know what changed, so it need not wait for the files to be read
     * (after a storm of a thousand files, 3 to 15 ms on the way to the build). When the content
     * turns out unchanged, the build is stopped before it is told of or any of its output shown.
     * Not for a first start, a clean, or a build that is given the changes (the in-process
     * compiler, a container's image); nor for a batch of only the files the build writes itself
     * (cargo's Cargo.lock after each build: the build would write it again, and be used as if
     * something had changed), nor for the batch right after one whose early build was stopped.
     */
    private boolean startsBeforeComparison(Batch batch, boolean startDone) {
        boolean afterAbandon = aheadAbandoned;
        aheadAbandoned = false;
        return startDone && builder != null && builder.cancellable() && !builder.readsChanges() && !batch.clean()
                && !afterAbandon && batch.paths().stream().anyMatch(p -> !spec.buildWrites().contains(p) && !writtenByBuild.contains(p));
    }

    /**
     * Stops a build started before the comparison that found nothing changed, and waits until its
     * thread is done; what arrives meanwhile is for the next batch. Its output is never shown.
     */
    private void abandon(RunningBuild build) throws InterruptedException {
        build.output().discard();
        build.thread().interrupt(); // stops the build's tree; its BuildDone follows
        aheadAbandoned = true;
        try {
            while (true) {
                Signal s = mailbox.take();
                if (s instanceof BuildDone done && done.thread() == build.thread()) {
                    // what it wrote of its own outputs is no change, as after any build
                    for (ContentIndex index : indexes) {
                        index.rebaseline(spec.buildWrites());
                    }
                    return;
                }
                carried.add(s);
            }
        } finally {
            endBuildThread(build.thread());
        }
    }

    /** Stops a build's thread that still runs (its tree with it) and waits until it is done. */
    private static void endBuildThread(Thread build) throws InterruptedException {
        if (build.isAlive()) {
            build.interrupt();
            build.join();
        }
    }

    /**
     * Builds and, when the build succeeds, replaces the running process; {@code ahead} is the
     * build, when it was started before the changes were compared, else null.
     */
    private ReloadOutcome reload(Set<Path> changes, long since, Cause cause, boolean clean, long quietUntil,
            RunningBuild ahead) throws InterruptedException {
        List<Path> relative = new ArrayList<>();
        for (Path p : changes) {
            relative.add(spec.directory().relativize(p));
        }
        lastBuildStart = ahead != null ? ahead.nanos() : clock.nanoTime();
        events.on(new BuildStarted(spec.name(), ahead != null ? ahead.at() : Instant.now(), cause, relative,
                builder == null ? null : builder.description()));
        if (ahead != null) {
            ahead.output().release(); // after the event that the build started, as its output would be
        }
        if (clean && builder != null && builder.cleanDescription() != null) {
            events.on(new CleanStarted(spec.name(), Instant.now(), builder.cleanDescription()));
            try {
                BuildResult cleaned = builder.clean(buildOutput);
                if (!cleaned.succeeded()) {
                    return fail(ReloadStep.BUILD, "clean failed with exit code " + cleaned.exitCode(), cleaned.tail());
                }
            } catch (IOException e) {
                return fail(ReloadStep.BUILD, "the clean command could not be started: " + e.getMessage(), List.of());
            }
        }
        Duration buildTime = Duration.ZERO;
        if (builder == null && quietUntil != 0) {
            // nothing to build, and the changes are real: the restart is certain, so the old
            // process stops while the rest of the quiet period passes, and the swap only starts
            ReloadOutcome failed = stopAhead();
            if (failed != null) {
                return failed;
            }
            if (swap instanceof ProcessSwap processes && startsSlowerThan(processes, quietUntil - clock.nanoTime())) {
                return startEarly(processes, relative, since, quietUntil);
            }
        }
        if (builder != null) {
            BuildResult result;
            try {
                long buildStart = ahead != null ? ahead.nanos() : clock.nanoTime();
                RunningBuild running = ahead != null ? ahead : builder.cancellable() ? startBuild(changes) : null;
                // the search of the process table that the old process's stop begins with, done
                // while the build runs
                swap.prepareStop(current);
                result = running != null ? awaitBuild(running) : builder.build(changes, buildOutput);
                if (result == null) {
                    return null; // cancelled, and told
                }
                buildLoops.buildRan(buildStart, clock.nanoTime());
            } catch (IOException e) {
                return fail(ReloadStep.BUILD, "the build command could not be started: " + e.getMessage(), List.of());
            }
            for (ContentIndex index : indexes) {
                index.rebaseline(spec.buildWrites());
            }
            events.on(new BuildFinished(spec.name(), Instant.now(), result));
            buildTime = result.duration();
            if (!result.succeeded()) {
                // a save still being written (an editor that pauses between truncate and write):
                // the failure is the half-written file's, so it is not shown; all is built again.
                // An early build waits as long as a build at the end of the quiet period would.
                long now = clock.nanoTime();
                long from = quietUntil != 0 && quietUntil - now > 0 ? quietUntil : now;
                if (supersededBy(changesUntil(from + spec.delay().toNanos()))) {
                    return null;
                }
                return fail(ReloadStep.BUILD, "build failed with exit code " + result.exitCode() + " after "
                        + DurationParser.format(buildTime) + "; "
                        + (current != null ? "the previous version keeps running" : "nothing is running")
                        + " until the next change", result.tail());
            }
        }
        if (quietUntil != 0 && supersededBy(changesUntil(quietUntil))) {
            return null; // built early, and more changed before the quiet period was over: built again
        }
        if (cause != Cause.START) {
            backoff.reset(); // a change: whatever crashed before may be fixed now
        }
        restartAt = 0;
        return swapIn(relative, since, buildTime, cause == Cause.START ? Kind.START : Kind.RELOAD);
    }

    /**
     * Starts the build on a thread of its own, which tells the mailbox when it is done; its output
     * is held until {@link HeldOutput#release}.
     */
    private RunningBuild startBuild(Set<Path> changes) {
        HeldOutput output = new HeldOutput(buildOutput);
        long nanos = clock.nanoTime();
        Instant at = Instant.now();
        Thread build = new Thread(() -> {
            BuildResult result = null;
            Exception failure = null;
            try {
                result = builder.build(changes, output);
            } catch (IOException | InterruptedException | RuntimeException e) {
                failure = e;
            }
            mailbox.offer(new BuildDone(Thread.currentThread(), result, failure));
        }, "hotreload-" + spec.name() + "-build");
        build.setDaemon(true);
        build.start();
        return new RunningBuild(build, nanos, at, output);
    }

    /**
     * Waits for a build started by {@link #startBuild} while this thread keeps reading the
     * mailbox: a change that arrives meanwhile (other than the files the build itself writes)
     * stops the build's whole process tree, and null is returned; the change waits for the next
     * batch. The old process keeps serving throughout.
     */
    private BuildResult awaitBuild(RunningBuild running) throws IOException, InterruptedException {
        running.output().release();
        Thread build = running.thread();
        Set<Path> by = new LinkedHashSet<>();
        Set<Path> cancelBy = new HashSet<>();
        Set<Path> changedDuring = new HashSet<>();
        try {
            while (true) {
                Signal s = mailbox.take();
                if (s instanceof BuildDone done && done.thread() == build) {
                    if (!by.isEmpty()) {
                        // cancelled, or done as the cancel came: a new build follows either way
                        lastCancelBy.clear();
                        lastCancelBy.addAll(cancelBy);
                        events.on(new ReloadEvent.BuildCancelled(spec.name(), Instant.now(), List.copyOf(by)));
                        return null;
                    }
                    // a completed build: what it did not write this time is no build output
                    writtenByBuild.retainAll(changedDuring);
                    lastCancelBy.clear();
                    if (done.failure() instanceof IOException io) {
                        throw io;
                    }
                    if (done.failure() instanceof InterruptedException) {
                        throw new InterruptedException("the build was interrupted");
                    }
                    if (done.failure() instanceof RuntimeException r) {
                        throw r;
                    }
                    return done.result();
                } else if (s instanceof Stop) {
                    carried.add(s);
                    throw new InterruptedException("asked to stop");
                } else if (s instanceof Exited exited) {
                    processExited(exited);
                } else if (s instanceof Pause p) {
                    pause(p); // told at once; a running build completes
                } else if (s instanceof Changed c && cancels(c.path(), changedDuring)) {
                    carried.add(s);
                    if (by.isEmpty()) {
                        build.interrupt(); // stops the build's tree; its BuildDone follows
                    }
                    by.add(spec.directory().relativize(c.path()));
                    cancelBy.add(c.path());
                } else if (s instanceof Overflow) {
                    carried.add(s);
                    if (by.isEmpty()) {
                        build.interrupt();
                    }
                    by.add(spec.directory());
                } else {
                    carried.add(s); // a request, or a change of what the build writes: for the next batch
                }
                if (s instanceof Changed c) {
                    changedDuring.add(c.path());
                }
            }
        } finally {
            endBuildThread(build);
        }
    }

    /**
     * The changes (other than the build's own writes) that arrived during the build or arrive
     * until {@code end} (a {@link Clock} time), waited for on the mailbox; they, and whatever else
     * arrives, go to the next batch. Returns at the first such change.
     */
    private List<Path> changesUntil(long end) throws InterruptedException {
        Set<Path> by = new LinkedHashSet<>();
        for (Signal s : carried) {
            if (s instanceof Changed c && cancels(c.path(), Set.of())) {
                by.add(spec.directory().relativize(c.path()));
            }
        }
        while (by.isEmpty()) {
            long wait = end - clock.nanoTime();
            if (wait <= 0) {
                break;
            }
            Signal s = mailbox.poll(wait);
            if (s == null) {
                break;
            }
            if (s instanceof Exited exited) {
                processExited(exited);
                continue;
            }
            carried.add(s);
            if (s instanceof Stop) {
                throw new InterruptedException("asked to stop");
            } else if (s instanceof Changed c && cancels(c.path(), Set.of())) {
                by.add(spec.directory().relativize(c.path()));
            } else if (s instanceof Overflow) {
                by.add(spec.directory());
            }
        }
        return List.copyOf(by);
    }

    /**
     * Tells of a build whose result is not used because of the changes {@code more} (relative
     * paths), if there are any; the next build has them.
     */
    private boolean supersededBy(List<Path> more) {
        if (more.isEmpty()) {
            return false;
        }
        lastCancelBy.clear();
        more.forEach(rel -> lastCancelBy.add(spec.directory().resolve(rel).normalize()));
        events.on(builder == null ? new ReloadEvent.StartPostponed(spec.name(), Instant.now(), more)
                : new ReloadEvent.BuildCancelled(spec.name(), Instant.now(), more));
        return true;
    }

    /**
     * Stops the current process ahead of a swap (see {@code reload}); its exit is then not taken
     * for a crash, and the swap's report still names it. Null when it is gone (or there was
     * none), else the failed outcome.
     */
    private ReloadOutcome stopAhead() throws InterruptedException {
        LaunchedProcess old = current;
        if (old == null) {
            return null;
        }
        StopInProgress begun = stopBegun;
        stopBegun = null;
        try {
            // old stays current until it is gone, so that a stop request meanwhile still stops it
            if (begun != null && begun.process() == old) {
                begun.await();
            } else {
                swap.stop(old);
            }
        } catch (IllegalStateException e) {
            return fail(ReloadStep.STOP, e.getMessage(), old.tail());
        }
        current = null;
        stoppedAhead = old.pid();
        return null;
    }

    /**
     * Whether a change during a build cancels it: not for the files the build is known to write,
     * nor for a file that cancelled the previous build too and changed again during this one,
     * which the build itself is writing (it is remembered as such while it changes during every
     * build).
     */
    private boolean cancels(Path path, Set<Path> changedDuring) {
        if (spec.buildWrites().contains(path) || writtenByBuild.contains(path)) {
            return false;
        }
        if (lastCancelBy.contains(path)) {
            writtenByBuild.add(path);
            return false;
        }
        return true;
    }

    /**
     * Waits until every service this one depends on has been ready once, saying which it waits
     * for; a stop interrupts the wait. Later reloads and restarts of those services do not hold
     * this one back, nor restart it.
     */
    private void awaitDependencies() throws InterruptedException {
        List<String> waiting = new ArrayList<>();
        for (var d : dependencies.entrySet()) {
            if (!d.getValue().isDone()) {
                waiting.add(d.getKey());
            }
        }
        if (waiting.isEmpty()) {
            return;
        }
        java.util.Collections.sort(waiting);
        events.on(new ReloadEvent.WaitingForDependencies(spec.name(), Instant.now(), waiting));
        for (String name : waiting) {
            try {
                dependencies.get(name).get();
            } catch (java.util.concurrent.ExecutionException e) {
                // completed exceptionally only when the session ends: the stop follows
            }
        }
    }

    /** Whether every start of the service so far took longer than {@code nanos} to be ready. */
    private static boolean startsSlowerThan(ProcessSwap processes, long nanos) {
        Duration fastest = processes.fastestStart();
        return fastest != null && fastest.toNanos() > nanos;
    }

    /**
     * Starts a service without a build (its old process stopped ahead) at once, while the rest of
     * the quiet period passes: each of its starts took longer than that to be ready, so a change
     * in that time stops the new process before it serves, and its start is postponed as the
     * swap's would be. Null when so postponed.
     */
    private ReloadOutcome startEarly(ProcessSwap processes, List<Path> relative, long since, long quietUntil)
            throws InterruptedException {
        long oldPid = stoppedAhead;
        backoff.reset();
        restartAt = 0;
        long begin = System.nanoTime();
        ProcessSwap.Result launched = processes.launch(this::adopt, begin);
        if (launched.started() == null) {
            stoppedAhead = -1;
            current = null;
            return fail(launched.failedStep(), launched.reason(), launched.tail());
        }
        List<Path> more = changesUntil(quietUntil);
        if (!more.isEmpty()) {
            ReloadOutcome failed = stopAhead(); // not ready yet: it never served
            stoppedAhead = oldPid;
            if (failed != null) {
                return failed;
            }
            supersededBy(more);
            return null;
        }
        stoppedAhead = -1;
        return swapped(processes.awaitReady(launched.started(), begin), relative, since, Duration.ZERO, Kind.RELOAD, oldPid);
    }

    /** Makes a process just started the current one, whose exit the loop is told of. */
    private void adopt(LaunchedProcess started) {
        current = started;
        started.onExit().thenAccept(code -> mailbox.offer(new Exited(started, code)));
    }

    /** Replaces the current process with a new one and reports how that went. */
    private ReloadOutcome swapIn(List<Path> relative, long since, Duration buildTime, Kind kind) throws InterruptedException {
        if (kind == Kind.START) {
            awaitDependencies();
        }
        LaunchedProcess old = current;
        long oldPid = old == null ? stoppedAhead : old.pid();
        stoppedAhead = -1;
        // old stays current until it is gone, so that a stop request meanwhile still stops it
        return swapped(swap.replace(old, this::adopt), relative, since, buildTime, kind, oldPid);
    }

    /** Reports how a swap went. */
    private ReloadOutcome swapped(ProcessSwap.Result result, List<Path> relative, long since, Duration buildTime,
            Kind kind, long oldPid) {
        if (result.failedStep() == ReloadStep.STOP) {
            return fail(ReloadStep.STOP, result.reason(), result.tail());
        }
        if (result.started() == null) {
            current = null;
            return fail(result.failedStep(), result.reason(), result.tail());
        }
        if (!result.ready()) {
            return fail(result.failedStep(), result.reason(), result.tail());
        }
        Duration total = Duration.ofNanos(clock.nanoTime() - since);
        ReloadReport report = new ReloadReport(spec.name(), kind, relative, buildTime, result.restart(), total, oldPid,
                result.started().pid());
        events.on(new Reloaded(spec.name(), Instant.now(), report));
        return ReloadOutcome.ok(report);
    }

    private ReloadOutcome fail(ReloadStep step, String reason, List<String> tail) {
        events.on(new ReloadFailed(spec.name(), Instant.now(), step, reason, tail, current != null));
        return ReloadOutcome.failed(spec.name(), step, reason, tail);
    }

    private void warning(String message) {
        events.on(new Warning(spec.name(), Instant.now(), message));
    }

    private void stopCurrent() {
        boolean interrupted = Thread.interrupted();
        LaunchedProcess p = current;
        current = null;
        swap.dropSpare();
        if (builder != null) {
            builder.dropPrepared();
        }
        StopInProgress begun = stopBegun;
        stopBegun = null;
        if (begun != null) {
            begun.done().exceptionally(e -> null).join(); // not two stops of one process at once
        }
        try {
            while (true) {
                try {
                    swap.stop(p);
                    break;
                } catch (InterruptedException e) {
                    // the stop request's interrupt may land after the loop woke up for it: the
                    // process must still be gone before the loop ends (what depends on it stops next)
                    interrupted = true;
                }
            }
        } catch (IllegalStateException e) {
            events.on(new ReloadEvent.Error(spec.name(), Instant.now(), e.getMessage()));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
