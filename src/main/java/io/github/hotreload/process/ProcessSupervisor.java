package io.github.hotreload.process;

import io.github.hotreload.process.Readiness;
import io.github.hotreload.config.ServiceSpec;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;

/**
 * Owns every process the plugin starts: builds, services and their children. It starts them in
 * their own process group with a tag in their environment, so that it can always find and stop a
 * whole tree; it waits for builds, checks readiness, and frees ports.
 *
 * <p>It never looks at files. One instance serves the whole Maven JVM; a watchdog process ensures
 * that nothing it started outlives the JVM even when the JVM is killed.
 */
@Named
@Singleton
public class ProcessSupervisor implements AutoCloseable {

    /** The environment variable that marks every process of a launch. */
    public static final String TAG_VARIABLE = "HOTRELOAD_TAG";
    /** Set for every child: the name of its service. */
    public static final String SERVICE_VARIABLE = "HOTRELOAD_SERVICE";

    private static final Duration BUILD_OUTPUT_GRACE = Duration.ofMillis(500);

    private final String prefix;
    private final AtomicLong sequence = new AtomicLong();
    private final Set<LaunchedProcess> live = ConcurrentHashMap.newKeySet();
    private final boolean setsid;
    private final Object watchdogLock = new Object();
    private Watchdog watchdog;

    @Inject
    public ProcessSupervisor() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        this.prefix = ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
        this.setsid = ShellCommand.locate("setsid", Path.of("/"), System.getenv()).isPresent();
    }

    /** The tag prefix shared by every process this supervisor starts. */
    public String sessionTag() {
        return prefix;
    }

    /**
     * Starts {@code command} in {@code directory}, copying its output to {@code sink}.
     *
     * @param readyPattern a pattern to watch the output for (see {@link #awaitReady}), or null
     */
    public LaunchedProcess launch(
            String service,
            String command,
            Path directory,
            Map<String, String> environment,
            OutputSink sink,
            Pattern readyPattern)
            throws IOException {
        ensureWatchdog();
        String tag = prefix + "/" + sequence.incrementAndGet();
        List<String> argv = new ArrayList<>();
        if (setsid) {
            argv.add("setsid");
        }
        argv.addAll(new ShellCommand(command).argv());
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectInput(Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        if (sink.wantsColor()) {
            env.putIfAbsent("CARGO_TERM_COLOR", "always");
            env.putIfAbsent("CLICOLOR_FORCE", "1");
            env.putIfAbsent("FORCE_COLOR", "1");
        }
        env.putAll(environment);
        env.put(TAG_VARIABLE, tag);
        env.put(SERVICE_VARIABLE, service);
        Process process = pb.start();
        OutputPump pump = new OutputPump(process.getInputStream(), sink, readyPattern);
        LaunchedProcess launched = new LaunchedProcess(service, command, process, tag, setsid, pump);
        live.add(launched);
        pump.start("hotreload-" + service + "-output-" + process.pid());
        return launched;
    }

    /** Starts the service's run command. */
    public LaunchedProcess start(ServiceSpec spec, OutputSink sink) throws IOException {
        return launch(spec.name(), spec.run(), spec.directory(), spec.environment(), sink,
                spec.readiness().logPattern());
    }

    /**
     * Runs a build command to its end. When the calling thread is interrupted, the build's tree is
     * stopped and {@link InterruptedException} is thrown.
     */
    public BuildResult build(ServiceSpec spec, String command, OutputSink sink) throws IOException, InterruptedException {
        long start = System.nanoTime();
        LaunchedProcess p = launch(spec.name(), command, spec.directory(), spec.environment(), sink, null);
        int code;
        try {
            code = p.process().waitFor();
            // the output may still be in the pipe; a daemon the build left behind may hold it open
            p.pump().done().get(BUILD_OUTPUT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stopQuietly(p, spec.stopTimeout());
            throw e;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            code = p.process().exitValue();
        } finally {
            if (!p.isAlive()) {
                live.remove(p);
            }
        }
        return new BuildResult(code, Duration.ofNanos(System.nanoTime() - start), p.tail());
    }

    /** Waits until the started service passes its readiness checks, exits, or times out. */
    public ReadyResult awaitReady(LaunchedProcess p, Readiness readiness) throws InterruptedException {
        return ReadinessCheck.await(p, readiness, () -> p.isAlive() || isTreeRunning(p));
    }

    /**
     * Stops the whole tree of {@code p}: SIGTERM, up to {@code timeout} to exit, then SIGKILL.
     * Returns when no process of the tree is left.
     */
    public StopResult stop(LaunchedProcess p, Duration timeout) throws InterruptedException {
        ProcessTree.StopOutcome outcome = ProcessTree.stop(p, timeout);
        live.remove(p);
        return new StopResult(outcome.processes(), outcome.killed(), outcome.elapsed());
    }

    private void stopQuietly(LaunchedProcess p, Duration timeout) {
        boolean interrupted = Thread.interrupted();
        try {
            stop(p, timeout);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits until nothing listens on {@code port}, so that a new process can bind it.
     *
     * @return whether the port is free
     */
    public boolean awaitPortFree(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (isPortFree(port)) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(10);
        }
    }

    static boolean isPortFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether any process of the tree still runs (the root may have exited, leaving children). */
    public boolean isTreeRunning(LaunchedProcess p) {
        return !ProcessTree.members(p).isEmpty();
    }

    /**
     * Stops every process whose environment carries a tag of the session {@code sessionTag}, as
     * an earlier session that was killed may have left them; returns how many there were.
     */
    public int stopSession(String sessionTag, Duration timeout) throws InterruptedException {
        byte[] marker = (TAG_VARIABLE + "=" + sessionTag + "/").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<Long> found = ProcessTable.find(0, marker, true);
        List<ProcessHandle> handles = new ArrayList<>();
        for (long pid : found) {
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroy();
                handles.add(h);
            });
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handles.stream().anyMatch(ProcessTable::isRunning) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        for (long pid : ProcessTable.find(0, marker, true)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        return handles.size();
    }

    /** The processes started and not yet stopped. */
    public List<LaunchedProcess> live() {
        return List.copyOf(live);
    }

    /** Stops every tree this supervisor started. */
    public void stopAll(Duration timeout) throws InterruptedException {
        List<Thread> stoppers = new ArrayList<>();
        for (LaunchedProcess p : List.copyOf(live)) {
            Thread t = new Thread(() -> stopQuietly(p, timeout), "hotreload-stop-" + p.pid());
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            t.join();
        }
    }

    /** Stops everything and lets the watchdog go; a later launch starts a new one. */
    @Override
    public void close() {
        try {
            stopAll(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (watchdogLock) {
            if (watchdog != null) {
                watchdog.close();
                watchdog = null;
            }
        }
    }

    private void ensureWatchdog() {
        synchronized (watchdogLock) {
            if (watchdog == null) {
                watchdog = Watchdog.start(prefix, Duration.ofSeconds(5), setsid);
            }
        }
    }

    /** The watchdog's pid, or -1 when there is none. */
    long watchdogPid() {
        synchronized (watchdogLock) {
            return watchdog == null ? -1 : watchdog.pid();
        }
    }
}
