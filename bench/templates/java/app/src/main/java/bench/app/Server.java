package bench.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Benchmark service, java variant: answers GET / with its version, on 127.0.0.1 only. */
public class Server {

    /** The version; a literal in a method body, as most edits are (a change of a compile-time
     *  constant would count as an API change and make the preset compile the module in full). */
    static String version() {
        return "@VERSION@";
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("BENCH_PORT", "18080"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            byte[] body = version().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String starts = System.getenv("BENCH_STARTS");
        if (starts != null && !starts.isEmpty()) {
            Files.writeString(Path.of(starts), ProcessHandle.current().pid() + " " + version() + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
