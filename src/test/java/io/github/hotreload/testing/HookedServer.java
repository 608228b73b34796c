package io.github.hotreload.testing;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JVM with a thread blocked in native code (an accept) and a shutdown hook that writes
 * {@code hook ran} to the file given and prints {@code closing connections}, as a server with a
 * graceful shutdown has.
 *
 * <p>Arguments: {@code HOOK_FILE}.
 */
public final class HookedServer {

    private HookedServer() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.out.println("closing connections");
                Thread.sleep(50); // a little work, as closing connections takes
                Files.writeString(file, "hook ran");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        System.out.println("accepting on " + server.getLocalPort());
        server.accept(); // blocks in native code until the JVM ends
    }
}
