package io.github.hotreload.process;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Stops a whole process tree: SIGTERM to every process in it, a wait of up to the stop timeout,
 * then SIGKILL to whatever remains, and a wait until all of it has exited.
 *
 * <p>The tree is everything that is a descendant of the root, in the root's process group, or
 * carries the launch's tag in its environment; the last catches children that left the group with
 * {@code setsid} and were re-parented when their parent exited, as daemonizing scripts do.
 */
final class ProcessTree {

    /** How stopping went: how many processes the tree had, and how many needed SIGKILL. */
    record StopOutcome(int processes, int killed, Duration elapsed) {}

    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    /** How often the whole process table is searched for members that appeared meanwhile. */
    private static final long RESCAN_NANOS = 100_000_000L;
    /** How long a survey taken ahead of a stop stands in for the stop's first full search. */
    static final long SURVEY_NANOS = 1_000_000_000L;

    /**
     * A full search of the process table for a tree, taken ahead of its stop (while a build
     * runs): its members and the live processes it found outside the tree, at {@code nanos}.
     */
    record Survey(Map<Long, ProcessHandle> members, Set<Long> outsiders, long nanos) {}

    /**
     * Searches the whole process table for the tree now, so that a stop within {@link
     * #SURVEY_NANOS} need not: it signals the members found and then reads only the processes
     * that are not known to be outside (see {@link ProcessTable#tree}). Pids are handed out in
     * turn, so one reused within a second would take a machine that starts its whole pid range
     * in that second; the stop's periodic full searches are kept all the same.
     */
    static void survey(LaunchedProcess launched) {
        Set<Long> outsiders = new HashSet<>();
        Map<Long, ProcessHandle> found = members(launched, outsiders);
        launched.surveyed(new Survey(found, outsiders, System.nanoTime()));
    }

    private ProcessTree() {}

    /** The live processes of the tree, by pid (a full search of the process table). */
    static Map<Long, ProcessHandle> members(LaunchedProcess launched) {
        return members(launched, new HashSet<>());
    }

    /**
     * The live processes of the tree, from a search that skips the processes in {@code
     * outsiders}, known to be outside it, and adds those it finds (see {@link ProcessTable#tree}).
     */
    private static Map<Long, ProcessHandle> members(LaunchedProcess launched, Set<Long> outsiders) {
        Map<Long, ProcessHandle> members = new LinkedHashMap<>();
        ProcessHandle root = launched.handle();
        if (!ProcessTable.available()) {
            if (root.isAlive()) {
                members.put(root.pid(), root);
            }
            root.descendants().filter(ProcessHandle::isAlive).forEach(h -> members.put(h.pid(), h));
            return members;
        }
        if (launched.process().isAlive()) {
            members.put(root.pid(), root); // even when /proc could not be listed
        }
        for (long pid : ProcessTable.tree(root.pid(), launched.group(), launched.marker(), launched.startTicks(), outsiders)) {
            ProcessHandle.of(pid).ifPresent(h -> members.putIfAbsent(pid, h));
        }
        return members;
    }

    /** Stops the tree and returns once none of it is running. */
    static StopOutcome stop(LaunchedProcess launched, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        Map<Long, ProcessHandle> known = new LinkedHashMap<>();
        int killed = 0;
        boolean forcibly = false;
        long deadline = start + timeout.toNanos();
        long lastScan = 0;
        boolean scanned = false;
        // what the last full search found running outside the tree: the searches in between
        // (once the known members are gone, to see whether anything is left) do not read them again
        Set<Long> outsiders = new HashSet<>();
        if (launched.process().isAlive()) {
            // the root first, before the scan for the rest of the tree: its shutdown (usually the
            // whole service's) overlaps the scan instead of waiting for it
            ProcessHandle root = launched.handle();
            known.put(root.pid(), root);
            killed += signal(launched, root, false);
        }
        Survey survey = launched.takeSurvey();
        if (survey != null && start - survey.nanos() < SURVEY_NANOS) {
            // searched just before (during the build): that search is the first, and the next
            // reads only what it did not find outside the tree
            for (ProcessHandle h : survey.members().values()) {
                if (known.putIfAbsent(h.pid(), h) == null && ProcessTable.isRunning(h)) {
                    killed += signal(launched, h, false);
                }
            }
            outsiders.addAll(survey.outsiders());
            scanned = true;
            lastScan = start; // the full searches of a long stop still come every RESCAN_NANOS
        }
        while (true) {
            long now = System.nanoTime();
            if (!scanned || now - lastScan >= RESCAN_NANOS || !anyRunning(known)) {
                if (!scanned || now - lastScan >= RESCAN_NANOS) {
                    outsiders.clear(); // a full search
                }
                Map<Long, ProcessHandle> found = members(launched, outsiders);
                lastScan = System.nanoTime();
                scanned = true;
                for (ProcessHandle h : found.values()) {
                    if (known.putIfAbsent(h.pid(), h) == null) {
                        killed += signal(launched, h, forcibly);
                    }
                }
                if (found.isEmpty()) {
                    break;
                }
            }
            if (!forcibly && launched.pump().exitHooksDone() && launched.process().isAlive()) {
                // a JVM whose shutdown hooks are done would only wait for its native threads now
                launched.handle().destroyForcibly();
            }
            if (!forcibly && System.nanoTime() >= deadline) {
                forcibly = true;
                for (ProcessHandle h : known.values()) {
                    if (ProcessTable.isRunning(h)) {
                        killed += signal(launched, h, true);
                    }
                }
                deadline = System.nanoTime() + KILL_GRACE.toNanos();
            } else if (forcibly && System.nanoTime() >= deadline) {
                throw new IllegalStateException("processes of " + launched + " survived SIGKILL for "
                        + KILL_GRACE.toSeconds() + " s: " + members(launched).keySet());
            }
            pause(launched, start);
        }
        launched.process().waitFor();
        return new StopOutcome(known.size(), killed, Duration.ofNanos(System.nanoTime() - start));
    }

    private static boolean anyRunning(Map<Long, ProcessHandle> known) {
        for (ProcessHandle h : known.values()) {
            if (ProcessTable.isRunning(h)) {
                return true;
            }
        }
        return false;
    }

    private static int signal(LaunchedProcess launched, ProcessHandle h, boolean forcibly) {
        if (forcibly) {
            return h.destroyForcibly() ? 1 : 0;
        }
        // through the handle: Process.destroy() would also close our end of the output pipe, and
        // what the service prints while it shuts down (and the exit agent's line) would be lost
        h.destroy();
        return 0;
    }

    /**
     * Polls fast at first (most processes exit within milliseconds), then backs off to 50 ms;
     * while the root runs, its exit ends the pause at once (usually it is the whole tree, as the
     * shell {@code exec}s the command).
     */
    private static void pause(LaunchedProcess launched, long start) throws InterruptedException {
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        long pauseMs = elapsedMs < 50 ? 2 : elapsedMs < 500 ? 10 : 50;
        if (launched.process().isAlive()) {
            launched.process().waitFor(pauseMs, TimeUnit.MILLISECONDS);
        } else {
            Thread.sleep(pauseMs);
        }
    }
}
