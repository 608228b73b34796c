package io.github.hotreload.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

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

    /** Takes the first snapshot and starts polling. */
    static PollingWatcher start(String service, PathFilter filter, ChangeWatcher.Listener listener, Duration interval) {
        PollingWatcher w = new PollingWatcher(service, filter, listener, interval);
        w.last = w.snapshot();
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
            Map<Path, Stamp> now = snapshot();
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

    private Map<Path, Stamp> snapshot() {
        filter.refreshIgnoreFiles(); // no events tell of a changed ignore file: look at each
        Map<Path, Stamp> stamps = new HashMap<>();
        try {
            TreeWalk.walk(filter, (file, rel, attrs) ->
                    stamps.put(file, new Stamp(attrs.size(), attrs.lastModifiedTime().toMillis())));
        } catch (IOException e) {
            listener.onProblem("polling " + filter.root() + " failed: " + e.getMessage());
        }
        return stamps;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
