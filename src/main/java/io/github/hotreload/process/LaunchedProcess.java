package io.github.hotreload.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A process started by the {@link ProcessSupervisor}, with everything needed to find and stop its
 * whole tree later: its process group (when started through {@code setsid}) and a tag in the
 * environment of each of its descendants.
 */
public final class LaunchedProcess {

    private final String service;
    private final String command;
    private final Process process;
    private final String tag;
    private final boolean ownGroup;
    private final OutputPump pump;
    private volatile Instant startedAt;
    /** The root's start time in clock ticks since boot, or -1 when unknown (see {@link ProcessTable#tree}). */
    private final long startTicks;
    /** The last search of the process table for this tree, for its stop; null when none. */
    private volatile ProcessTree.Survey survey;

    LaunchedProcess(String service, String command, Process process, String tag, boolean ownGroup, OutputPump pump) {
        this.service = service;
        this.command = command;
        this.process = process;
        this.tag = tag;
        this.ownGroup = ownGroup;
        this.pump = pump;
        this.startedAt = Instant.now();
        ProcessTable.Entry entry = ProcessTable.read(process.pid());
        this.startTicks = entry == null ? -1 : entry.start();
    }

    public String service() {
        return service;
    }

    public String command() {
        return command;
    }

    public long pid() {
        return process.pid();
    }

    public Instant startedAt() {
        return startedAt;
    }

    /**
     * Tells a process started with {@link ProcessSupervisor#launchPaused} to go on: writes
     * {@link Prestart#GO} to its standard input and closes it (the program then reads end of
     * input, as from {@code /dev/null}). Its start time is now.
     */
    public void release() throws IOException {
        startedAt = Instant.now();
        try (var in = process.getOutputStream()) {
            in.write((Prestart.GO + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Whether the process itself (not its tree) is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit code when the process itself exits. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** The last lines of output. */
    public List<String> tail() {
        return pump.tail();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    Process process() {
        return process;
    }

    String tag() {
        return tag;
    }

    /** The environment entry that marks every process of this tree. */
    byte[] marker() {
        return (ProcessSupervisor.TAG_VARIABLE + "=" + tag).getBytes(StandardCharsets.UTF_8);
    }

    /** No process of the tree started before this (clock ticks since boot), or -1. */
    long startTicks() {
        return startTicks;
    }

    /** The process group to look for, or 0 when the process shares the plugin's group. */
    long group() {
        return ownGroup ? process.pid() : 0;
    }

    OutputPump pump() {
        return pump;
    }

    void surveyed(ProcessTree.Survey s) {
        survey = s;
    }

    /** The last search for this tree, once: a stop starts from it. */
    ProcessTree.Survey takeSurvey() {
        ProcessTree.Survey s = survey;
        survey = null;
        return s;
    }

    @Override
    public String toString() {
        return service + " pid " + pid() + " (" + command + ")";
    }
}
