package io.github.hotreload.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Explains the Linux limits on inotify that a watch can run into, and how to raise them. */
public final class InotifyLimits {

    /** The limit on watches per user: one per watched directory. */
    public static final String WATCHES = "max_user_watches";
    /** The limit on inotify instances per user: one per watched service. */
    public static final String INSTANCES = "max_user_instances";
    /** What {@link #raise} suggests at least for {@link #WATCHES}. */
    public static final long SUGGESTED_WATCHES = 524_288;
    /** What {@link #raise} suggests at least for {@link #INSTANCES}. */
    public static final long SUGGESTED_INSTANCES = 1_024;

    private InotifyLimits() {}

    /**
     * What to tell the user when {@code e} is a limit on inotify watches or instances, with the
     * exact command that raises it; null for any other failure.
     */
    static String explain(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("inotify watches")) {
            return limit(WATCHES, SUGGESTED_WATCHES, "watches (one per watched directory)");
        }
        if (message.contains("inotify instances")) {
            return limit(INSTANCES, SUGGESTED_INSTANCES, "instances (one per watched service, and per program that watches files)");
        }
        return null;
    }

    private static String limit(String name, long suggested, String what) {
        long current = read(name);
        return "the system's limit on inotify " + what + " is reached (fs.inotify." + name + " = "
                + (current < 0 ? "?" : current) + "). " + raise(name, suggested, current);
    }

    /**
     * The commands that raise the limit {@code name} ({@link #WATCHES} or {@link #INSTANCES}) to
     * at least {@code suggested} and at least twice {@code current}, now and after a reboot:
     * {@code Raise it with: sudo sysctl ...}.
     */
    public static String raise(String name, long suggested, long current) {
        long value = Math.max(suggested, current * 2);
        return "Raise it with: sudo sysctl fs.inotify." + name + "=" + value
                + " and keep it after a reboot with: echo fs.inotify." + name + "=" + value
                + " | sudo tee /etc/sysctl.d/90-hotreload-inotify.conf";
    }

    /** The limit's value now, from {@code /proc/sys/fs/inotify}; -1 when it cannot be read (not Linux). */
    public static long read(String name) {
        // one buffered read: on some kernels Files.readString of a sysctl file returns its first byte only
        try (java.io.BufferedReader in = Files.newBufferedReader(Path.of("/proc/sys/fs/inotify", name))) {
            return Long.parseLong(in.readLine().trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
