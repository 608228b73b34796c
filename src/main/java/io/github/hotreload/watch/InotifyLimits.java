package io.github.hotreload.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Explains the Linux limits on inotify that a watch can run into, and how to raise them. */
final class InotifyLimits {

    private InotifyLimits() {}

    /**
     * What to tell the user when {@code e} is a limit on inotify watches or instances, with the
     * exact command that raises it; null for any other failure.
     */
    static String explain(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("inotify watches")) {
            return limit("max_user_watches", 524_288, "watches (one per watched directory)");
        }
        if (message.contains("inotify instances")) {
            return limit("max_user_instances", 1_024, "instances (one per watched service, and per program that watches files)");
        }
        return null;
    }

    private static String limit(String name, long suggested, String what) {
        long current = read(name);
        long value = Math.max(suggested, current * 2);
        return "the system's limit on inotify " + what + " is reached (fs.inotify." + name + " = "
                + (current < 0 ? "?" : current) + "). Raise it with: sudo sysctl fs.inotify." + name + "=" + value
                + " and keep it after a reboot with: echo fs.inotify." + name + "=" + value
                + " | sudo tee /etc/sysctl.d/90-hotreload-inotify.conf";
    }

    private static long read(String name) {
        try {
            return Long.parseLong(Files.readString(Path.of("/proc/sys/fs/inotify", name)).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
