package io.github.hotreload.engine;

import io.github.hotreload.console.Console;
import io.github.hotreload.process.BuildResult;
import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.config.ServiceSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one {@link ServiceLoop} per service, fans their events out to listeners, and stops
 * everything when closed, when a limit is reached, or when the JVM shuts down (Ctrl-C).
 */
public final class ReloadSession implements AutoCloseable {

    /** Why a session ended. */
    public enum End {
        CLOSED,
        RELOAD_LIMIT,
        TIME_LIMIT
    }

    private final List<ServiceLoop> loops = new ArrayList<>();
    private final ProcessSupervisor supervisor;
    private final Console console;
    private final SessionOptions options;
    private final List<ReloadListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch closeDone = new CountDownLatch(1);
    private final CountDownLatch indexed = new CountDownLatch(1);
    /** Counted down as each service's first build and start ends, successfully or not. */
    private final CountDownLatch firstStarts;
    private final Set<String> started = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicReference<End> end = new AtomicReference<>();
    private final AtomicInteger reloads = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether Ctrl-C or SIGTERM ended the session (the shutdown hook stopped it). */
    private volatile boolean stoppedBySignal;
    private Thread shutdownHook;

    public ReloadSession(List<ServiceSpec> specs, ProcessSupervisor supervisor, Console console, SessionOptions options) {
        this.supervisor = supervisor;
        this.console = console;
        this.options = options;
        this.firstStarts = new CountDownLatch(specs.size());
        ReloadListener fanOut = new FanOut();
        for (int i = 0; i < specs.size(); i++) {
            ServiceSpec spec = specs.get(i);
            loops.add(new ServiceLoop(spec, supervisor, console.service(spec.name(), i), fanOut));
        }
    }

    public void addListener(ReloadListener listener) {
        listeners.add(listener);
    }

    /**
     * Puts every service's watches in place, then builds and starts every service, each on its
     * own thread. Returns without waiting for the services to be ready.
     */
    public void start() throws IOException {
        if (options.stateDirectory() != null) {
            try {
                SessionRecord.stopLeftovers(options.stateDirectory(), supervisor, console);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping an earlier session's processes", e);
            }
            SessionRecord.current(supervisor).write(options.stateDirectory());
        }
        List<ServiceLoop> watching = new ArrayList<>();
        try {
            for (ServiceLoop loop : loops) {
                loop.watch();
                watching.add(loop);
            }
        } catch (IOException | RuntimeException e) {
            for (ServiceLoop loop : watching) {
                loop.requestStop();
            }
            throw e;
        }
        shutdownHook = new Thread(() -> {
            if (closed.get()) {
                // the goal is closing the session already: the JVM must not halt before it is done
                try {
                    closeDone.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            stoppedBySignal = true;
            console.plain("stopping every service (Ctrl-C or SIGTERM)");
            close();
            // said here: the JVM may halt before the goal's own thread gets to say it
            console.plain("stopped after " + reloads() + " reload(s); no process is left running");
        }, "hotreload-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        for (ServiceLoop loop : loops) {
            loop.start();
        }
        Thread indexer = new Thread(() -> {
            try {
                // after the first starts, so as not to compete with them for the CPU
                firstStarts.await(10, TimeUnit.MINUTES);
                for (ServiceLoop loop : loops) {
                    if (!closed.get()) {
                        loop.index().indexTree();
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
     * {@code clean}, whatever changed. Each future completes when its service is done.
     */
    public List<CompletableFuture<ReloadOutcome>> rebuild(Collection<String> services, boolean clean) {
        List<CompletableFuture<ReloadOutcome>> outcomes = new ArrayList<>();
        for (ServiceLoop loop : loops) {
            if (services.isEmpty() || services.contains(loop.spec().name())) {
                outcomes.add(loop.requestRebuild(clean));
            }
        }
        return outcomes;
    }

    /** The loop of a service, for tests in this package. */
    ServiceLoop loop(String service) {
        return loops.stream().filter(l -> l.spec().name().equals(service)).findFirst().orElseThrow();
    }

    /** The names of the services, in configuration order. */
    public List<String> services() {
        return loops.stream().map(l -> l.spec().name()).toList();
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

    /** Successful reloads so far, not counting first starts. */
    /** Whether Ctrl-C or SIGTERM ended the session; it then printed its last line itself. */
    public boolean stoppedBySignal() {
        return stoppedBySignal;
    }

    public int reloads() {
        return reloads.get();
    }

    /**
     * Stops every service's processes and watchers and waits until they are gone; then releases
     * the supervisor (whose watchdog is no longer needed).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        end.compareAndSet(null, End.CLOSED);
        for (ServiceLoop loop : loops) {
            loop.requestStop();
        }
        try {
            for (ServiceLoop loop : loops) {
                Duration grace = loop.spec().stopTimeout().plusSeconds(10);
                if (!loop.await(grace)) {
                    console.plain("service " + loop.spec().name() + " did not stop within " + grace.toSeconds() + " s");
                }
            }
            supervisor.stopAll(Duration.ofSeconds(5));
            supervisor.close();
            if (options.stateDirectory() != null) {
                SessionRecord.delete(options.stateDirectory());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
            removeShutdownHook();
            closeDone.countDown();
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

    /** Forwards every event to the listeners, and counts reloads for the limit. */
    private final class FanOut implements ReloadListener {
        @Override
        public void buildStarted(String service, Set<Path> changes) {
            listeners.forEach(l -> l.buildStarted(service, changes));
        }

        @Override
        public void buildFinished(String service, BuildResult result) {
            listeners.forEach(l -> l.buildFinished(service, result));
        }

        @Override
        public void changesIgnored(String service, Set<Path> paths) {
            listeners.forEach(l -> l.changesIgnored(service, paths));
        }

        @Override
        public void processStarted(String service, long pid) {
            listeners.forEach(l -> l.processStarted(service, pid));
        }

        @Override
        public void reloaded(ReloadReport report) {
            if (started.add(report.service())) {
                firstStarts.countDown();
            }
            listeners.forEach(l -> l.reloaded(report));
            if (!report.initial() && reloads.incrementAndGet() == options.maxReloads()) {
                limitReached(End.RELOAD_LIMIT);
            }
        }

        @Override
        public void reloadFailed(String service, Step step, String reason, List<String> tail) {
            if (started.add(service)) {
                firstStarts.countDown();
            }
            listeners.forEach(l -> l.reloadFailed(service, step, reason, tail));
        }

        @Override
        public void processExited(String service, long pid, int exitCode) {
            listeners.forEach(l -> l.processExited(service, pid, exitCode));
        }
    }
}
