package io.github.hotreload.watch;

import io.methvin.watcher.visitor.FileTreeVisitor;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.Consumer;

/**
 * Walks a service's tree for directory-watcher, skipping every directory the {@link PathFilter}
 * rules out, so that ignored trees ({@code target/}, {@code .git/}, {@code node_modules/}) get no
 * watch and cost nothing. Symbolic links are not followed, so link loops cannot trap the walk.
 * Files are passed on unfiltered: the watcher's listener filters the events.
 *
 * <p>directory-watcher walks the tree twice when it starts: once to list its directories, once to
 * register a watch per directory. The first walk lists directories only, on two threads, and its
 * result is replayed for the second, so a large tree is read from disk once and quickly. Walks of
 * directories created later go through every file, so that their files are reported.
 */
final class FilteringTreeVisitor implements FileTreeVisitor {

    private final PathFilter filter;
    private final Consumer<String> onProblem;
    private boolean firstWalk = true;
    private Path replayStart;
    private List<Path> replayDirectories;

    /** @param onProblem told of directories that cannot be read */
    FilteringTreeVisitor(PathFilter filter, Consumer<String> onProblem) {
        this.filter = filter;
        this.onProblem = onProblem;
    }

    @Override
    public void recursiveVisitFiles(Path start, Callback onDirectory, Callback onFile) throws IOException {
        synchronized (this) {
            if (replayDirectories != null && start.equals(replayStart)) {
                List<Path> directories = replayDirectories;
                replayDirectories = null;
                for (Path dir : directories) {
                    onDirectory.call(dir);
                }
                return;
            }
        }
        if (!filter.acceptsDirectory(start) || !Files.isDirectory(start)) {
            return;
        }
        boolean first;
        synchronized (this) {
            first = firstWalk;
            firstWalk = false;
        }
        if (first) {
            List<Path> directories = listDirectories(start);
            for (Path dir : directories) {
                onDirectory.call(dir);
            }
            synchronized (this) {
                replayStart = start;
                replayDirectories = directories;
            }
            return;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(start) && !filter.acceptsDirectory(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                onDirectory.call(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    onFile.call(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                onProblem.accept("cannot read " + file + " (" + exc.getClass().getSimpleName()
                        + "); changes below it are not seen");
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Every directory below {@code start} that the filter accepts, listed on two threads. */
    private List<Path> listDirectories(Path start) {
        Set<Path> found = ConcurrentHashMap.newKeySet();
        ForkJoinPool pool = new ForkJoinPool(Math.min(2, Runtime.getRuntime().availableProcessors()));
        try {
            pool.invoke(new ListTask(start, found));
        } finally {
            pool.shutdown();
        }
        return new ArrayList<>(found);
    }

    /** Lists one directory and forks a task per accepted subdirectory. */
    private final class ListTask extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Path dir;
        private final transient Set<Path> found;

        ListTask(Path dir, Set<Path> found) {
            this.dir = dir;
            this.found = found;
        }

        @Override
        protected void compute() {
            List<ListTask> below = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                found.add(dir);
                for (Path entry : entries) {
                    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && filter.acceptsDirectory(entry)) {
                        below.add(new ListTask(entry, found));
                    }
                }
            } catch (IOException | RuntimeException e) {
                onProblem.accept("cannot read " + dir + " (" + e.getClass().getSimpleName()
                        + "); changes below it are not seen");
                return;
            }
            invokeAll(below);
        }
    }
}
