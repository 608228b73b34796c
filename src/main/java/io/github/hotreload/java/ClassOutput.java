package io.github.hotreload.java;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;

/**
 * Writes a successful compile's files into the output directory and removes stale ones. Each
 * file is written beside its target and moved into place, so that the service still running on
 * the old classes never reads half a class file.
 */
final class ClassOutput {

    private ClassOutput() {
    }

    /** Writes every staged file to its target. */
    static void write(Collection<StagedFile> files) throws IOException {
        for (StagedFile file : files) {
            Path target = file.target();
            Files.createDirectories(target.getParent());
            Path temporary = target.resolveSibling(target.getFileName() + ".hotreload-tmp");
            Files.write(temporary, file.content());
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Removes {@code files}; those already gone are fine. */
    static void delete(Collection<Path> files) throws IOException {
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }
}
