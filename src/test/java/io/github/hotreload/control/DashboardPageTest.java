package io.github.hotreload.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.hotreload.testing.Chromium;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's page in a real headless Chromium, against a small real HTTP server that plays the
 * watch's part of the contract: the page's files from the classpath, {@code /api/status},
 * {@code /api/events} as server-sent events, and {@code POST /api/rebuild}. Proves the page's own
 * logic (rows, log, filter, buttons, connection state) and the {@link Chromium} driver; the watch's
 * real server is tested elsewhere.
 */
class DashboardPageTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CSRF = "csrf-7c1e9a";
    private static final String DASHBOARD = "/io/github/hotreload/control/dashboard/";
    private static final String END = new String("end of stream"); // compared by identity

    private final List<BlockingQueue<String>> streams = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Post> posts = new LinkedBlockingQueue<>();
    private final List<String> backlog = new CopyOnWriteArrayList<>(); // the lines a new stream starts with
    private final AtomicInteger streamsOpened = new AtomicInteger();
    private volatile String status = status("ready", 3, RELOAD_OK_EARLIER, "ready", false, "null");
    private ExecutorService threads;
    private HttpServer server;
    private String base;

    private record Post(String path, String query, String token) {}

    @BeforeEach
    void startAServer() throws IOException {
        backlog.add(line(null, "event", "status", "watch started: 2 services (api, web), dashboard on this page"));
        backlog.add(line("api", "build", "output", "   Compiling api v0.1.0 (/work/jessy/api)"));
        backlog.add(line("api", "build", "output", "    Finished `dev` profile [unoptimized + debuginfo] target(s) in 1.18s"));
        backlog.add(line("web", "build", "output", "go build -o target/web ./cmd/web"));
        backlog.add(line("api", "event", "success", "started in 1.4 s (build 1.2 s, start 0.2 s), ready: http 200 on /health"));
        backlog.add(line("api", "run", "output", "\u001b[32mINFO\u001b[0m listening on \u001b[1m127.0.0.1:8080\u001b[0m"));
        backlog.add(line("web", "run", "output", "panic: connection refused\n  at web/main.go:42"));
        backlog.add(line("web", "event", "warning", "exited with 2; restarting in 1 s"));
        backlog.add(line("web", "event", "success", "started in 0.6 s, ready: log line 'serving'"));
        backlog.add(line("web", "run", "output", "2026/12/01 11:47:02 serving on :8081"));
        backlog.add(line("api", "event", "status", "change: src/main.rs; building"));
        backlog.add(line("api", "build", "output", "error[E0308]: mismatched types"));
        backlog.add(line("api", "event", "error", "build failed (exit 101) after 0.9 s; the running api keeps serving"));

        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dashboard-test-server");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopTheServer() {
        stopServer();
        threads.shutdownNow();
    }

    @Test
    void showsTheWatchAndDrivesItThroughTheContract() throws Exception {
        Chromium.assumeAvailable();
        List<ProcessHandle> browserTree;
        try (Chromium browser = Chromium.launch()) {
            browser.navigate(base + "/");

            // the status: one row per service, with its state in words
            browser.waitFor(stateIs("api", "ready") + " && " + stateIs("web", "ready"), WAIT);
            browser.waitFor("document.querySelector('#connection').textContent === 'connected'", WAIT);
            assertThat(browser.evaluate("document.querySelector('#watch-pid').textContent")).isEqualTo("4242");
            assertThat(browser.evaluate(cell("api", "pid"))).isEqualTo("4301");
            assertThat(browser.evaluate(cell("api", "restarts"))).isEqualTo("1");
            assertThat(browser.evaluate(cell("web", "last-reload"))).isEqualTo("\u2013");
            assertThat(browser.evaluate(cell("api", "last-reload"))).contains("reload ok", "412 ms", "build 300 ms", "src/main.rs");
            assertThat(shown(browser, "tr[data-service=api] button[data-action=pause]")).isTrue();
            assertThat(shown(browser, "tr[data-service=api] button[data-action=resume]")).isFalse();
            assertThat(browser.evaluate("[...document.querySelectorAll('#services th')].map(th => th.textContent.trim()).join('|')"))
                    .startsWith("Service|State|PID|Uptime|Last reload|");

            // the log: every line, its attributes, no raw ANSI, the newline kept
            browser.waitFor("document.querySelectorAll('#log div.line').length === " + backlog.size(), WAIT);
            assertThat(browser.evaluate("document.querySelector('#log').textContent")).doesNotContain("\u001b", "[32m", "[0m");
            assertThat(browser.evaluate("document.querySelector('#log .line[data-service=api][data-source=run] .text').textContent"))
                    .isEqualTo("INFO listening on 127.0.0.1:8080");
            assertThat(browser.evaluate("document.querySelector('#log .line[data-service=web][data-source=run] .text').innerText"))
                    .isEqualTo("panic: connection refused\n  at web/main.go:42");
            assertThat(browser.evaluate("(() => { const l = document.querySelector('#log .line');"
                    + " return [l.dataset.service, l.dataset.source, l.dataset.style, l.querySelector('.who').textContent].join('|'); })()"))
                    .isEqualTo("|event|status|hotreload");
            assertThat(browser.evaluate("document.querySelector('#log-service').textContent")).isEqualTo("allapiweb");

            // the filter box: a substring, any case; then a /regex/; then the service select
            browser.type("#filter", "LISTENING");
            browser.waitFor(visibleLines() + ".join('\\n') === 'INFO listening on 127.0.0.1:8080'", WAIT);
            clearFilter(browser);
            browser.type("#filter", "/^panic|^error\\[/");
            browser.waitFor(visibleLines() + ".length === 2", WAIT);
            assertThat(browser.evaluate(visibleLines() + ".join('|')"))
                    .isEqualTo("panic: connection refused\n  at web/main.go:42|error[E0308]: mismatched types");
            clearFilter(browser);
            browser.waitFor(visibleLines() + ".length === " + backlog.size(), WAIT);
            browser.evaluate("(() => { const s = document.querySelector('#log-service'); s.value = 'web';"
                    + " s.dispatchEvent(new Event('change')); })()");
            browser.waitFor(visibleLines() + ".length === 5", WAIT);
            browser.evaluate("(() => { const s = document.querySelector('#log-service'); s.value = '';"
                    + " s.dispatchEvent(new Event('change')); })()");
            browser.waitFor(visibleLines() + ".length === " + backlog.size(), WAIT);

            // a button: the POST carries the page's token; the row follows the pushed status
            browser.click("tr[data-service=api] button[data-action=rebuild]");
            Post post = posts.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(post).isEqualTo(new Post("/api/rebuild", "services=api", CSRF));
            browser.waitFor("document.querySelector('#notice').textContent === 'rebuild requested for api'", WAIT);

            push("status", status("building", 3, RELOAD_OK_EARLIER, "ready", false, "null"));
            browser.waitFor(stateIs("api", "building"), WAIT);
            push("line", line("api", "event", "success", "reloaded in 0.5 s (build 0.4 s, restart 0.1 s)"));
            push("status", status("ready", 4, RELOAD_OK, "build-failed", true, RELOAD_FAILED));
            browser.waitFor(stateIs("api", "ready") + " && " + stateIs("web", "build-failed (paused)"), WAIT);
            assertThat(browser.evaluate(cell("api", "reloads"))).isEqualTo("4");
            assertThat(browser.evaluate(cell("api", "last-reload"))).contains("reload ok", "512 ms");
            assertThat(browser.evaluate(cell("web", "last-reload"))).contains("reload failed", "cargo build exited with 101");
            assertThat(shown(browser, "tr[data-service=web] button[data-action=resume]")).isTrue();
            assertThat(shown(browser, "tr[data-service=web] button[data-action=pause]")).isFalse();
            browser.waitFor("document.querySelectorAll('#log div.line').length === " + backlog.size(), WAIT);

            // the uptime counts on in the page between two status events
            assertThat(browser.evaluate(cell("api", "uptime"))).matches("59 s|1 min 0\\d s");
            browser.waitFor(cell("api", "uptime") + ".startsWith('1 min ')", Duration.ofSeconds(3));
            browser.screenshot(Path.of("target", "dashboard.png"));

            // the stream drops and comes back: the page reconnects and shows no line twice
            streams.forEach(q -> q.add("retry: 100\n\n"));
            streams.forEach(q -> q.add(END));
            await().atMost(WAIT).until(() -> streamsOpened.get() == 2 && streams.size() == 1);
            push("line", line("api", "run", "output", "after the reconnect"));
            browser.waitFor("document.querySelector('#log .line:last-child .text').textContent === 'after the reconnect'", WAIT);
            assertThat(browser.evaluate("document.querySelectorAll('#log div.line').length")).isEqualTo(String.valueOf(backlog.size()));
            assertThat(browser.evaluate("document.querySelector('#connection').textContent")).isEqualTo("connected");

            // the watch ends: the page says so, in words, and the buttons go quiet
            stopServer();
            browser.waitFor("document.querySelector('#connection').textContent === 'disconnected: the watch ended'", WAIT);
            assertThat(browser.evaluate("[...document.querySelectorAll('#services button')].every(b => b.disabled)"))
                    .isEqualTo("true");
            browser.screenshot(Path.of("target", "dashboard-disconnected.png"));
            assertThat(browser.console()).noneMatch(line -> line.startsWith("uncaught"));

            browserTree = new ArrayList<>();
            ProcessHandle.of(browser.pid()).ifPresent(root -> {
                browserTree.add(root);
                root.descendants().forEach(browserTree::add);
            });
            assertThat(browserTree).hasSizeGreaterThan(1);
        }
        assertThat(browserTree).noneMatch(Chromium::running);
    }

    @Test
    void keepsTheLastLinesAndFollowsTheEndUntilTheUserScrollsUp() throws Exception {
        Chromium.assumeAvailable();
        try (Chromium browser = Chromium.launch()) {
            browser.navigate(base + "/");
            browser.waitFor("document.querySelectorAll('#log div.line').length === " + backlog.size(), WAIT);
            for (int i = 1; i <= 5_100; i++) {
                push("line", line("web", "run", "output", "request " + i));
            }
            browser.waitFor("document.querySelector('#log .line:last-child .text').textContent === 'request 5100'", WAIT);
            assertThat(browser.evaluate("document.querySelectorAll('#log div.line').length")).isEqualTo("5000");
            assertThat(browser.evaluate("document.querySelector('#log .line .text').textContent")).isEqualTo("request 101");
            browser.waitFor(AT_THE_END, WAIT);
            assertThat(shown(browser, "#follow")).isFalse();

            // scrolled up, the view stays where the user put it; the button brings the end back
            browser.evaluate("document.querySelector('#log').scrollTop = 0");
            browser.waitFor("document.querySelector('#follow').getClientRects().length > 0", WAIT);
            push("line", line("web", "run", "output", "request 5101"));
            browser.waitFor("document.querySelector('#log .line:last-child .text').textContent === 'request 5101'", WAIT);
            assertThat(browser.evaluate("document.querySelector('#log').scrollTop")).isEqualTo("0");
            browser.click("#follow");
            browser.waitFor(AT_THE_END + " && document.querySelector('#follow').hidden", WAIT);
        }
    }

    private static final String AT_THE_END = "(() => { const l = document.querySelector('#log');"
            + " return l.scrollHeight - l.scrollTop - l.clientHeight < 2; })()";

    // ---- the page

    private static String stateIs(String service, String text) {
        return "document.querySelector('tr[data-service=" + service + "] td.state')?.textContent === '" + text + "'";
    }

    private static String cell(String service, String cell) {
        return "document.querySelector('tr[data-service=" + service + "] td." + cell + "').textContent";
    }

    private static String visibleLines() {
        return "[...document.querySelectorAll('#log div.line')].filter(l => l.getClientRects().length > 0)"
                + ".map(l => l.querySelector('.text').innerText)";
    }

    private static boolean shown(Chromium browser, String selector) {
        return "true".equals(browser.evaluate("document.querySelector('" + selector + "').getClientRects().length > 0"));
    }

    private static void clearFilter(Chromium browser) {
        browser.evaluate("(() => { const f = document.querySelector('#filter'); f.value = '';"
                + " f.dispatchEvent(new Event('input')); })()");
    }

    // ---- the server's side of the contract

    private static final String RELOAD_OK_EARLIER = """
            {"at":"2026-12-01T11:47:10.000Z","kind":"reload","ok":true,"totalMillis":412,"buildMillis":300,
             "restartMillis":100,"reason":null,"changes":["src/main.rs"]}""";
    private static final String RELOAD_OK = """
            {"at":"2026-12-01T11:52:31.250Z","kind":"reload","ok":true,"totalMillis":512,"buildMillis":400,
             "restartMillis":100,"reason":null,"changes":["src/main.rs","src/routes.rs"]}""";
    private static final String RELOAD_FAILED = """
            {"at":"2026-12-01T11:52:30.000Z","kind":"reload","ok":false,"totalMillis":900,"buildMillis":900,
             "restartMillis":null,"reason":"cargo build exited with 101","changes":["src/lib.rs"]}""";

    private static String status(String apiState, int apiReloads, String apiLastReload, String webState,
            boolean webPaused, String webLastReload) {
        return """
                {"schema":1,
                 "watch":{"pid":4242,"startedAt":"2026-12-01T11:46:29.123Z","uptimeMillis":3725000},
                 "services":[
                  {"name":"api","state":"%s","paused":false,"pid":4301,"startedAt":"2026-12-01T11:51:00.000Z",
                   "uptimeMillis":59000,"readiness":"http 200 on /health","restarts":1,"reloads":%d,
                   "pendingChanges":0,"lastReload":%s},
                  {"name":"web","state":"%s","paused":%s,"pid":4302,"startedAt":"2026-12-01T11:47:02.000Z",
                   "uptimeMillis":300000,"readiness":"log line 'serving'","restarts":1,"reloads":0,
                   "pendingChanges":2,"lastReload":%s}]}"""
                .formatted(apiState, apiReloads, apiLastReload, webState, webPaused, webLastReload);
    }

    private int lines;

    private String line(String service, String source, String style, String text) {
        String time = "2026-12-01T11:4%d:%02d.%03dZ".formatted(6 + lines / 60, lines % 60, 100 + lines);
        lines++;
        return "{\"service\":" + (service == null ? "null" : quote(service)) + ",\"source\":" + quote(source)
                + ",\"style\":" + quote(style) + ",\"time\":" + quote(time) + ",\"text\":" + quote(text) + "}";
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? "\\u%04x".formatted((int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    /** One server-sent event; a multi-line payload goes out as several {@code data:} lines. */
    private static String event(String name, String data) {
        StringBuilder out = new StringBuilder("event: ").append(name).append('\n');
        data.lines().forEach(l -> out.append("data: ").append(l).append('\n'));
        return out.append('\n').toString();
    }

    private void push(String name, String data) {
        if (name.equals("status")) {
            status = data;
        } else if (name.equals("line")) {
            backlog.add(data);
        }
        streams.forEach(q -> q.add(event(name, data)));
    }

    private void stopServer() {
        if (server != null) {
            server.stop(0);
            server = null;
            streams.forEach(q -> q.add(END));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (method + " " + path) {
                case "GET /" -> send(exchange, 200, "text/html; charset=utf-8",
                        resource("index.html").replace("__HOTRELOAD_CSRF__", CSRF));
                case "GET /assets/dashboard.js" -> send(exchange, 200, "text/javascript; charset=utf-8", resource("dashboard.js"));
                case "GET /assets/dashboard.css" -> send(exchange, 200, "text/css; charset=utf-8", resource("dashboard.css"));
                case "GET /api/status" -> send(exchange, 200, "application/json", status);
                case "GET /api/events" -> events(exchange);
                case "POST /api/rebuild" -> {
                    posts.add(new Post(path, exchange.getRequestURI().getRawQuery(),
                            exchange.getRequestHeaders().getFirst("X-Hotreload-Token")));
                    send(exchange, 202, "application/json", "{\"services\":[\"api\"]}");
                }
                default -> send(exchange, 404, "text/plain", "not found: " + method + " " + path);
            }
        }
    }

    private void events(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        queue.add(event("status", status));
        backlog.forEach(l -> queue.add(event("line", l)));
        streams.add(queue);
        streamsOpened.incrementAndGet();
        try (OutputStream out = exchange.getResponseBody()) {
            for (String message = queue.take(); message != END; message = queue.take()) {
                out.write(message.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.remove(queue);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DashboardPageTest.class.getResourceAsStream(DASHBOARD + name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
