package io.github.hotreload.engine;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.engine.ReloadEvent.LeftoversStopped;
import io.github.hotreload.engine.ReloadEvent.ReloadFailed;
import io.github.hotreload.engine.ReloadEvent.Reloaded;
import io.github.hotreload.engine.ReloadEvent.Stopped;
import io.github.hotreload.engine.ReloadEvent.Stopping;
import io.github.hotreload.process.ProcessSupervisor;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one {@link ServiceLoop} per service with a {@link ProcessSupervisor} of its own, fans their
 * events out to listeners, and stops everything it started when closed, when a limit is reached,
 * or when the JVM shuts down (Ctrl-C). Several sessions may run in one JVM (under {@code mvn -T});
 * closing one never touches another's processes.
 */
public final class ReloadSession implements AutoCloseable {

    /** Why a session ended. */
    public enum End {
        CLOSED,
        RELOAD_LIMIT,
        TIME_LIMIT
    }

    private final List<ServiceSpec> specs;
    private final List<ServiceLoop> loops = new ArrayList<>();
    private final ProcessSupervisor supervisor;
    private final SessionOptions options;
    private final List<ReloadListener> listeners = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private final FanOut fanOut = new FanOut();
    private final ModuleBuilds moduleBuilds = new ModuleBuilds();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch closeDone = new CountDownLatch(1);
    private final CountDownLatch indexed = new CountDownLatch(1);
    /** Counted down as each service's first build and start ends, successfully or not. */
    private final CountDownLatch firstStarts;
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    /** Per service, completed when it is first ready: what its dependents wait for. */
    private final java.util.Map<String, CompletableFuture<Void>> firstReady = new ConcurrentHashMap<>();
    private final AtomicReference<End> end = new AtomicReference<>();
    private final AtomicInteger reloads = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean loopsStarted;
    /** Whether Ctrl-C or SIGTERM ended the session (the shutdown hook stopped it). */
    private volatile boolean stoppedBySignal;
    private Thread shutdownHook;

    public ReloadSession(List<ServiceSpec> specs, SessionOptions options) {
        this(specs, options, Clock.SYSTEM);
    }

    ReloadSession(List<ServiceSpec> specs, SessionOptions options, Clock clock) {
        this.specs = List.copyOf(specs);
        this.options = options;
        this.firstStarts = new CountDownLatch(specs.size());
        this.supervisor = new ProcessSupervisor(
                warning -> fanOut.on(new ReloadEvent.Warning(null, Instant.now(), warning)));
        for (ServiceSpec spec : specs) {
            firstReady.put(spec.name(), new CompletableFuture<>());
        }
        for (ServiceSpec spec : specs) {
            java.util.Map<String, CompletableFuture<Void>> dependencies = new java.util.LinkedHashMap<>();
            for (String dep : spec.dependsOn()) {
                if (firstReady.containsKey(dep)) { // one outside the session is not waited for
                    dependencies.put(dep, firstReady.get(dep));
                }
            }
            loops.add(new ServiceLoop(spec, supervisor, fanOut, options.color(), clock, moduleBuilds, dependencies));
        }
    }

    public void addListener(ReloadListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ReloadListener listener) {
        listeners.remove(listener);
    }

    /**
     * Closes {@code resource} at the end of the session's close, after the last event was told,
     * also when Ctrl-C or SIGTERM closes it (the JVM does not wait for the goal's own code then):
     * for the listeners that write what they heard (the log files) and the control server.
     * Resources are closed in the reverse order of registration; a failure is reported and the
     * others are still closed.
     */
    public void closeWith(AutoCloseable resource) {
        closeables.add(0, resource);
    }

    /** The supervisor of this session's processes (closed with the session). */
    public ProcessSupervisor supervisor() {
        return supervisor;
    }

