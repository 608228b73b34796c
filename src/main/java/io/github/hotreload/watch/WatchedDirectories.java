package io.github.hotreload.watch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * How many directories a watch of a service registers: the root and every directory below it
 * that its {@link PathFilter} accepts, as {@link FilteringTreeVisitor} walks them (ignored trees
 * skipped whole, symbolic links not followed). Each costs one inotify watch on Linux.
 */
public final class WatchedDirectories {

    private WatchedDirectories() {}

    /** The count; 0 when the root is not a directory. Directories that cannot be read get no watch and do not count. */
    public static long count(PathFilter filter) throws IOException {
        Path root = filter.root();
        if (!Files.isDirectory(root)) {
            return 0;
        }
        long[] count = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && !filter.acceptsDirectory(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                count[0]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return count[0];
    }
}
