package io.github.hotreload.testing;

import io.github.hotreload.watch.ChangeWatcher;
import io.github.hotreload.watch.PathFilter;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A JVM that watches a directory with a {@link ChangeWatcher} and prints what it is told, so that
 * a test can run it as another user: {@code READY polling=...}, {@code CHANGE path},
 * {@code PROBLEM message}.
 *
 * <p>Arguments: {@code DIR [--exhaust-instances]}; the option first uses up the user's inotify
 * instances, as other programs can.
 */
public final class WatcherHost {

    private WatcherHost() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toRealPath();
        List<WatchService> hog = new ArrayList<>();
        if (args.length > 1 && args[1].equals("--exhaust-instances")) {
            try {
                while (hog.size() < 100_000) {
                    hog.add(FileSystems.getDefault().newWatchService());
                }
            } catch (IOException e) {
                System.out.println("EXHAUSTED after " + hog.size() + ": " + e.getMessage());
            }
        }
        PathFilter filter = new PathFilter(dir, List.of(), List.of(), List.of(), Set.of());
        ChangeWatcher watcher = ChangeWatcher.start("host", filter, new ChangeWatcher.Listener() {
            @Override
            public void onChange(Path path) {
                say("CHANGE " + dir.relativize(path));
            }

            @Override
            public void onOverflow() {
                say("OVERFLOW");
            }

            @Override
            public void onProblem(String message) {
                say("PROBLEM " + message);
            }
        });
        say("READY polling=" + watcher.isPolling());
        Thread.currentThread().join();
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
