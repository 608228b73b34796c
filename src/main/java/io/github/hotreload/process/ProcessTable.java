package io.github.hotreload.process;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the kernel's process table from {@code /proc}, which Java's {@link ProcessHandle} does
 * not expose: process groups, states and environments. On systems without {@code /proc}, {@link
 * #available()} is false and callers fall back to {@link ProcessHandle#descendants()}.
 */
final class ProcessTable {

    private static final Path PROC = Path.of("/proc");
    private static final boolean AVAILABLE = Files.isReadable(PROC.resolve("self/stat"));

    /** One row of the table. */
    record Entry(long pid, long parent, long group, char state, long start) {
        boolean isGone() {
            return state == 'Z' || state == 'X' || state == 'x';
        }
    }

    private ProcessTable() {}

    static boolean available() {
        return AVAILABLE;
    }

    /** The process, or null when it does not exist (any more). */
    static Entry read(long pid) {
        if (!AVAILABLE) {
            return null;
        }
        READS.increment();
        // a byte buffer of the thread's own and no String per field: a stop scans the whole table
        // twice, so this runs for every process of the machine on each reload
        byte[] stat = STAT_BUFFER.get();
        int length;
        try (FileInputStream in = new FileInputStream("/proc/" + pid + "/stat")) {
            length = in.readNBytes(stat, 0, stat.length);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return parseStat(pid, stat, length);
    }

    /** How many stat lines were read, for tests of what a search spares. */
    private static final java.util.concurrent.atomic.LongAdder READS = new java.util.concurrent.atomic.LongAdder();

    static long reads() {
        return READS.sum();
    }

    private static final ThreadLocal<byte[]> STAT_BUFFER = ThreadLocal.withInitial(() -> new byte[4096]);

    /**
     * One {@code /proc/<pid>/stat} line: {@code pid (comm) state ppid pgrp ...}, the start time
     * the 22nd field; comm may hold spaces and parentheses, so fields are counted from the last
     * {@code )}. Null when the line is cut short.
     */
    static Entry parseStat(long pid, byte[] stat, int length) {
        int close = -1;
        for (int i = length - 1; i >= 0; i--) {
            if (stat[i] == ')') {
                close = i;
                break;
            }
        }
        if (close < 0 || close + 2 >= length) {
            return null;
        }
        char state = (char) stat[close + 2];
        long parent = -1;
        long group = -1;
        long start = -1;
        int field = 0; // 0: state, 1: ppid, 2: pgrp, ... 19: starttime
        long value = 0;
        for (int i = close + 2; i <= length; i++) {
            byte c = i < length ? stat[i] : (byte) ' ';
            if (c == ' ' || c == '\n') {
                if (field == 1) {
                    parent = value;
                } else if (field == 2) {
                    group = value;
                } else if (field == 19) {
                    start = value;
                    break;
                }
                field++;
                value = 0;
            } else if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
            }
        }
        if (start < 0) {
            return null;
        }
        return new Entry(pid, parent, group, state, start);
    }

    /** Whether the process exists and has not exited (a zombie has exited). */
    static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        Entry e = read(handle.pid());
        return e == null ? !AVAILABLE : !e.isGone();
    }

    /**
     * The live processes of a launched tree, from one pass over the table: {@code root} (while it
     * is still the process that started at {@code notBefore}), every process in process group
     * {@code group} (0: none), every process whose environment holds {@code marker} whole, and the
     * descendants of all of these. Only processes started no earlier than {@code notBefore} (clock
     * ticks since boot, as {@link Entry#start()}; -1: unknown) can belong to the tree, so only
     * their environments are read: reading another process's environment is the costly part of a
     * search, and a developer's machine runs hundreds of processes older than any service.
     */
    static Set<Long> tree(long root, long group, byte[] marker, long notBefore) {
        return tree(root, group, marker, notBefore, new HashSet<>());
    }

    /**
     * {@link #tree(long, long, byte[], long)}, not reading again the processes in {@code
     * outsiders}, which an earlier pass found running and outside the tree; those this pass finds
     * so are added. A process outside the tree stays outside: it cannot join a process group of
     * another session, an orphan is re-parented to init or to a subreaper that is its ancestor
     * already, and an environment changes only with a new program. So a pass after the first, as
     * the stop of a tree repeats it until nothing is left, reads only what started since and the
     * members, not the whole table (on a developer's machine, hundreds of processes, a few ms).
     * Only a pid reused within the stop (the kernel hands out pids in turn) could escape it; the
     * stop's periodic full passes find that one too.
     */
    static Set<Long> tree(long root, long group, byte[] marker, long notBefore, Set<Long> outsiders) {
        Set<Long> found = new LinkedHashSet<>();
        if (!AVAILABLE) {
            return found;
        }
        long self = ProcessHandle.current().pid();
        Map<Long, List<Long>> children = new HashMap<>();
        List<Entry> read = entries(outsiders);
        for (Entry e : read) {
            if (e.pid() == self || e.isGone()) {
                continue;
            }
            children.computeIfAbsent(e.parent(), k -> new ArrayList<>()).add(e.pid());
            boolean isRoot = e.pid() == root && (notBefore < 0 || e.start() == notBefore);
            boolean inGroup = group > 0 && e.group() == group;
            if (isRoot || inGroup || (marker != null && e.start() >= notBefore && environmentHas(e.pid(), marker, false))) {
                found.add(e.pid());
            }
        }
        // descendants of every member: a child that left the group and carries no tag (its
        // environment was cleared) is still a child
        Deque<Long> todo = new ArrayDeque<>(found);
        while (!todo.isEmpty()) {
            for (long child : children.getOrDefault(todo.pop(), List.of())) {
                if (found.add(child)) {
                    todo.push(child);
                }
            }
        }
        for (Entry e : read) {
            if (!e.isGone() && !found.contains(e.pid())) {
                outsiders.add(e.pid());
            }
        }
        return found;
    }

    private static List<Entry> entries() {
        return entries(Set.of());
    }

    /** The table's rows, but for the pids in {@code skip}, which are not read. */
    private static List<Entry> entries(Set<Long> skip) {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                try {
                    long pid = Long.parseLong(name);
                    if (skip.contains(pid)) {
                        continue;
                    }
                    Entry e = read(pid);
                    if (e != null) {
                        entries.add(e);
                    }
                } catch (NumberFormatException e) {
                    // not a process
                }
            }
        } catch (IOException e) {
            // the table could not be listed: callers still know their own child (Process.isAlive)
        }
        return entries;
    }

    /**
     * Every live process in process group {@code group}, or whose environment holds {@code
     * marker}, a {@code NAME=value} entry matched whole or, with {@code prefix}, as its start. A
     * process can leave its group with {@code setsid}, but it keeps its environment.
     */
    static List<Long> find(long group, byte[] marker, boolean prefix) {
        List<Long> found = new ArrayList<>();
        if (!AVAILABLE) {
            return found;
        }
        long self = ProcessHandle.current().pid();
        for (Entry e : entries()) {
            if (e.pid() == self || e.isGone()) {
                continue;
            }
            if ((group > 0 && e.group() == group)
                    || (marker != null && environmentHas(e.pid(), marker, prefix))) {
                found.add(e.pid());
            }
        }
        return found;
    }

    private static boolean environmentHas(long pid, byte[] marker, boolean prefix) {
        byte[] env;
        try {
            env = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | SecurityException e) {
            return false; // another user's process, or gone
        }
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                int length = i - start;
                if ((prefix ? length >= marker.length : length == marker.length) && regionEquals(env, start, marker)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static boolean regionEquals(byte[] env, int start, byte[] marker) {
        for (int j = 0; j < marker.length; j++) {
            if (env[start + j] != marker[j]) {
                return false;
            }
        }
        return true;
    }
}