    /**
     * Puts every service's watches in place, then builds and starts every service, each on its
     * own thread. Returns without waiting for the services to be ready.
     */
    public void start() throws IOException {
        if (options.stateDirectory() != null) {
            try {
                SessionRecord.Leftovers left = SessionRecord.stopLeftovers(options.stateDirectory(), supervisor);
                if (left.processes() > 0 || left.containers() > 0) {
                    fanOut.on(new LeftoversStopped(null, Instant.now(), left.processes(), left.containers(),
                            left.earlierPid()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping an earlier session's processes", e);
            }
            String docker = null;
            for (ServiceLoop loop : loops) {
                if (loop.spec().container() != null) {
                    docker = loop.spec().container().cli().docker();
                }
            }
            SessionRecord.current(supervisor, docker).write(options.stateDirectory());
        }
        List<ServiceLoop> watching = new ArrayList<>();
        try {
            for (ServiceLoop loop : loops) {
                if (options.watch()) {
                    loop.watch();
                }
                watching.add(loop);
            }
        } catch (IOException | RuntimeException e) {
            for (ServiceLoop loop : watching) {
                loop.closeUnstarted();
            }
            throw e;
        }
        shutdownHook = new Thread(() -> {
            if (!closed.get()) {
                stoppedBySignal = true;
                fanOut.on(new Stopping(null, Instant.now(), true));
            }
            // waits for a close in progress too: the JVM must not halt before every process is gone
            close();
        }, "hotreload-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        loopsStarted = true;
        for (ServiceLoop loop : loops) {
            loop.start();
        }
        Thread indexer = new Thread(() -> {
            try {
                // after the first starts, so as not to compete with them for the CPU
                firstStarts.await(10, TimeUnit.MINUTES);
                for (ServiceLoop loop : loops) {
                    for (var index : loop.indexes()) {
                        if (!closed.get()) {
                            index.indexTree();
                        }
                    }
                }
                // start-up walked and read whole trees: let the JVM give the memory back while idle
                System.gc();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                indexed.countDown();
            }
        }, "hotreload-index");
        indexer.setDaemon(true);
        indexer.setPriority(Thread.MIN_PRIORITY);
        indexer.start();
    }

    /**
     * Waits until the content of every file that existed at start-up is fingerprinted; until
     * then, a change that restores a file's content still counts as a change.
     */
    public boolean awaitIndexed(Duration timeout) throws InterruptedException {
        return indexed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Blocks until the session is closed or one of its limits is reached. */
    public End awaitEnd() throws InterruptedException {
        if (options.maxDuration() != null) {
            if (!ended.await(options.maxDuration().toMillis(), TimeUnit.MILLISECONDS)) {
                end.compareAndSet(null, End.TIME_LIMIT);
            }
        } else {
            ended.await();
        }
        return end.get();
    }

    /**
     * Rebuilds and restarts the named services (all when empty), after their clean step when
     * {@code clean}, whatever changed. Each future completes when its service is done, or at once
     * when the service can no longer be rebuilt.
     */
    public List<CompletableFuture<ReloadOutcome>> rebuild(Collection<String> services, boolean clean) {
        return rebuild(services, clean, null);
    }

    /** {@link #rebuild(Collection, boolean)}, telling the listeners who asked ({@code by}), unless null. */
    public List<CompletableFuture<ReloadOutcome>> rebuild(Collection<String> services, boolean clean, String by) {
        if (by != null) {
            fanOut.on(new ReloadEvent.RebuildRequested(null, Instant.now(),
                    services.isEmpty() ? services() : List.copyOf(services), clean, by));
        }
        List<CompletableFuture<ReloadOutcome>> outcomes = new ArrayList<>();
        for (ServiceLoop loop : loops) {
            if (services.isEmpty() || services.contains(loop.spec().name())) {
                outcomes.add(loop.requestRebuild(clean));
            }
        }
        return outcomes;
    }

    /**
     * Restarts the named services' processes (all when empty) without a build; {@code by} says
     * who asked, for people. Each future completes when its service's new process is ready or
     * the restart failed, or at once when the service can no longer be restarted.
     */
    public List<CompletableFuture<ReloadOutcome>> restart(Collection<String> services, String by) {
        fanOut.on(new ReloadEvent.RestartRequested(null, Instant.now(),
                services.isEmpty() ? services() : List.copyOf(services), by));
        List<CompletableFuture<ReloadOutcome>> outcomes = new ArrayList<>();
        for (ServiceLoop loop : loops) {
            if (services.isEmpty() || services.contains(loop.spec().name())) {
                outcomes.add(loop.requestRestart());
            }
        }
        return outcomes;
    }

    /**
     * Pauses ({@code on}) or resumes the automatic reloads of the named services (all when
     * empty): while paused, a service's changes are held and built when it resumes; its process
     * keeps running. Returns the services told (those whose loop still runs).
     */
    public List<String> pause(Collection<String> services, boolean on, String by) {
        List<String> told = new ArrayList<>();
        for (ServiceLoop loop : loops) {
            if ((services.isEmpty() || services.contains(loop.spec().name())) && loop.requestPause(on, by)) {
                told.add(loop.spec().name());
            }
        }
        return told;
    }

    /** The loop of a service, for tests in this package. */
    ServiceLoop loop(String service) {
        return loops.stream().filter(l -> l.spec().name().equals(service)).findFirst().orElseThrow();
    }

    /** The services, in configuration order. */
    public List<ServiceSpec> specs() {
        return specs;
    }

    /** The names of the services, in configuration order. */
    public List<String> services() {
        return specs.stream().map(ServiceSpec::name).toList();
    }

    /** The pid of the service's current process, or -1 when none runs. */
    public long currentPid(String service) {
        for (ServiceLoop loop : loops) {
            if (loop.spec().name().equals(service)) {
                var p = loop.current();
                return p == null ? -1 : p.pid();
            }
        }
        return -1;
    }

    /** Whether Ctrl-C or SIGTERM ended the session. */
    public boolean stoppedBySignal() {
        return stoppedBySignal;
    }

    /** Successful reloads so far, not counting first starts and restarts. */
    public int reloads() {
        return reloads.get();
    }

    /**
     * Stops every service's processes and watchers and waits until they are gone, then releases
     * the supervisor and its watchdog. When another thread is closing the session already (the
     * goal, and Ctrl-C's shutdown hook), waits until that close is done, so that no caller returns
     * while a process of the session may still run.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        end.compareAndSet(null, End.CLOSED);
        try {
            // dependents first, then what they depend on; the services of one wave stop together
            for (List<String> wave : io.github.hotreload.config.StartOrder.stopWaves(specs)) {
                List<ServiceLoop> stopping = loops.stream().filter(l -> wave.contains(l.spec().name())).toList();
                for (ServiceLoop loop : stopping) {
                    if (loopsStarted) {
                        loop.requestStop();
                    } else {
                        loop.closeUnstarted();
                    }
                }
                for (ServiceLoop loop : stopping) {
                    Duration grace = loop.spec().stopTimeout().plusSeconds(10);
                    if (loopsStarted && !loop.await(grace)) {
                        fanOut.on(new ReloadEvent.Error(loop.spec().name(), Instant.now(),
                                "did not stop within " + grace.toSeconds() + " s"));
                    }
                }
            }
            // a dependent that waited for a service that never became ready stops with the rest
            firstReady.values().forEach(f -> f.completeExceptionally(new IllegalStateException("the session ended")));
            supervisor.close();
            moduleBuilds.close();
            if (options.stateDirectory() != null) {
                SessionRecord.delete(options.stateDirectory());
            }
            if (loopsStarted) {
                fanOut.on(new Stopped(null, Instant.now(), reloads(), supervisor.survivors()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (AutoCloseable c : closeables) {
                try {
                    c.close();
                } catch (Exception e) {
                    fanOut.on(new ReloadEvent.Error(null, Instant.now(), "could not close " + c + ": " + e));
                }
            }
            ended.countDown();
            removeShutdownHook();
            closeDone.countDown();
        }
    }

    /** Whether a close has begun. */
    boolean closing() {
        return closed.get();
    }

    private void awaitClosed() {
        long bound = 10;
        for (ServiceSpec spec : specs) {
            bound = Math.max(bound, spec.stopTimeout().toSeconds() + 20);
        }
        try {
            if (!closeDone.await(bound, TimeUnit.SECONDS)) {
                fanOut.on(new ReloadEvent.Error(null, Instant.now(), "the session did not finish stopping within "
                        + bound + " s"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook is running or ran
            }
        }
    }

    private void limitReached(End why) {
        if (end.compareAndSet(null, why)) {
            ended.countDown();
        }
    }

    /**
     * Counts first starts and reloads, then forwards every event to each listener. A listener that
     * throws is reported to the others and does not reach the engine.
     */
    private final class FanOut implements ReloadListener {

        private final ThreadLocal<Boolean> reporting = ThreadLocal.withInitial(() -> false);

        @Override
        public void on(ReloadEvent event) {
            if (event instanceof Reloaded r) {
                if (started.add(r.service())) {
                    firstStarts.countDown();
                }
                CompletableFuture<Void> ready = firstReady.get(r.service());
                if (ready != null) {
                    ready.complete(null);
                }
            } else if (event instanceof ReloadFailed f && started.add(f.service())) {
                firstStarts.countDown();
            }
            for (ReloadListener l : listeners) {
                try {
                    l.on(event);
                } catch (RuntimeException e) {
                    failed(l, event, e);
                }
            }
            if (event instanceof Reloaded r && r.report().kind() == ReloadReport.Kind.RELOAD
                    && reloads.incrementAndGet() == options.maxReloads()) {
                limitReached(End.RELOAD_LIMIT);
            }
        }

        private void failed(ReloadListener failing, ReloadEvent event, RuntimeException e) {
            if (reporting.get()) {
                return;
            }
            reporting.set(true);
            try {
                ReloadEvent report = new ReloadEvent.Error(event.service(), Instant.now(), "a listener ("
                        + failing.getClass().getName() + ") failed on " + event.getClass().getSimpleName() + ": " + e);
                for (ReloadListener l : listeners) {
                    if (l != failing) {
                        try {
                            l.on(report);
                        } catch (RuntimeException ignored) {
                            // it is told of nothing more about this one
                        }
                    }
                }
            } finally {
                reporting.set(false);
            }
        }
    }
}
