package io.github.hotreload.control;

import io.github.hotreload.config.DurationParser;
import io.github.hotreload.console.EventText;
import io.github.hotreload.engine.ReloadEvent;
import io.github.hotreload.engine.ReloadListener;
import io.github.hotreload.engine.ReloadOutcome;
import io.github.hotreload.engine.ReloadSession;
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
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets {@code hotreload:rebuild} ask a running {@code watch} to rebuild services. Listens on
 * 127.0.0.1 only, on a port chosen by the system, and refuses every request without the token
 * from the {@link ControlFile}, which only the user can read.
 *
 * <p>{@code POST /rebuild?services=a,b&clean=true&timeout=600} with {@code Authorization: Bearer
 * TOKEN} answers with the rebuild's output as it happens, one line each, then one {@code RESULT}
 * line per service ({@code RESULT name OK ...} or {@code RESULT name FAILED step: reason}) and
 * {@code END}. A service that has not finished within {@code timeout} seconds is reported as
 * failed; every request gets an answer, a malformed one a 400.
 *
 * <p>It speaks the little HTTP/1.1 it needs over a plain socket, on a thread that blocks in
 * {@code accept} and one thread per connection (at most {@link #MAX_CLIENTS} at once): unlike the
 * JDK's HTTP server, whose dispatcher wakes up every second, it costs nothing while the session is
 * idle. The output it relays comes from the session's events through a bounded queue, so a client
 * that stops reading never blocks a service.
 */
public final class ControlServer implements AutoCloseable {

    private static final int MAX_HEADER_LINES = 100;
    static final int MAX_CLIENTS = 16;
    /** Lines a rebuild's client may fall behind before lines are dropped (and counted). */
    static final int QUEUE_LINES = 10_000;
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private final ServerSocket socket;
    private final Thread thread;
    private final Path file;
    private final String token;
    private final ReloadSession session;
    private final EventText text;
    private final Semaphore clients = new Semaphore(MAX_CLIENTS);
    private final AtomicInteger connections = new AtomicInteger();

    private ControlServer(ServerSocket socket, Path file, String token, ReloadSession session) {
        this.socket = socket;
        this.file = file;
        this.token = token;
        this.session = session;
        this.text = new EventText(session.specs());
        this.thread = new Thread(this::serve, "hotreload-control");
        this.thread.setDaemon(true);
    }

    /** Starts listening and writes the control file. */
    public static ControlServer start(ReloadSession session, Path controlFile) throws IOException {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        ControlServer server = new ControlServer(socket, controlFile, token, session);
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
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                continue; // the socket closed: the loop ends
            }
            if (!clients.tryAcquire()) {
                try (client) {
                    reply(client.getOutputStream(), 503, "too many clients at once; try again\n");
                } catch (IOException e) {
                    // it went away
                }
                continue;
            }
            Thread t = new Thread(() -> {
                try (client) {
                    client.setSoTimeout(10_000); // for reading the request; the answer may take long
                    handle(client);
                } catch (IOException e) {
                    // a client that went away
                } catch (RuntimeException e) {
                    // a request the server could not handle: its client is answered, the server goes on
                    try {
                        reply(client.getOutputStream(), 500, "the watch could not handle the request: " + e + "\n");
                    } catch (IOException ignored) {
                        // it went away
                    }
                } finally {
                    clients.release();
                }
            }, "hotreload-control-" + connections.incrementAndGet());
            t.setDaemon(true);
            t.start();
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
        Duration timeout = DEFAULT_TIMEOUT;
        int q = parts[1].indexOf('?');
        try {
            for (String pair : q < 0 ? new String[0] : parts[1].substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (key.equals("services")) {
                    Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(services::add);
                } else if (key.equals("clean")) {
                    clean = value.isEmpty() || Boolean.parseBoolean(value);
                } else if (key.equals("timeout")) {
                    timeout = Duration.ofSeconds(Math.max(1, Long.parseLong(value)));
                }
            }
        } catch (IllegalArgumentException e) {
            reply(out, 400, "malformed request: " + e.getMessage() + "\n");
            return;
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
        rebuild(out, services, clean, timeout);
    }

    private void rebuild(OutputStream out, Set<String> services, boolean clean, Duration timeout) {
        Set<String> wanted = services.isEmpty() ? new LinkedHashSet<>(session.services()) : services;
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE_LINES);
        AtomicInteger dropped = new AtomicInteger();
        ReloadListener relay = event -> {
            if (event.service() != null && wanted.contains(event.service())) {
                String prefix = "[" + pad(event.service()) + "] "; // as the watch's own console shows it
                for (EventText.Line line : text.lines(event)) {
                    String shown = prefix + (line.style() == EventText.Style.OUTPUT ? "" : "» ") + line.text();
                    if (!lines.offer(io.github.hotreload.process.Ansi.strip(shown))) {
                        dropped.incrementAndGet();
                    }
                }
            }
        };
        session.addListener(relay);
        List<ReloadOutcome> outcomes = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<CompletableFuture<ReloadOutcome>> futures = session.rebuild(services, clean, "hotreload:rebuild");
            List<String> names = session.services().stream().filter(wanted::contains).toList();
            for (int i = 0; i < futures.size(); i++) {
                CompletableFuture<ReloadOutcome> f = futures.get(i);
                while (!f.isDone() && System.nanoTime() < deadline) {
                    relayLines(out, lines, dropped);
                    try {
                        f.get(Math.min(50, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        // relay what came meanwhile, and wait on
                    }
                }
                outcomes.add(f.isDone() ? f.get() : ReloadOutcome.unanswered(names.get(i),
                        "no result within " + DurationParser.format(timeout) + "; the rebuild may still be running"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            send(out, "END failed: " + e.getCause());
            return;
        } finally {
            session.removeListener(relay);
        }
        relayLines(out, lines, dropped);
        for (ReloadOutcome o : outcomes) {
            send(out, o.succeeded()
                    ? "RESULT " + o.service() + " OK build " + DurationParser.format(o.report().build()) + ", restart "
                            + DurationParser.format(o.report().restart()) + ", pid " + o.report().pid()
                    : "RESULT " + o.service() + " FAILED " + o.failedStep().name().toLowerCase(Locale.ROOT) + ": "
                            + o.reason());
        }
        send(out, "END");
    }

    private String pad(String service) {
        int width = session.services().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder b = new StringBuilder(service);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }

    private static void relayLines(OutputStream out, BlockingQueue<String> lines, AtomicInteger dropped) {
        String line;
        while ((line = lines.poll()) != null) {
            send(out, line);
        }
        int missed = dropped.getAndSet(0);
        if (missed > 0) {
            send(out, "[hotreload] » " + missed + " line(s) of output were dropped: the client read too slowly");
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

    private static void reply(OutputStream out, int status, String body) throws IOException {
        String reason = switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Method Not Allowed";
        };
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }
}
