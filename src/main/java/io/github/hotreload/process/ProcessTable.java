package io.github.hotreload.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the kernel's process table from {@code /proc}, which Java's {@link ProcessHandle} does
 * not expose: process groups, states and environments. On systems without {@code /proc}, {@link
 * #available()} is false and callers fall back to {@link ProcessHandle#descendants()}.
 */
final class ProcessTable {

    private static final Path PROC = Path.of("/proc");
    private static final boolean AVAILABLE = Files.isReadable(PROC.resolve("self/stat"));

    /** One row of the table. */
    record Entry(long pid, long parent, long group, char state) {
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
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
            // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses
            int close = stat.lastIndexOf(')');
            String[] f = stat.substring(close + 2).split(" ", 5);
            return new Entry(pid, Long.parseLong(f[1]), Long.parseLong(f[2]), f[0].charAt(0));
        } catch (IOException | RuntimeException e) {
            return null;
        }
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
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(name);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == self) {
                    continue;
                }
                Entry e = read(pid);
                if (e == null || e.isGone()) {
                    continue;
                }
                if ((group > 0 && e.group() == group) || (marker != null && environmentHas(dir, marker, prefix))) {
                    found.add(pid);
                }
            }
        } catch (IOException e) {
            // the table could not be listed: the caller still has ProcessHandle.descendants()
        }
        return found;
    }

    private static boolean environmentHas(Path dir, byte[] marker, boolean prefix) {
        byte[] env;
        try {
            env = Files.readAllBytes(dir.resolve("environ"));
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
