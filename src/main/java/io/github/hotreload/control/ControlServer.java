package io.github.hotreload.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.hotreload.console.Console;
import io.github.hotreload.engine.ReloadOutcome;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.spec.DurationParser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Lets {@code hotreload:rebuild} ask a running {@code watch} to rebuild services. Listens on
 * 127.0.0.1 only, on a port chosen by the system, and refuses every request without the token
 * from the {@link ControlFile}, which only the user can read.
 *
 * <p>{@code POST /rebuild?services=a,b&clean=true} with {@code Authorization: Bearer TOKEN}
 * answers with the rebuild's output as it happens, one line each, then one {@code RESULT} line per
 * service ({@code RESULT name OK ...} or {@code RESULT name FAILED step: reason}) and {@code END}.
 */
public final class ControlServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path file;

    private ControlServer(HttpServer server, ExecutorService executor, Path file) {
        this.server = server;
        this.executor = executor;
        this.file = file;
    }

    /** Starts listening and writes the control file. */
    public static ControlServer start(ReloadSession session, Console console, Path controlFile) throws IOException {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hotreload-control");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/rebuild", exchange -> handle(exchange, token, session, console));
        server.start();
        new ControlFile(server.getAddress().getPort(), token, ProcessHandle.current().pid()).write(controlFile);
        return new ControlServer(server, executor, controlFile);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale file is detected by the next rebuild: nothing listens on its port
        }
    }

    private static void handle(HttpExchange exchange, String token, ReloadSession session, Console console)
            throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : "";
            if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
                reply(exchange, auth == null ? 401 : 403, "refused: the request does not carry this session's token\n");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "use POST\n");
                return;
            }
            Set<String> services = new LinkedHashSet<>();
            boolean clean = false;
            String query = exchange.getRequestURI().getRawQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (key.equals("services")) {
                    Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(services::add);
                } else if (key.equals("clean")) {
                    clean = value.isEmpty() || Boolean.parseBoolean(value);
                }
            }
            List<String> unknown = services.stream().filter(s -> !session.services().contains(s)).toList();
            if (!unknown.isEmpty()) {
                reply(exchange, 404, "unknown services: " + String.join(", ", unknown) + "; this session runs "
                        + String.join(", ", session.services()) + "\n");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            Set<String> wanted = services.isEmpty() ? new LinkedHashSet<>(session.services()) : services;
            Console.Tap tap = (service, text) -> {
                if (service != null && wanted.contains(service)) {
                    send(out, text);
                }
            };
            console.addTap(tap);
            console.plain("rebuild of " + String.join(", ", wanted) + " requested by hotreload:rebuild"
                    + (clean ? " (clean)" : ""));
            List<ReloadOutcome> outcomes = new ArrayList<>();
            try {
                for (CompletableFuture<ReloadOutcome> f : session.rebuild(services, clean)) {
                    outcomes.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                send(out, "END failed: " + e.getCause());
                return;
            } finally {
                console.removeTap(tap);
            }
            for (ReloadOutcome o : outcomes) {
                send(out, o.succeeded()
                        ? "RESULT " + o.service() + " OK build " + DurationParser.format(o.report().build()) + ", restart "
                                + DurationParser.format(o.report().restart()) + ", pid " + o.report().pid()
                        : "RESULT " + o.service() + " FAILED " + o.failedStep().name().toLowerCase() + ": " + o.reason());
            }
            send(out, "END");
        }
    }

    private static void send(OutputStream out, String line) {
        synchronized (out) {
            try {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // the client went away; the rebuild goes on
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
