package io.github.hotreload.process;

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
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Owns the processes of one session: builds, services and their children. It starts them in
 * their own process group with a tag in their environment, so that it can always find and stop a
 * whole tree; it waits for builds, checks readiness, and frees ports.
 *
 * <p>It never looks at files, and it knows commands, not services. Each session (and each goal
 * that starts processes) has its own supervisor and closes it: under {@code mvn -T}, several
 * sessions run in one JVM, and closing one must not touch another's processes. Its watchdog
 * process, started with its first launch and ended by {@link #close}, ensures that nothing it
 * started outlives the JVM even when the JVM is killed.
 */
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
    private final Consumer<String> warnings;
    private final List<String> watchdogShell;
    private Watchdog watchdog;
    /** Whether starting the watchdog was tried; it is tried once, and a failure is told once. */
    private boolean watchdogTried;
    /** The commands the watchdog was told to run when the JVM dies. */
    private final Set<String> deathCommands = new java.util.LinkedHashSet<>();
    private volatile boolean closed;

    /** A supervisor whose warnings (such as a watchdog that cannot start) are dropped. */
    public ProcessSupervisor() {
        this(warning -> {});
    }

    /** @param warnings told, once each, of what protection is lost and why */
    public ProcessSupervisor(Consumer<String> warnings) {
        this(warnings, List.of("/bin/sh"));
    }

    /** @param watchdogShell the shell that runs the watchdog's script (tests give one that fails) */
    ProcessSupervisor(Consumer<String> warnings, List<String> watchdogShell) {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        this.prefix = ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
        this.setsid = ShellCommand.locate("setsid", Path.of("/"), System.getenv()).isPresent();
        this.warnings = warnings;
        this.watchdogShell = List.copyOf(watchdogShell);
    }

    /** The tag prefix shared by every process this supervisor starts. */
    public String sessionTag() {
        return prefix;
    }

    /**
     * Starts the launch's command, copying its output to {@code sink}.
     *
     * @param readyPattern a pattern to watch the output for (see {@link #awaitReady}), or null
     * @throws IOException when it cannot be started, or the supervisor is closed
     */
    public LaunchedProcess launch(Launch launch, OutputSink sink, Pattern readyPattern) throws IOException {
        return launch(launch, sink, readyPattern, false, false);
    }

    /**
     * Starts the launch's command with a pipe as its standard input instead of {@code
     * /dev/null}, for a program that waits for a word there before it does its work (a JVM
     * started ahead, see {@link Prestart}); {@link LaunchedProcess#release()} says it.
     */
    public LaunchedProcess launchPaused(Launch launch, OutputSink sink, Pattern readyPattern) throws IOException {
        return launch(launch, sink, readyPattern, true, false);
    }

    /**
     * Starts the shell of the launch's command ahead, waiting (see {@link
     * ShellCommand#argvAfterGo}): {@link LaunchedProcess#release()} has it run the command, which
     * then starts with no process to spawn, and its input ends as {@code /dev/null}'s would. Any
     * command can be started so; what it runs is read only once released.
     */
    public LaunchedProcess launchAhead(Launch launch, OutputSink sink, Pattern readyPattern) throws IOException {
        return launch(launch, sink, readyPattern, true, true);
    }

    private LaunchedProcess launch(Launch launch, OutputSink sink, Pattern readyPattern, boolean paused,
            boolean shellWaits) throws IOException {
        if (closed) {
            throw new IOException("the session is stopping; nothing more is started");
        }
        ensureWatchdog();
        String service = launch.label();
        String command = launch.command();
        Path directory = launch.directory();
        Map<String, String> environment = launch.environment();
        String tag = prefix + "/" + sequence.incrementAndGet();
        List<String> argv = new ArrayList<>();
        if (setsid) {
            argv.add("setsid");
        }
        ShellCommand shell = new ShellCommand(command);
        argv.addAll(shellWaits ? shell.argvAfterGo() : shell.argv());
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectInput(paused ? Redirect.PIPE : Redirect.from(new File("/dev/null")));
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
        if (closed) {
            // closed while this one started: stop it, so that nothing outlives the close
            stopQuietly(launched, Duration.ofSeconds(1));
            throw new IOException("the session is stopping; nothing more is started");
        }
        return launched;
    }

    /**
     * Runs a command to its end, such as a build. When the calling thread is interrupted, the
     * command's tree is stopped (SIGTERM, SIGKILL after {@code stopTimeout}) and {@link
     * InterruptedException} is thrown.
     */
    public BuildResult run(Launch launch, OutputSink sink, Duration stopTimeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        return awaitEnd(launch(launch, sink, null), start, stopTimeout);
    }

    /**
     * Runs a command whose shell was started ahead ({@link #launchAhead}) to its end, as {@link
     * #run} runs one that it starts: tells it to go and waits, its start being now.
     *
     * @throws IOException when it cannot be told, having ended meanwhile (it is stopped)
     */
    public BuildResult runAhead(LaunchedProcess ahead, Duration stopTimeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        try {
            ahead.release();
        } catch (IOException e) {
            stopQuietly(ahead, stopTimeout);
            throw e;
        }
        return awaitEnd(ahead, start, stopTimeout);
    }

    private BuildResult awaitEnd(LaunchedProcess p, long start, Duration stopTimeout) throws InterruptedException {
        int code;
        try {
            code = p.process().waitFor();
            // the output may still be in the pipe; a daemon the build left behind may hold it open
            p.pump().done().get(BUILD_OUTPUT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stopQuietly(p, stopTimeout);
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
     * Searches the process table for the tree of {@code p} ahead of its stop (while its
     * replacement is built): a stop within a second starts from that search instead of its own.
     */
    public void survey(LaunchedProcess p) {
        if (ProcessTable.available() && p.isAlive()) {
            ProcessTree.survey(p);
        }
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

    /** The pids of every process carrying this supervisor's tag that still runs, wherever it went. */
    public List<Long> survivors() {
        return ProcessTable.find(0, (TAG_VARIABLE + "=" + prefix + "/").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                true);
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

    /**
     * Stops every process this supervisor started and lets its watchdog go. Nothing more can be
     * launched afterwards. Processes of other supervisors, other sessions in this JVM included,
     * are not touched.
     */
    @Override
    public void close() {
        closed = true;
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
        String problem = null;
        synchronized (watchdogLock) {
            if (watchdogTried) {
                return;
            }
            watchdogTried = true;
            try {
                watchdog = Watchdog.start(prefix, Duration.ofSeconds(5), setsid, watchdogShell);
            } catch (IOException | UnsupportedOperationException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            warnings.accept("no watchdog: " + problem + ". Ctrl-C and a normal end still stop every process, but if "
                    + "Maven is killed with SIGKILL, the processes it started may keep running; the next watch of "
                    + "this project stops what a killed one left.");
        }
    }

    /**
     * Has the watchdog run {@code command} (by {@code /bin/sh}) too when the JVM dies without
     * stopping everything itself, after it stopped the session's processes: for what lives
     * outside this machine's process table, such as containers. Each command is told once.
     */
    public void onDeath(String command) {
        synchronized (watchdogLock) {
            if (!deathCommands.add(command)) {
                return;
            }
        }
        ensureWatchdog();
        synchronized (watchdogLock) {
            if (watchdog != null) {
                watchdog.onDeath(command);
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
