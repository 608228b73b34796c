package io.github.hotreload.java;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds files under a module's roots. Paths are absolute and normalized everywhere in this
 * package, so that a source named by the watcher and the same source found here compare equal.
 */
final class SourceFiles {

    private SourceFiles() {
    }

    /** The absolute, normalized form of {@code path}. */
    static Path normal(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /** Every {@code .java} file under {@code roots}, sorted; roots that do not exist have none. */
    static List<Path> javaSources(List<Path> roots) {
        return files(roots).stream().filter(SourceFiles::isJava).toList();
    }

    /** Every regular file under {@code roots}, sorted. */
    static List<Path> files(List<Path> roots) {
        return roots.stream().map(SourceFiles::normal).filter(Files::isDirectory)
                .flatMap(SourceFiles::walk).sorted().distinct().toList();
    }

    /** Whether {@code path} names a Java source file. */
    static boolean isJava(Path path) {
        return path.getFileName() != null && path.getFileName().toString().endsWith(".java");
    }

    /** The root among {@code roots} that holds {@code path}, or {@code null}. */
    static Path rootOf(Path path, List<Path> roots) {
        Path file = normal(path);
        for (Path root : roots) {
            Path r = normal(root);
            if (file.startsWith(r) && !file.equals(r)) {
                return r;
            }
        }
        return null;
    }

    private static Stream<Path> walk(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(SourceFiles::normal).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
