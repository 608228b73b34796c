package io.github.hotreload.verify;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes the user's files for a verification and guarantees they end exactly as they were.
 *
 * <p>Before a file is first changed, its bytes are written to a journal under the build
 * directory. Files are restored by {@link #restore}, by {@link #close()} (after a failure or an
 * exception), by a shutdown hook (Ctrl-C, SIGTERM), and, when the JVM was killed before any of
 * those could run, by {@link #recover} at the start of the next run. Content is restored byte for
 * byte, in place, so the file keeps its inode and permissions; its modification time is left new
 * so that build tools see that it changed.
 */
public final class ProbeFiles implements AutoCloseable {

    private static final String ORIGINAL = ".original";
    private static final String PATH = ".path";

    private final Path journal;
    private final Map<Path, byte[]> originals = new LinkedHashMap<>();
    private Thread hook;

    /** @param journal a directory of its own under the build directory */
    public ProbeFiles(Path journal) {
        this.journal = journal;
    }

    /**
     * Restores the files a killed run left changed; returns them. Call before changing anything.
     */
    public static List<Path> recover(Path journal) throws IOException {
        List<Path> restored = new ArrayList<>();
        if (!Files.isDirectory(journal)) {
            return restored;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(journal, "*" + PATH)) {
            for (Path pathFile : entries) {
                String name = pathFile.getFileName().toString();
                Path originalFile = journal.resolve(name.substring(0, name.length() - PATH.length()) + ORIGINAL);
                Path file = Path.of(Files.readString(pathFile, StandardCharsets.UTF_8));
                if (Files.exists(originalFile)) {
                    writeInPlace(file, Files.readAllBytes(originalFile));
                    restored.add(file);
                    Files.delete(originalFile);
                }
                Files.delete(pathFile);
            }
        }
        return restored;
    }

    /** Replaces the file's content, keeping its original in the journal first. */
    public synchronized void write(Path file, byte[] content) throws IOException {
        if (!originals.containsKey(file)) {
            byte[] original = Files.readAllBytes(file);
            Files.createDirectories(journal);
            String key = key(file);
            Files.write(journal.resolve(key + ORIGINAL), original);
            Files.writeString(journal.resolve(key + PATH), file.toString(), StandardCharsets.UTF_8);
            originals.put(file, original);
            installHook();
        }
        writeInPlace(file, content);
    }

    /** The file's content before the first {@link #write}. */
    public synchronized byte[] original(Path file) {
        return originals.get(file);
    }

    /** Puts the file back as it was and forgets it; returns whether anything was to restore. */
    public synchronized boolean restore(Path file) throws IOException {
        byte[] original = originals.get(file);
        if (original == null) {
            return false;
        }
        writeInPlace(file, original);
        originals.remove(file);
        String key = key(file);
        Files.deleteIfExists(journal.resolve(key + ORIGINAL));
        Files.deleteIfExists(journal.resolve(key + PATH));
        return true;
    }

    /** Restores every file still changed. */
    @Override
    public synchronized void close() throws IOException {
        IOException failure = null;
        for (Path file : new ArrayList<>(originals.keySet())) {
            try {
                restore(file);
            } catch (IOException e) {
                failure = e;
            }
        }
        removeHook();
        if (failure != null) {
            throw failure;
        }
    }

    private void installHook() {
        if (hook == null) {
            hook = new Thread(() -> {
                try {
                    close();
                } catch (IOException e) {
                    System.err.println("[hotreload] could not restore a probed file: " + e.getMessage()
                            + "; the original is kept in " + journal);
                }
            }, "hotreload-restore-probes");
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    private void removeHook() {
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs anyway
            }
        }
        hook = null;
    }

    /**
     * Writes through a {@link FileOutputStream}, which, unlike a file channel, an interrupt does
     * not close: a restore must succeed on a thread that is being interrupted.
     */
    private static void writeInPlace(Path file, byte[] content) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), false)) {
            out.write(content);
            out.getFD().sync();
        }
    }

    private static String key(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(file.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
