package io.github.hotreload.watch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Watches a service's tree by walking it at an interval and comparing sizes and modification
 * times: for file systems without inotify events (network mounts) and when the system's inotify
 * limits are reached. Costs a walk of the watched tree per interval.
 */
final class PollingWatcher implements AutoCloseable {

    private record Stamp(long size, long modified) {}

    private final PathFilter filter;
    private final ChangeWatcher.Listener listener;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean closed;
    private Map<Path, Stamp> last;

    private PollingWatcher(String service, PathFilter filter, ChangeWatcher.Listener listener, Duration interval) {
        this.filter = filter;
        this.listener = listener;
        this.interval = interval;
        this.thread = new Thread(this::run, "hotreload-" + service + "-poller");
        this.thread.setDaemon(true);
    }

    /** Takes the first snapshot (telling {@code initialFile} of each file, may be null) and starts polling. */
    static PollingWatcher start(String service, PathFilter filter, ChangeWatcher.Listener listener, Duration interval,
            BiConsumer<Path, BasicFileAttributes> initialFile) {
        PollingWatcher w = new PollingWatcher(service, filter, listener, interval);
        w.last = w.snapshot(initialFile);
        w.thread.start();
        return w;
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            Map<Path, Stamp> now = snapshot(null);
            for (Map.Entry<Path, Stamp> e : now.entrySet()) {
                if (!e.getValue().equals(last.get(e.getKey()))) {
                    listener.onChange(e.getKey());
                }
            }
            for (Path gone : last.keySet()) {
                if (!now.containsKey(gone)) {
                    listener.onChange(gone);
                }
            }
            last = now;
        }
    }

    private Map<Path, Stamp> snapshot(BiConsumer<Path, BasicFileAttributes> initialFile) {
        Map<Path, Stamp> stamps = new HashMap<>();
        Path root = filter.root();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.equals(root) || filter.acceptsDirectory(dir)
                            ? FileVisitResult.CONTINUE
                            : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && filter.acceptsFile(file)) {
                        stamps.put(file, new Stamp(attrs.size(), attrs.lastModifiedTime().toMillis()));
                        if (initialFile != null) {
                            initialFile.accept(file, attrs);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            listener.onProblem("polling " + root + " failed: " + e.getMessage());
        }
        return stamps;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
