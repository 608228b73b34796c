package io.github.hotreload.control;

import io.github.hotreload.config.DurationParser;
import io.github.hotreload.console.EventText;
import io.github.hotreload.engine.ReloadEvent;
import io.github.hotreload.engine.ReloadListener;
import io.github.hotreload.engine.ReloadOutcome;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.logs.LogFilter;
import io.github.hotreload.logs.LogHub;
import io.github.hotreload.logs.LogLine;
import io.github.hotreload.process.Ansi;
import io.github.hotreload.text.Json;
import io.github.hotreload.status.StatusBoard;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The running watch's door for the other goals ({@code hotreload:rebuild}, {@code status},
 * {@code logs}, {@code pause}...) and for the dashboard in a browser. Listens on 127.0.0.1 only,
 * on a port chosen by the system; who may use it is {@link Access}'s to say. The endpoints are
 * documented in docs/control.md.
 *
 * <p>It speaks the little HTTP/1.1 it needs over a plain socket, on a thread that blocks in
 * {@code accept} and one thread per connection (at most {@link #MAX_CLIENTS} at once): unlike the
 * JDK's HTTP server, whose dispatcher wakes up every second, it costs nothing while nobody is
 * connected. What it relays (output lines, events) comes through bounded queues, so a client that
 * stops reading never blocks a service or the engine: it is told how many lines it missed.
 */
public final class ControlServer implements AutoCloseable {

    static final int MAX_CLIENTS = 64;
    /** Lines a client may fall behind before lines are dropped (and counted). */
    static final int QUEUE_LINES = 10_000;
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    /** How often a live stream wakes without news: to push a changed status and to notice the end. */
    private static final Duration TICK = Duration.ofMillis(200);
    private static final Duration KEEPALIVE = Duration.ofSeconds(15);

    private final ServerSocket socket;
    private final Thread thread;
    private final Path file;
    private final ReloadSession session;
    private final StatusBoard board;
    private final LogHub hub;
    private final EventText text;
    private final Access access;
    private final DashboardAssets assets;
    private final Semaphore clients = new Semaphore(MAX_CLIENTS);
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ControlServer(ServerSocket socket, Path file, String token, ReloadSession session, StatusBoard board,
            LogHub hub, boolean dashboard) {
        this.socket = socket;
        this.file = file;
        this.session = session;
        this.board = board;
        this.hub = hub;
        this.text = new EventText(session.specs());
        this.access = new Access(token, dashboard);
        this.access.port(socket.getLocalPort());
        this.assets = dashboard ? new DashboardAssets() : null;
        this.thread = new Thread(this::serve, "hotreload-control");
        this.thread.setDaemon(true);
    }

    /**
     * Starts listening and writes the control file.
     *
     * @param board the session's status, listening to it since before it started
     * @param hub the session's recent lines, listening likewise
     * @param dashboard whether browsers may log in and get the dashboard
     */
    public static ControlServer start(ReloadSession session, Path controlFile, StatusBoard board, LogHub hub,
            boolean dashboard) throws IOException {
        String token = Access.secret();
        Set<Integer> servicePorts = new java.util.HashSet<>();
        for (var spec : session.specs()) {
            servicePorts.add(spec.readiness().listenPort());
        }
        ServerSocket socket = bindAvoiding(servicePorts,
                () -> new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        ControlServer server = new ControlServer(socket, controlFile, token, session, board, hub, dashboard);
        try {
            new ControlFile(socket.getLocalPort(), token, ProcessHandle.current().pid()).write(controlFile);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        server.thread.start();
        return server;
    }

    /** Opens a server socket. */
    interface SocketOpener {
        ServerSocket open() throws IOException;
    }

    /**
     * A socket from {@code opener} (the system's choice of a free port) on none of {@code
     * taken}: a service's port that is free only because the service is not up yet (still
     * building) could be handed out, and the service then could not bind it. A refused socket is
     * held until another is found, so that the system hands out another port.
     */
    static ServerSocket bindAvoiding(Set<Integer> taken, SocketOpener opener) throws IOException {
        List<ServerSocket> refused = new ArrayList<>();
        try {
            while (true) {
                ServerSocket s = opener.open();
                if (!taken.contains(s.getLocalPort())) {
                    return s;
                }
                refused.add(s);
            }
        } finally {
            for (ServerSocket r : refused) {
                r.close();
            }
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** A new one-time link that logs a browser in to the dashboard; null when the dashboard is off. */
    public String dashboardLink() {
        return assets == null ? null : "http://127.0.0.1:" + port() + "/login?code=" + access.newLoginCode();
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
        for (Socket s : open) {
            try {
                s.close(); // ends the live streams, also those whose client stopped reading
            } catch (IOException e) {
                // closed already
            }
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale file is detected by the next goal: nothing listens on its port
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
                    reply(client.getOutputStream(), 503, "text/plain", "too many clients at once; try again\n");
                } catch (IOException e) {
                    // it went away
                }
                continue;
            }
            Thread t = new Thread(() -> {
                open.add(client);
                try (client) {
                    client.setSoTimeout(10_000); // for reading the request; the answer may take long
                    handle(client);
                } catch (IOException e) {
                    // a client that went away
                } catch (RuntimeException e) {
                    // a request the server could not handle: its client is answered, the server goes on
                    try {
                        reply(client.getOutputStream(), 500, "text/plain", "the watch could not handle the request: " + e + "\n");
                    } catch (IOException ignored) {
                        // it went away
                    }
                } finally {
                    open.remove(client);
                    clients.release();
                }
            }, "hotreload-control-" + connections.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }
    }

    private void handle(Socket client) throws IOException {
        InputStream in = new BufferedInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        HttpRequest r;
        try {
            r = HttpRequest.read(in);
        } catch (HttpRequest.Malformed e) {
            reply(out, 400, "text/plain", "malformed request: " + e.getMessage() + "\n");
            return;
        }
        if (r == null) {
            return;
        }
        Access.Refusal refused = access.checkHost(r);
        if (refused != null) {
            reply(out, refused.status(), "text/plain", refused.message() + "\n");
            return;
        }
        String path = r.path();
        if (path.equals("/login")) {
            login(r, out);
            return;
        }
        boolean post = r.method().equals("POST");
        if (!post && !r.method().equals("GET")) {
            reply(out, 405, "text/plain", "use GET or POST\n");
            return;
        }
        refused = access.check(r, post);
        if (refused != null) {
            reply(out, refused.status(), "text/plain", refused.message() + "\n");
            return;
        }
        client.setSoTimeout(0);
        try {
            route(r, post, out);
        } catch (BadRequest e) {
            reply(out, e.status, "text/plain", e.getMessage() + "\n");
        }
    }

    /** A request whose parameters are wrong. */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void route(HttpRequest r, boolean post, OutputStream out) throws IOException, BadRequest {
        String path = r.path();
        switch (path) {
            case "/api/rebuild" -> {
                needs(post, path);
                Set<String> services = services(r);
                boolean clean = flag(r, "clean");
                requestAnswer(r, out, services, () -> session.rebuild(services, clean, by(r, "hotreload:rebuild")));
            }
            case "/api/restart" -> {
                needs(post, path);
                Set<String> services = services(r);
                requestAnswer(r, out, services, () -> session.restart(services, by(r, "hotreload:restart")));
            }
            case "/api/pause", "/api/resume" -> {
                needs(post, path);
                boolean on = path.equals("/api/pause");
                List<String> told = session.pause(services(r), on, by(r, on ? "hotreload:pause" : "hotreload:resume"));
                reply(out, 200, "application/json", servicesJson(told));
            }
            case "/api/login-link" -> {
                needs(post, path);
                String link = dashboardLink();
                if (link == null) {
                    throw new BadRequest(404, "the dashboard is off (-Dhotreload.dashboard=false)");
                }
                reply(out, 200, "application/json", "{\"url\":" + Json.quote(link) + "}");
            }
            case "/api/status" -> {
                needs(!post, path);
                reply(out, 200, "application/json", board.snapshot().toJson());
            }
            case "/api/logs" -> {
                needs(!post, path);
                logs(r, out);
            }
            case "/api/events" -> {
                needs(!post, path);
                events(r, out);
            }
            case "/", "/index.html", "/assets/dashboard.js", "/assets/dashboard.css" -> {
                needs(!post, path);
                if (assets == null) {
                    throw new BadRequest(404, "the dashboard is off (-Dhotreload.dashboard=false)");
                }
                DashboardAssets.Asset a = assets.get(path, access.browserToken(r));
                reply(out, 200, a.contentType(), a.body());
            }
            default -> throw new BadRequest(404, "no such endpoint: " + path + " (see docs/control.md)");
        }
    }

    private static void needs(boolean ok, String path) throws BadRequest {
        if (!ok) {
            throw new BadRequest(405, "wrong method for " + path + ": " + (path.startsWith("/api/status")
                    || path.startsWith("/api/logs") || path.startsWith("/api/events") || !path.startsWith("/api/")
                    ? "use GET" : "use POST"));
        }
    }

    private static String by(HttpRequest r, String goal) {
        return r.bearer() != null ? goal : "the dashboard";
    }

    private void login(HttpRequest r, OutputStream out) throws IOException {
        if (assets == null) {
            reply(out, 404, "text/plain", "the dashboard is off (-Dhotreload.dashboard=false)\n");
            return;
        }
        String browserToken = access.login(r.query().get("code"));
        if (browserToken == null) {
            reply(out, 403, "text/plain", "refused: this link was used already, is more than an hour old, or is not this watch's; "
                    + "get a fresh one with mvn hotreload:status\n");
            return;
        }
        out.write(("HTTP/1.1 303 See Other\r\nLocation: /\r\nSet-Cookie: " + Access.COOKIE + "=" + browserToken
                + "; HttpOnly; SameSite=Strict; Path=/\r\nCache-Control: no-store\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    // ---- parameters ----

    private Set<String> services(HttpRequest r) throws BadRequest {
        Set<String> services = new LinkedHashSet<>();
        String value = r.query().get("services");
        if (value != null) {
            Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(services::add);
        }
        List<String> unknown = services.stream().filter(s -> !session.services().contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new BadRequest(404, "unknown services: " + String.join(", ", unknown) + "; this session runs "
                    + String.join(", ", session.services()));
        }
        return services;
    }

    private static boolean flag(HttpRequest r, String name) {
        String v = r.query().get(name);
        return v != null && (v.isEmpty() || Boolean.parseBoolean(v));
    }

    private static int number(HttpRequest r, String name, int otherwise) throws BadRequest {
        String v = r.query().get(name);
        if (v == null || v.isEmpty()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "malformed request: " + name + "=" + v + " is not a number");
        }
    }

    private LogFilter filter(HttpRequest r) throws BadRequest {
        Set<LogLine.Source> sources = EnumSet.noneOf(LogLine.Source.class);
        String source = r.query().get("stream");
        if (source != null) {
            for (String s : source.split(",")) {
                if (s.isBlank()) {
                    continue;
                }
                try {
                    sources.add(LogLine.Source.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new BadRequest(400, "malformed request: stream=" + s + "; use build, run or event");
                }
            }
        }
        Pattern grep = null;
        String g = r.query().get("grep");
        if (g != null && !g.isEmpty()) {
            try {
                grep = Pattern.compile(g);
            } catch (PatternSyntaxException e) {
                throw new BadRequest(400, "malformed request: grep is not a regular expression: " + e.getDescription());
            }
        }
        return new LogFilter(services(r), sources, grep);
    }

    // ---- rebuild and restart ----

    /**
     * Starts the request; with {@code wait=true} (the goals) answers with the output as it
     * happens and the results, else (the dashboard) at once with 202.
     */
    private void requestAnswer(HttpRequest r, OutputStream out, Set<String> services,
            java.util.function.Supplier<List<CompletableFuture<ReloadOutcome>>> request) throws IOException, BadRequest {
        Duration timeout = Duration.ofSeconds(Math.max(1, number(r, "timeout", (int) DEFAULT_TIMEOUT.toSeconds())));
        if (!flag(r, "wait")) {
            request.get();
            List<String> names = services.isEmpty() ? session.services() : List.copyOf(services);
            reply(out, 202, "application/json", servicesJson(names));
            return;
        }
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nCache-Control: no-store\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        stream(out, services, timeout, request);
    }

    private void stream(OutputStream out, Set<String> services, Duration timeout,
            java.util.function.Supplier<List<CompletableFuture<ReloadOutcome>>> request) {
        Set<String> wanted = services.isEmpty() ? new LinkedHashSet<>(session.services()) : services;
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE_LINES);
        AtomicInteger dropped = new AtomicInteger();
        ReloadListener relay = event -> {
            if (event.service() != null && wanted.contains(event.service())) {
                String prefix = "[" + pad(event.service()) + "] "; // as the watch's own console shows it
                for (EventText.Line line : text.lines(event)) {
                    String shown = prefix + (line.style() == EventText.Style.OUTPUT ? "" : "» ") + line.text();
                    if (!lines.offer(Ansi.strip(shown))) {
                        dropped.incrementAndGet();
                    }
                }
            }
        };
        session.addListener(relay);
        List<ReloadOutcome> outcomes = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<CompletableFuture<ReloadOutcome>> futures = request.get();
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
                        "no result within " + DurationParser.format(timeout) + "; it may still be running"));
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

    // ---- live streams ----

    /** {@code GET /api/logs}: the recent lines, then with {@code follow} the new ones until the watch ends. */
    private void logs(HttpRequest r, OutputStream out) throws IOException, BadRequest {
        LogFilter filter = filter(r);
        int tail = number(r, "tail", 200);
        boolean follow = flag(r, "follow");
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nCache-Control: no-store\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        live(out, filter, tail, follow, (line, dropped) -> dropped > 0
                ? "#dropped\t" + dropped + "\n"
                : line.encodeWithService() + "\n", null);
    }

    /** {@code GET /api/events}: server-sent events for the dashboard: the status, then lines and status changes. */
    private void events(HttpRequest r, OutputStream out) throws IOException, BadRequest {
        LogFilter filter = filter(r);
        int tail = number(r, "tail", 500);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\n"
                + "X-Accel-Buffering: no\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        write(out, "retry: 1000\n\n");
        live(out, filter, tail, true, (line, dropped) -> dropped > 0
                ? "event: dropped\ndata: {\"lines\":" + dropped + "}\n\n"
                : "event: line\ndata: " + lineJson(line) + "\n\n",
                () -> "event: status\ndata: " + board.snapshot().toJson() + "\n\n");
    }

    /**
     * Sends the backlog, then (when {@code follow}) every new line as it comes until the watch
     * ends or the client goes away; {@code status}, when not null, is sent first and again
     * whenever the board changes.
     */
    private void live(OutputStream out, LogFilter filter, int tail, boolean follow,
            BiFunction<LogLine, Integer, String> format, java.util.function.Supplier<String> status) throws IOException {
        // a tail of 0 asks for no recent line, a negative one for all the hub keeps
        try (LogHub.Subscription sub = hub.subscribe(filter, tail, QUEUE_LINES)) {
            long seen = board.version();
            if (status != null) {
                write(out, status.get());
            }
            StringBuilder batch = new StringBuilder();
            for (LogLine l : sub.backlog()) {
                batch.append(format.apply(l, 0));
            }
            write(out, batch.toString());
            if (!follow) {
                return;
            }
            long quietSince = System.nanoTime();
            while (!closed && !sub.closed()) {
                LogLine l = sub.poll(TICK);
                batch.setLength(0);
                int dropped = sub.takeDropped();
                if (dropped > 0) {
                    batch.append(format.apply(null, dropped));
                }
                while (l != null) {
                    batch.append(format.apply(l, 0));
                    if (batch.length() > 64 * 1024) {
                        break;
                    }
                    l = sub.poll(Duration.ZERO);
                }
                if (status != null && board.version() != seen) {
                    seen = board.version();
                    batch.append(status.get());
                }
                if (batch.length() > 0) {
                    write(out, batch.toString());
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > KEEPALIVE.toNanos()) {
                    write(out, status != null ? ": keepalive\n\n" : "#keepalive\n");
                    quietSince = System.nanoTime();
                }
            }
            if (status != null) {
                write(out, status.get() + "event: end\ndata: {}\n\n");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String lineJson(LogLine l) {
        return "{\"service\":" + Json.quote(l.service()) + ",\"source\":" + Json.quote(l.source().name().toLowerCase(Locale.ROOT))
                + ",\"style\":" + Json.quote(l.style().name().toLowerCase(Locale.ROOT)) + ",\"time\":"
                + Json.quote(l.time().toString()) + ",\"text\":" + Json.quote(l.text()) + "}";
    }

    private static String servicesJson(List<String> names) {
        StringBuilder b = new StringBuilder("{\"services\":[");
        for (int i = 0; i < names.size(); i++) {
            b.append(i > 0 ? "," : "").append(Json.quote(names.get(i)));
        }
        return b.append("]}").toString();
    }

    // ---- writing ----

    private static void write(OutputStream out, String s) throws IOException {
        if (s.isEmpty()) {
            return;
        }
        synchronized (out) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static void send(OutputStream out, String line) {
        try {
            write(out, line + "\n");
        } catch (IOException e) {
            // the client went away; the request goes on
        }
    }

    static void reply(OutputStream out, int status, String type, String body) throws IOException {
        reply(out, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    static void reply(OutputStream out, int status, String type, byte[] body) throws IOException {
        String reason = switch (status) {
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Method Not Allowed";
        };
        String contentType = type.contains("charset") || type.startsWith("image/") ? type : type + "; charset=utf-8";
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.length + "\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
                + "X-Frame-Options: DENY\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }
}
