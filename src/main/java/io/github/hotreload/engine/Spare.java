package io.github.hotreload.engine;

import io.github.hotreload.process.LaunchedProcess;
import io.github.hotreload.process.ProcessSupervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * At most one process started ahead that waits to be told to go ({@link LaunchedProcess#release}),
 * so that a reload need not wait for a process to be spawned: the shell of the next build or of
 * the next run, or the next JVM of a java service. Taken by one thread while another may offer
 * the next.
 */
final class Spare {

    private final ProcessSupervisor supervisor;
    private final AtomicReference<LaunchedProcess> waiting = new AtomicReference<>();

    Spare(ProcessSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** Whether none waits. */
    boolean isEmpty() {
        return waiting.get() == null;
    }

    /** Keeps {@code started} as the one that waits; one offered while another waits is stopped. */
    void offer(LaunchedProcess started) throws InterruptedException {
        if (!waiting.compareAndSet(null, started)) {
            stop(started);
        }
    }

    /**
     * The process that waits, not yet told to go, and none waits from now on; null when there is
     * none or it cannot serve: it ended by itself, or the service's directory was removed and
     * made again since (a branch switch), where it would run in the old one (it is stopped).
     */
    LaunchedProcess take() throws InterruptedException {
        LaunchedProcess s = waiting.getAndSet(null);
        if (s == null || !s.isAlive()) {
            return null;
        }
        if (inRemovedDirectory(s)) {
            stop(s);
            return null;
        }
        return s;
    }

    /** Stops the one that waits, if any: the service stops, or will not need it. */
    void drop() {
        LaunchedProcess s = waiting.getAndSet(null);
        if (s != null) {
            try {
                stop(s);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stop(LaunchedProcess s) throws InterruptedException {
        try {
            supervisor.stop(s, Duration.ofSeconds(2));
        } catch (IllegalStateException e) {
            // it survived SIGKILL: the session's close reports what is left
        }
    }

    /** Whether the process's working directory is gone (Linux says so in /proc); false when unknown. */
    static boolean inRemovedDirectory(LaunchedProcess p) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).toString().endsWith(" (deleted)");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
