package io.github.hotreload.watch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Walks a service's tree as its {@link PathFilter} sees it: directories the filter rules out are
 * skipped whole, and only files that count are reported, each with its path relative to the root
 * (built once per file from its directory's). Symbolic links are not followed.
 */
final class TreeWalk {

    /** Told of each file that counts. */
    @FunctionalInterface
    interface Visitor {
        void file(Path file, String relative, BasicFileAttributes attrs) throws IOException;
    }

    private TreeWalk() {}

    static void walk(PathFilter filter, Visitor visitor) throws IOException {
        Path root = filter.root();
        Deque<String> directories = new ArrayDeque<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && !filter.acceptsDirectory(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                directories.push(filter.relative(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                directories.pop();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    String dir = directories.peek();
                    String rel = dir.isEmpty() ? file.getFileName().toString() : dir + "/" + file.getFileName();
                    if (filter.acceptsFileIn(rel, file)) {
                        visitor.file(file, rel, attrs);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE; // the watcher reports unreadable directories
            }
        });
    }
}
