package io.github.hotreload.control;

import io.github.hotreload.console.Console;
import io.github.hotreload.engine.ReloadOutcome;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.config.DurationParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Lets {@code hotreload:rebuild} ask a running {@code watch} to rebuild services. Listens on
 * 127.0.0.1 only, on a port chosen by the system, and refuses every request without the token
 * from the {@link ControlFile}, which only the user can read.
 *
 * <p>{@code POST /rebuild?services=a,b&clean=true} with {@code Authorization: Bearer TOKEN}
 * answers with the rebuild's output as it happens, one line each, then one {@code RESULT} line per
 * service ({@code RESULT name OK ...} or {@code RESULT name FAILED step: reason}) and {@code END}.
 *
 * <p>It speaks the little HTTP/1.1 it needs over a plain socket, one request at a time, on a
 * thread that blocks in {@code accept}: unlike the JDK's HTTP server, whose dispatcher wakes up
 * every second, it costs nothing while the session is idle.
 */
public final class ControlServer implements AutoCloseable {

    private static final int MAX_HEADER_LINES = 100;

    private final ServerSocket socket;
    private final Thread thread;
    private final Path file;
    private final String token;
    private final ReloadSession session;
    private final Console console;

    private ControlServer(ServerSocket socket, Path file, String token, ReloadSession session, Console console) {
        this.socket = socket;
        this.file = file;
        this.token = token;
        this.session = session;
        this.console = console;
        this.thread = new Thread(this::serve, "hotreload-control");
        this.thread.setDaemon(true);
    }

    /** Starts listening and writes the control file. */
    public static ControlServer start(ReloadSession session, Console console, Path controlFile) throws IOException {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        ControlServer server = new ControlServer(socket, controlFile, token, session, console);
        try {
            new ControlFile(socket.getLocalPort(), token, ProcessHandle.current().pid()).write(controlFile);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        server.thread.start();
        return server;
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale file is detected by the next rebuild: nothing listens on its port
        }
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(10_000); // for reading the request; the answer may take long
                handle(client);
            } catch (IOException e) {
                // a client that went away, or the socket closed: go on or end
            }
        }
    }

    private void handle(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream();
        String requestLine = in.readLine();
        if (requestLine == null) {
            return;
        }
        String auth = null;
        String line;
        int headers = 0;
        while ((line = in.readLine()) != null && !line.isEmpty() && headers++ < MAX_HEADER_LINES) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("authorization")) {
                auth = line.substring(colon + 1).trim();
            }
        }
        String[] parts = requestLine.split(" ");
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            reply(out, auth == null ? 401 : 403, "refused: the request does not carry this session's token\n");
            return;
        }
        if (parts.length < 2 || !parts[0].equals("POST") || !parts[1].startsWith("/rebuild")) {
            reply(out, 405, "use POST /rebuild\n");
            return;
        }
        Set<String> services = new LinkedHashSet<>();
        boolean clean = false;
        int q = parts[1].indexOf('?');
        for (String pair : q < 0 ? new String[0] : parts[1].substring(q + 1).split("&")) {
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
            reply(out, 404, "unknown services: " + String.join(", ", unknown) + "; this session runs "
                    + String.join(", ", session.services()) + "\n");
            return;
        }
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        client.setSoTimeout(0);
        rebuild(out, services, clean);
    }

    private void rebuild(OutputStream out, Set<String> services, boolean clean) {
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
                    : "RESULT " + o.service() + " FAILED " + o.failedStep().name().toLowerCase(Locale.ROOT) + ": "
                            + o.reason());
        }
        send(out, "END");
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

    private static void reply(OutputStream out, int status, String body) throws IOException {
        String reason = switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            default -> "Method Not Allowed";
        };
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }
}
