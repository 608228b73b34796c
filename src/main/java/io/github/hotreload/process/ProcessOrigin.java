package io.github.hotreload.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a process that the caller did not start comes from, as {@code /proc} tells: its command
 * line, its ancestors, and the watch that launched it, if one did (every process a {@link
 * ProcessSupervisor} starts carries the service's name and a tag that begins with the watch's pid
 * in its environment, which a process keeps when it leaves the watch's tree).
 *
 * @param pid the process
 * @param commandLine its arguments joined by spaces, or empty when unknown (a kernel thread)
 * @param ancestors its parent, the parent's parent, and so on up to the first process
 * @param service the {@code HOTRELOAD_SERVICE} of its environment, or null (none, or not readable)
 * @param tag the {@code HOTRELOAD_TAG} of its environment, or null
 */
public record ProcessOrigin(long pid, String commandLine, List<Long> ancestors, String service, String tag) {

    private static final Path PROC = Path.of("/proc");

    public ProcessOrigin {
        ancestors = List.copyOf(ancestors);
    }

    /** The process as it is now, or empty when it does not exist or /proc cannot be read. */
    public static Optional<ProcessOrigin> of(long pid) {
        ProcessTable.Entry entry = ProcessTable.read(pid);
        if (entry == null) {
            return Optional.empty();
        }
        List<Long> ancestors = new ArrayList<>();
        for (ProcessTable.Entry e = entry; e != null && e.parent() > 0 && ancestors.size() < 1_000; e = ProcessTable.read(e.parent())) {
            ancestors.add(e.parent());
        }
        Path dir = PROC.resolve(Long.toString(pid));
        String service = null;
        String tag = null;
        for (String variable : split(read(dir.resolve("environ")))) {
            if (variable.startsWith(ProcessSupervisor.SERVICE_VARIABLE + "=")) {
                service = variable.substring(ProcessSupervisor.SERVICE_VARIABLE.length() + 1);
            } else if (variable.startsWith(ProcessSupervisor.TAG_VARIABLE + "=")) {
                tag = variable.substring(ProcessSupervisor.TAG_VARIABLE.length() + 1);
            }
        }
        return Optional.of(new ProcessOrigin(pid, String.join(" ", split(read(dir.resolve("cmdline")))).strip(),
                ancestors, service, tag));
    }

    /** Whether the watch whose JVM is {@code watchPid} runs this process: it, a descendant, or one it launched. */
    public boolean belongsTo(long watchPid) {
        return pid == watchPid || ancestors.contains(watchPid) || (tag != null && tag.startsWith(watchPid + "-"));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            return new byte[0]; // gone, or another user's
        }
    }

    private static List<String> split(byte[] zeroSeparated) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= zeroSeparated.length; i++) {
            if (i == zeroSeparated.length || zeroSeparated[i] == 0) {
                if (i > start) {
                    parts.add(new String(zeroSeparated, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return parts;
    }
}
