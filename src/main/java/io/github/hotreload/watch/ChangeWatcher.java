package io.github.hotreload.watch;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryChangeListener;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.slf4j.helpers.NOPLogger;

/**
 * Watches one service's directory with directory-watcher on its own thread and reports the files
 * that count according to the service's {@link PathFilter}. It never builds or starts anything.
 */
public final class ChangeWatcher implements AutoCloseable {

    /** Told of what happens below the watched directory; called on the watcher's thread. */
    public interface Listener {
        /** A file that counts was created, modified or deleted, or a watched directory deleted. */
        void onChange(Path path);

        /** Events were lost: the service must be rebuilt without knowing what changed. */
        void onOverflow();

        /** Something went wrong that the user should hear of; watching goes on. */
        void onProblem(String message);
    }

    /** How often the polling fallback looks at the tree. */
    public static final Duration FALLBACK_POLL_INTERVAL = Duration.ofSeconds(1);

    private final String service;
    private final PathFilter filter;
    private final Listener listener;
    private volatile AutoCloseable delegate;
    private volatile boolean closed;
    /** Held while a new native watch replaces the old one. */
    private final Object rewatching = new Object();
    /** An overflow waits for a new watch, and is told once that watch is in place. */
    private final java.util.concurrent.atomic.AtomicBoolean overflowPending = new java.util.concurrent.atomic.AtomicBoolean();

    private ChangeWatcher(String service, PathFilter filter, Listener listener) {
        this.service = service;
        this.filter = filter;
        this.listener = listener;
    }

    /** Whether the tree is polled rather than watched through inotify. */
    public boolean isPolling() {
        return delegate instanceof PollingWatcher;
    }

    /**
     * Watches the tree by walking it every {@code interval}, for file systems whose changes the
     * system does not report (network mounts, some containers).
     */
    public static ChangeWatcher poll(String service, PathFilter filter, Listener listener, Duration interval) {
        ChangeWatcher w = new ChangeWatcher(service, filter, listener);
        w.delegate = PollingWatcher.start(service, filter, listener, interval);
        return w;
    }

    /**
     * Registers watches on every directory the filter accepts and starts the watcher's thread.
     * Returns once the watches are in place, so that no later change is missed.
     */
    public static ChangeWatcher start(String service, PathFilter filter, Listener listener) throws IOException {
        ChangeWatcher w = new ChangeWatcher(service, filter, listener);
        try {
            DirectoryWatcher watcher = w.startNative();
            w.adopt(watcher::close);
        } catch (IOException e) {
            String limit = InotifyLimits.explain(e);
            if (limit == null) {
                throw e;
            }
            listener.onProblem(limit + "; until then, " + service + " is watched by polling every "
                    + FALLBACK_POLL_INTERVAL.toSeconds() + " s");
            w.delegate = PollingWatcher.start(service, filter, listener, FALLBACK_POLL_INTERVAL);
        }
        return w;
    }

    private DirectoryWatcher startNative() throws IOException {
        FilteringTreeVisitor visitor = new FilteringTreeVisitor(filter, listener::onProblem);
        DirectoryWatcher watcher = DirectoryWatcher.builder()
                .path(filter.root())
                .fileHashing(false)
                .fileTreeVisitor(visitor)
                .logger(NOPLogger.NOP_LOGGER)
                .listener(new Adapter())
                .build();
        try {
            watcher.watchAsync(r -> {
                Thread t = new Thread(r, "hotreload-" + service + "-watcher");
                t.setDaemon(true);
                t.start();
            }).getNow(null);
        } catch (CompletionException e) {
            watcher.close();
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException("cannot watch " + filter.root() + ": " + cause, cause);
        }
        return watcher;
    }

    /**
     * Takes the native watch that {@link #start} set up, unless the watcher fell back to polling
     * (or was closed) meanwhile, from the watch's own thread: then the native watch is closed, and
     * the polling watcher stays the one that {@link #close} stops.
     */
    synchronized void adopt(AutoCloseable nativeWatch) {
        if (closed || delegate != null) { // polling, or a watch that replaced it already (rewatch)
            closeQuietly(nativeWatch);
        } else {
            delegate = nativeWatch;
        }
    }

    /** For tests: a watcher with no watch yet, as {@link #start} has it before {@link #adopt}. */
    static ChangeWatcher unstarted(String service, PathFilter filter, Listener listener) {
        return new ChangeWatcher(service, filter, listener);
    }

