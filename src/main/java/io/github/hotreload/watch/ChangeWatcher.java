package io.github.hotreload.watch;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryChangeListener;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
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

    private final DirectoryWatcher watcher;

    private ChangeWatcher(DirectoryWatcher watcher) {
        this.watcher = watcher;
    }

    /**
     * Registers watches on every directory the filter accepts and starts the watcher's thread.
     * Returns once the watches are in place, so that no later change is missed.
     *
     * @param initialFile told of every file that counts as the tree is first walked (may be null)
     */
    public static ChangeWatcher start(
            String service, PathFilter filter, Listener listener, BiConsumer<Path, BasicFileAttributes> initialFile)
            throws IOException {
        FilteringTreeVisitor visitor = new FilteringTreeVisitor(filter, initialFile, listener::onProblem);
        DirectoryWatcher watcher = DirectoryWatcher.builder()
                .path(filter.root())
                .fileHashing(false)
                .fileTreeVisitor(visitor)
                .logger(NOPLogger.NOP_LOGGER)
                .listener(new Adapter(filter, listener))
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
        return new ChangeWatcher(watcher);
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            // closing a watch service does not fail in practice; nothing to do if it does
        }
    }

    /** Translates directory-watcher's events into the few the engine needs. */
    private static final class Adapter implements DirectoryChangeListener {
        private final PathFilter filter;
        private final Listener listener;

        Adapter(PathFilter filter, Listener listener) {
            this.filter = filter;
            this.listener = listener;
        }

        @Override
        public void onEvent(DirectoryChangeEvent event) {
            Path path = event.path();
            switch (event.eventType()) {
                case OVERFLOW -> listener.onOverflow();
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

        @Override
        public void onException(Exception e) {
            listener.onProblem("watching " + filter.root() + " failed: " + e.getMessage());
        }
    }
}
