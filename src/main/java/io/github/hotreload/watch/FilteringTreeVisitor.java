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
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Walks a service's tree for directory-watcher, skipping every directory the {@link PathFilter}
 * rules out, so that ignored trees ({@code target/}, {@code .git/}, {@code node_modules/}) get no
 * watch and cost nothing. Symbolic links are not followed, so link loops cannot trap the walk.
 * Files are passed on unfiltered: the watcher's listener filters the events.
 *
 * <p>directory-watcher walks the tree twice when it starts: once to list its directories, once to
 * register a watch per directory. The first walk lists directories only, on two threads, and its
 * result is replayed for the second, so a large tree is read from disk once and quickly. On a file
 * system whose directories count their subdirectories in their link count (2 + one per
 * subdirectory: ext2 to ext4, XFS, tmpfs), the first walk stops reading a directory once it has
 * found them all, as find's leaf optimization does: a folder of files only is not looked into
 * entry by entry. Walks of directories created later go through every file, so that their files
 * are reported.
 */
final class FilteringTreeVisitor implements FileTreeVisitor {

    /**
     * File systems whose directory link count is 2 + the number of subdirectories. Others (btrfs,
     * overlayfs's merged directories, network and FUSE file systems) report 1 or a count that
     * cannot be trusted, so their directories are read entry by entry.
     */
    private static final Set<String> COUNTING_SUBDIRECTORIES = Set.of("ext2", "ext3", "ext4", "xfs", "tmpfs");

    private final PathFilter filter;
    private final Consumer<String> onProblem;
    /** Entries whose type the first walk looked up: what the link count spares is not counted. */
    private final LongAdder examined = new LongAdder();
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

    /** How many entries the first walk looked at one by one (to tell whether directories were skipped). */
    long entriesExamined() {
        return examined.sum();
    }

    /** Every directory below {@code start} that the filter accepts, listed on two threads. */
    List<Path> listDirectories(Path start) {
        Set<Path> found = ConcurrentHashMap.newKeySet();
        Object device = countingDevice(start);
        ForkJoinPool pool = new ForkJoinPool(Math.min(2, Runtime.getRuntime().availableProcessors()));
        try {
            pool.invoke(new ListTask(start, found, device));
        } finally {
            pool.shutdown();
        }
        return new ArrayList<>(found);
    }

    /**
     * The device of the tree's root when its file system counts subdirectories in a directory's
     * link count, else null: then every entry is looked at.
     */
    private static Object countingDevice(Path start) {
        try {
            if (COUNTING_SUBDIRECTORIES.contains(Files.getFileStore(start).type())) {
                return Files.getAttribute(start, "unix:dev");
            }
        } catch (IOException | RuntimeException e) {
            // no unix view or no mount entry: look at every entry
        }
        return null;
    }

    /**
     * How many subdirectories {@code dir}'s link count says it holds, or {@link Integer#MAX_VALUE}
     * when that count cannot be trusted: another file system mounted below the root, or a count
     * below 2.
     */
    private static int subdirectories(Path dir, Object device) {
        if (device == null) {
            return Integer.MAX_VALUE;
        }
        try {
            var attributes = Files.readAttributes(dir, "unix:dev,nlink", LinkOption.NOFOLLOW_LINKS);
            if (device.equals(attributes.get("dev")) && attributes.get("nlink") instanceof Integer links
                    && links >= 2) {
                return links - 2;
            }
        } catch (IOException | RuntimeException e) {
            // looked at entry by entry
        }
        return Integer.MAX_VALUE;
    }

    /** Lists one directory and forks a task per accepted subdirectory. */
    private final class ListTask extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Path dir;
        private final transient Set<Path> found;
        private final transient Object device;

        ListTask(Path dir, Set<Path> found, Object device) {
            this.dir = dir;
            this.found = found;
            this.device = device;
        }

        @Override
        protected void compute() {
            List<ListTask> below = new ArrayList<>();
            int unseen = subdirectories(dir, device);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                found.add(dir);
                // opened all the same, so that an unreadable folder is told of
                for (var it = entries.iterator(); unseen > 0 && it.hasNext(); ) {
                    Path entry = it.next(); // once every subdirectory is found, the rest are files
                    examined.increment();
                    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                        unseen--;
                        if (filter.acceptsDirectory(entry)) {
                            below.add(new ListTask(entry, found, device));
                        }
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
