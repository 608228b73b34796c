package io.github.hotreload.doctor;

import io.github.hotreload.process.ProcessOrigin;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who listens on a TCP port of this machine, from the kernel's socket tables ({@code
 * /proc/net/tcp} and {@code tcp6}: the listening socket's inode and owner) and the processes'
 * descriptors ({@code /proc/<pid>/fd}, links to {@code socket:[inode]}). Without {@code /proc},
 * a port counts as held when it cannot be bound on 127.0.0.1.
 */
final class PortHolders {

    /** A TCP socket state of the kernel's tables: listening. */
    private static final String LISTEN = "0A";

    /**
     * What holds a port.
     *
     * @param port the port
     * @param held whether anything listens on it
     * @param holder the process that listens, when found
     * @param uid the listening socket's owner, or -1 when unknown
     */
    record Use(int port, boolean held, Optional<ProcessOrigin> holder, int uid) {}

    private static final Path PROC = Path.of("/proc");

    private PortHolders() {}

    static Use of(int port) {
        List<long[]> listeners = new ArrayList<>(); // {inode, uid}
        for (String table : new String[] {"net/tcp", "net/tcp6"}) {
            Path file = PROC.resolve(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(file)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 10 || !f[3].equals(LISTEN)) {
                        continue; // the heading, or not a listener
                    }
                    String local = f[1];
                    if (Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16) == port) {
                        listeners.add(new long[] {Long.parseLong(f[9]), Long.parseLong(f[7])});
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a table that cannot be read tells nothing
            }
        }
        if (listeners.isEmpty()) {
            return new Use(port, !bindable(port), Optional.empty(), -1);
        }
        for (long[] l : listeners) {
            Optional<ProcessOrigin> holder = holderOf(l[0]).flatMap(ProcessOrigin::of);
            if (holder.isPresent()) {
                return new Use(port, true, holder, (int) l[1]);
            }
        }
        return new Use(port, true, Optional.empty(), (int) listeners.get(0)[1]);
    }

    /** The process that has the socket open, or empty (gone, or another user's, whose descriptors are closed to us). */
    private static Optional<Long> holderOf(long inode) {
        String link = "socket:[" + inode + "]";
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : pids) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (Files.readSymbolicLink(fd).toString().equals(link)) {
                                return Optional.of(Long.parseLong(dir.getFileName().toString()));
                            }
                        } catch (IOException e) {
                            // closed meanwhile
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // another user's process, or gone
                }
            }
        } catch (IOException e) {
            // no process table
        }
        return Optional.empty();
    }

    /** Whether the port can be bound on 127.0.0.1 now (and it is closed again at once). */
    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Our own uid, or -1 when unknown. */
    static int ownUid() {
        try {
            return (Integer) Files.getAttribute(PROC.resolve("self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The user's name for a uid, from /etc/passwd; {@code uid N} when it has none. */
    static String userName(int uid) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 2 && f[2].equals(Integer.toString(uid))) {
                    return f[0];
                }
            }
        } catch (IOException | RuntimeException e) {
            // no user table
        }
        return "uid " + uid;
    }
}
