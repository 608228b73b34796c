package io.github.hotreload.control;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a running {@code watch} listens and the token it requires, in a file under the build
 * directory that only the user can read.
 *
 * @param port the port on 127.0.0.1
 * @param token the secret every request must carry
 * @param pid the pid of the JVM that runs the watch
 */
public record ControlFile(int port, String token, long pid) {

    /** Writes the file readable and writable by its owner only. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Properties p = new Properties();
        p.setProperty("port", Integer.toString(port));
        p.setProperty("token", token);
        p.setProperty("pid", Long.toString(pid));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
            p.store(out, "hotreload:watch control endpoint; hotreload:rebuild reads it");
        }
    }

    /** Whether the watch that wrote the file still runs and listens. */
    public boolean isLive() {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** The file's content, or empty when there is no file or it cannot be read. */
    public static Optional<ControlFile> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(new ControlFile(Integer.parseInt(p.getProperty("port")), p.getProperty("token"),
                    Long.parseLong(p.getProperty("pid"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