    /** The limit was reached for a directory created later: poll the whole tree from now on. */
    synchronized void fallBackToPolling(String why) {
        if (closed || delegate instanceof PollingWatcher) {
            return;
        }
        listener.onProblem(why + "; from now on, " + service + " is watched by polling every "
                + FALLBACK_POLL_INTERVAL.toSeconds() + " s");
        closeQuietly(delegate);
        delegate = PollingWatcher.start(service, filter, listener, FALLBACK_POLL_INTERVAL);
        listener.onOverflow(); // what changed meanwhile is unknown
    }

    /**
     * Puts a new native watch in place, made with the filter's current rules, and then closes the
     * old one: for directories that an ignore file ruled out and that must be watched now.
     * directory-watcher cannot add a watch for a directory that exists already, so the new watch
     * walks the tree again (only the watched directories, quickly). Runs on a thread of its own,
     * as the old watch's thread is the one that asks for it. Events in between may come twice;
     * the content check makes that harmless.
     */
    private void rewatch() {
        rewatch(null);
    }

    /**
     * The system dropped events (a queue overflowed): directories created meanwhile are not
     * watched yet, so the watch is put in place again, and then the listener is told, so that
     * the tree it compares afterwards is one whose every later change is seen. Overflows that
     * come while a new watch is being made are told once.
     */
    private void overflowed() {
        if (delegate instanceof PollingWatcher) {
            listener.onOverflow();
        } else if (overflowPending.compareAndSet(false, true)) {
            rewatch(() -> {
                overflowPending.set(false);
                listener.onOverflow();
            });
        }
    }

    private void rewatch(Runnable then) {
        Thread t = new Thread(() -> {
            try {
                rewatchNow();
            } finally {
                if (then != null) {
                    then.run();
                }
            }
        }, "hotreload-" + service + "-rewatch");
        t.setDaemon(true);
        t.start();
    }

    private void rewatchNow() {
        synchronized (rewatching) {
            if (closed || delegate instanceof PollingWatcher) {
                return;
            }
            try {
                DirectoryWatcher fresh = startNative();
                AutoCloseable old;
                synchronized (this) {
                    if (closed || delegate instanceof PollingWatcher) {
                        closeQuietly(fresh::close);
                        return;
                    }
                    old = delegate;
                    delegate = fresh::close;
                }
                closeQuietly(old);
            } catch (IOException e) {
                String limit = InotifyLimits.explain(e);
                if (limit != null) {
                    fallBackToPolling(limit);
                } else {
                    cannotRewatch(e);
                }
            } catch (RuntimeException e) {
                cannotRewatch(e);
            }
        }
    }

    private void cannotRewatch(Exception e) {
        listener.onProblem("cannot watch the directories of " + service + " again: " + e.getMessage()
                + "; directories created since the last start of the watch are not watched until it is restarted");
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(delegate);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            // closing a watch service does not fail in practice; nothing to do if it does
        }
    }

    /** Translates directory-watcher's events into the few the engine needs. */
    private final class Adapter implements DirectoryChangeListener {

        @Override
        public void onEvent(DirectoryChangeEvent event) {
            Path path = event.path();
            if (event.eventType() != DirectoryChangeEvent.EventType.OVERFLOW && !event.isDirectory()
                    && filter.ignoreFileChanged(path) && !filter.reincludedDirectories().isEmpty()) {
                rewatch();
            }
            switch (event.eventType()) {
                case OVERFLOW -> overflowed();
                case CREATE, MODIFY -> {
                    if (!event.isDirectory() && filter.acceptsFile(path)) {
                        listener.onChange(path);
                    }
                }
                case DELETE -> {
                    if (event.isDirectory() ? filter.acceptsDirectory(path) : filter.acceptsFile(path)) {
                        listener.onChange(path);
                    }
                }
                default -> {
                    // no other kinds
                }
            }
        }

        /**
         * directory-watcher tells of a failure to handle one event here, and goes on with the
         * next. An overflow arrives here too: directory-watcher (0.19) fails on the overflow
         * event's missing path with a NullPointerException instead of passing the event on.
         * Either way an event was not handled, so what changed is unknown: it is an overflow.
         */
        @Override
        public void onException(Exception e) {
            if (e instanceof IOException io) {
                String limit = InotifyLimits.explain(io);
                if (limit != null) {
                    fallBackToPolling(limit);
                } else {
                    listener.onProblem("watching " + filter.root() + " failed: " + e.getMessage());
                }
                return;
            }
            if (!(e instanceof NullPointerException)) {
                listener.onProblem("watching " + filter.root() + " failed on an event: " + e);
            }
            overflowed();
        }
    }
}
