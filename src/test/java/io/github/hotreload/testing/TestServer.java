package io.github.hotreload.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A service for tests, run as a real child process: serves the content of a file over HTTP on
 * 127.0.0.1, as read when it started (so a restart is needed to serve new content).
 *
 * <p>Arguments: {@code PORT FILE [EXIT_AFTER_MS]}. Prints {@code test-server ready on PORT} when
 * listening; with the third argument, exits by itself after that long.
 */
public final class TestServer {

    private TestServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("test-server ready on " + port + " serving " + new String(body, StandardCharsets.UTF_8).trim());
        System.out.flush();
        if (args.length > 2) {
            Thread.sleep(Long.parseLong(args[2]));
            System.exit(0);
        }
        Thread.currentThread().join();
    }
}
