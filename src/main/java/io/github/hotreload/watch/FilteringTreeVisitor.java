package io.github.hotreload.watch;

import io.methvin.watcher.visitor.FileTreeVisitor;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Walks a service's tree for directory-watcher, skipping every directory the {@link PathFilter}
 * rules out, so that ignored trees ({@code target/}, {@code .git/}, {@code node_modules/}) get no
 * watch and cost nothing. Symbolic links are not followed, so link loops cannot trap the walk.
 *
 * <p>directory-watcher walks the tree twice when it starts: once to list it, once to register a
 * watch per directory. The first walk's directories are kept and replayed for the second, so a
 * large tree is read from disk once.
 */
final class FilteringTreeVisitor implements FileTreeVisitor {

    private final PathFilter filter;
    private final BiConsumer<Path, BasicFileAttributes> onInitialFile;
    private final Consumer<String> onProblem;
    private boolean firstWalk = true;
    private Path replayStart;
    private List<Path> replayDirectories;

    /**
     * @param onInitialFile told of each file that counts during the first walk (may be null)
     * @param onProblem told of directories that cannot be read
     */
    FilteringTreeVisitor(
            PathFilter filter, BiConsumer<Path, BasicFileAttributes> onInitialFile, Consumer<String> onProblem) {
        this.filter = filter;
        this.onInitialFile = onInitialFile;
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
        List<Path> seen = first ? new ArrayList<>() : null;
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(start) && !filter.acceptsDirectory(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (seen != null) {
                    seen.add(dir);
                }
                onDirectory.call(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && filter.acceptsFile(file)) {
                    if (seen != null && onInitialFile != null) {
                        onInitialFile.accept(file, attrs);
                    }
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
        if (seen != null) {
            synchronized (this) {
                replayStart = start;
                replayDirectories = seen;
            }
        }
    }
}
