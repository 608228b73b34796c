package io.github.hotreload.java;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Mirrors a module's resource roots into its output directory, as Maven's resources phase does
 * without filtering: the running service reads its resources from the class path, so a changed
 * file there must show up in the output directory, and a deleted one must go.
 */
final class ResourceCopier {

    private final List<Path> roots;
    private final Path output;

    ResourceCopier(List<Path> roots, Path output) {
        this.roots = roots.stream().map(SourceFiles::normal).toList();
        this.output = SourceFiles.normal(output);
    }

    /** Whether {@code path} lies under one of the resource roots. */
    boolean isResource(Path path) {
        return SourceFiles.rootOf(path, roots) != null;
    }

    /** Copies every resource; returns how many. */
    int copyAll() throws IOException {
        List<Path> files = SourceFiles.files(roots);
        for (Path file : files) {
            copy(file);
        }
        return files.size();
    }

    /**
     * Copies the resources among {@code changed} that exist and removes the copies of those that
     * do not; a directory stands for every file under it.
     */
    void update(Collection<Path> changed) throws IOException {
        for (Path path : changed) {
            Path root = SourceFiles.rootOf(path, roots);
            if (root == null) {
                continue;
            }
            if (Files.isDirectory(path)) {
                for (Path file : SourceFiles.files(List.of(path))) {
                    copy(file);
                }
            } else if (Files.isRegularFile(path)) {
                copy(path);
            } else if (!Files.exists(path)) {
                deleteTree(target(root, path));
            }
        }
    }

    private void copy(Path file) throws IOException {
        Path target = target(SourceFiles.rootOf(file, roots), file);
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private Path target(Path root, Path file) {
        return output.resolve(root.relativize(SourceFiles.normal(file)).toString());
    }

    /** Removes {@code path}, a file or a directory a deleted resource directory was copied to. */
    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
