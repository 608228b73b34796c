package io.github.hotreload.testing;

import io.github.hotreload.text.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A headless Chromium for browser tests, driven over the DevTools protocol on a
 * {@link java.net.http.WebSocket}: no Selenium, no driver binary.
 *
 * <pre>{@code
 * Chromium.assumeAvailable();
 * try (Chromium browser = Chromium.launch()) {
 *     browser.navigate("http://127.0.0.1:" + port + "/");
 *     browser.waitFor("document.querySelectorAll('tr[data-service]').length === 2", Duration.ofSeconds(10));
 *     browser.click("tr[data-service=api] button[data-action=rebuild]");
 *     String text = browser.evaluate("document.querySelector('#log').textContent");
 * }
 * }</pre>
 *
 * <p>Each browser gets a fresh profile in a temporary directory; {@link #close()} kills the
 * browser's whole process tree and deletes that directory. The executable is
 * {@code $HOTRELOAD_CHROMIUM}, or the first of {@code chromium}, {@code chromium-browser},
 * {@code google-chrome}, {@code google-chrome-stable} on the {@code PATH}.
 */
public final class Chromium implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final int VIEWPORT_WIDTH = 1280;
    private static final int VIEWPORT_HEIGHT = 800;
    private static final int CONSOLE_LINES = 200;

    private final Process process;
    private final Path dir;
    private final Path profile;
    private final Thread shutdownHook;
    private final WebSocket socket;
    private final String session;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> calls = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Map<String, Object>>> awaitedEvents = new ConcurrentHashMap<>();
    private final Deque<String> console = new ArrayDeque<>();
    private volatile boolean closed;

    private Chromium(Process process, Path dir, Path profile, Thread shutdownHook, URI browserEndpoint)
            throws IOException {
        this.process = process;
        this.dir = dir;
        this.profile = profile;
        this.shutdownHook = shutdownHook;
        this.socket = join(HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(browserEndpoint, new Listener()), "connect to " + browserEndpoint);
        String target = null;
        for (Object t : list(call(null, "Target.getTargets", Map.of()).get("targetInfos"))) {
            Map<String, Object> info = map(t);
            if ("page".equals(info.get("type"))) {
                target = (String) info.get("targetId");
                break;
            }
        }
        if (target == null) {
            target = (String) call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId");
        }
        this.session = (String) call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId");
        call("Page.enable", Map.of());
        call("Runtime.enable", Map.of());
        call("Emulation.setDeviceMetricsOverride", Map.of("width", VIEWPORT_WIDTH, "height", VIEWPORT_HEIGHT,
                "deviceScaleFactor", 1, "mobile", false));
    }

    /** The browser to launch: {@code $HOTRELOAD_CHROMIUM} or the first known name on the {@code PATH}. */
    public static Optional<Path> executable() {
        String configured = System.getenv("HOTRELOAD_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String entry : pathVariable.split(java.io.File.pathSeparator)) {
                if (entry.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(entry, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a browser is installed, for {@code assumeTrue}. */
    public static boolean available() {
        return executable().isPresent();
    }

    /**
     * Skips the calling test where no browser is installed, or fails it when the environment
     * says a browser is required ({@code HOTRELOAD_REQUIRE_BROWSER=1}, as {@code .ci/run} sets):
     * there the browser tests must run.
     */
    public static void assumeAvailable() {
        if ("1".equals(System.getenv("HOTRELOAD_REQUIRE_BROWSER")) && !available()) {
            throw new AssertionError("Chromium is required here (HOTRELOAD_REQUIRE_BROWSER=1) but not installed: "
                    + "apt-get install chromium, or set HOTRELOAD_CHROMIUM");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(available(),
                "no Chromium installed (apt-get install chromium, or set HOTRELOAD_CHROMIUM)");
    }

    /** Starts a headless browser with a fresh profile, attached to its page. */
    public static Chromium launch() throws IOException {
        Path executable = executable().orElseThrow(() -> new IllegalStateException(
                "no Chromium: install chromium or set HOTRELOAD_CHROMIUM"));
        Path dir = Files.createTempDirectory("hotreload-chromium-");
        Path profile = Files.createDirectory(dir.resolve("profile"));
        Path log = dir.resolve("chromium.log");
        Process process = new ProcessBuilder(executable.toString(),
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--mute-audio", "--window-size=" + VIEWPORT_WIDTH + "," + VIEWPORT_HEIGHT, "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                .start();
        Thread hook = new Thread(() -> killTree(process, profile), "chromium-killer");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            URI endpoint = awaitEndpoint(process, profile.resolve("DevToolsActivePort"), log);
            return new Chromium(process, dir, profile, hook, endpoint);
        } catch (IOException | RuntimeException e) {
            killTree(process, profile);
            deleteTree(dir);
            removeHook(hook);
            throw e;
        }
    }

    /** Opens {@code url} and waits until the page's load event. */
    public void navigate(String url) {
        CompletableFuture<Map<String, Object>> loaded = new CompletableFuture<>();
        awaitedEvents.put("Page.loadEventFired", loaded);
        Map<String, Object> result = call("Page.navigate", Map.of("url", url));
        if (result.get("errorText") != null) {
            awaitedEvents.remove("Page.loadEventFired");
            throw new IllegalStateException("could not open " + url + ": " + result.get("errorText"));
        }
        join(loaded.orTimeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "load " + url);
    }

    /**
     * Evaluates a JavaScript expression in the page (awaiting a promise) and returns its value: a
     * string as it is, {@code null} for {@code undefined} or {@code null}, anything else as JSON.
     *
     * @throws IllegalStateException when the expression throws
     */
    public String evaluate(String js) {
        Map<String, Object> result = call("Runtime.evaluate", Map.of("expression", js, "returnByValue", true,
                "awaitPromise", true));
        if (result.get("exceptionDetails") != null) {
            Map<String, Object> details = map(result.get("exceptionDetails"));
            Object exception = details.get("exception");
            Object description = exception == null ? null : map(exception).get("description");
            throw new IllegalStateException("the page threw on " + js + ": "
                    + (description != null ? description : details.get("text")));
        }
        Object value = map(result.get("result")).get("value");
        return value == null ? null : value instanceof String s ? s : Json.write(value);
    }

    /** Waits until a JavaScript condition is true in the page, polling. */
    public void waitFor(String condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastError = null;
        while (true) {
            try {
                if ("true".equals(evaluate("!!(" + condition + ")"))) {
                    return;
                }
                lastError = null;
            } catch (IllegalStateException e) {
                lastError = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + timeout + ": " + condition
                        + (lastError == null ? "" : "\nlast error: " + lastError)
                        + "\npage console:\n" + String.join("\n", console()));
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + condition, e);
            }
        }
    }

    /**
     * Clicks the centre of the first element matching {@code selector} with real mouse events, after
     * scrolling it into view; fails when there is no such element, it is not displayed, or another
     * element covers it.
     */
    public void click(String selector) {
        String box = evaluate("(() => {"
                + " const el = document.querySelector(" + Json.write(selector) + ");"
                + " if (!el) return 'missing';"
                + " el.scrollIntoView({block: 'center', inline: 'center'});"
                + " const r = el.getBoundingClientRect();"
                + " if (r.width === 0 || r.height === 0) return 'not displayed';"
                + " const x = r.left + r.width / 2, y = r.top + r.height / 2;"
                + " const top = document.elementFromPoint(x, y);"
                + " if (!top || !(el === top || el.contains(top))) return 'covered by ' + (top ? top.outerHTML.slice(0, 80) : 'nothing');"
                + " return x + ',' + y; })()");
        String[] xy = box.split(",");
        if (xy.length != 2) {
            throw new IllegalStateException("cannot click " + selector + ": " + box);
        }
        double x = Double.parseDouble(xy[0]);
        double y = Double.parseDouble(xy[1]);
        call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
        for (String type : List.of("mousePressed", "mouseReleased")) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
        }
    }

    /** Clicks the element (to focus it) and types {@code text} into it as the keyboard would. */
    public void type(String selector, String text) {
        click(selector);
        call("Input.insertText", Map.of("text", text));
    }

    /** Saves a PNG of the viewport to {@code file}, creating its directory. */
    public void screenshot(Path file) throws IOException {
        String data = (String) call("Page.captureScreenshot", Map.of("format", "png")).get("data");
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.write(file, Base64.getDecoder().decode(data));
    }

    /** The browser's process id (its children are the renderers and helpers it started). */
    public long pid() {
        return process.pid();
    }

    /** The page's console messages and uncaught exceptions so far (the last few hundred). */
    public List<String> console() {
        synchronized (console) {
            return new ArrayList<>(console);
        }
    }

    /** Kills the browser and every process it started, and deletes its profile. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        socket.abort();
        killTree(process, profile);
        deleteTree(dir);
        removeHook(shutdownHook);
    }

    // ---- the protocol

    private Map<String, Object> call(String method, Map<String, Object> params) {
        return call(session, method, params);
    }

    private Map<String, Object> call(String sessionId, String method, Map<String, Object> params) {
        if (closed) {
            throw new IllegalStateException("the browser is closed");
        }
        int id = ids.incrementAndGet();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        calls.put(id, answer);
        try {
            synchronized (this) { // at most one send may be outstanding on a WebSocket
                join(socket.sendText(Json.write(message), true), method);
            }
            Map<String, Object> response = join(answer.orTimeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), method);
            if (response.get("error") != null) {
                throw new IllegalStateException(method + " failed: " + Json.write(response.get("error")));
            }
            Object result = response.get("result");
            return result == null ? Map.of() : map(result);
        } finally {
            calls.remove(id);
        }
    }

    private void received(String text) {
        Map<String, Object> message = map(Json.parse(text));
        Object id = message.get("id");
        if (id != null) {
            CompletableFuture<Map<String, Object>> answer = calls.get(((Number) id).intValue());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        String method = (String) message.get("method");
        Map<String, Object> params = message.get("params") == null ? Map.of() : map(message.get("params"));
        CompletableFuture<Map<String, Object>> awaited = method == null ? null : awaitedEvents.remove(method);
        if (awaited != null) {
            awaited.complete(params);
        }
        if ("Runtime.consoleAPICalled".equals(method)) {
            StringBuilder line = new StringBuilder("console." + params.get("type") + ":");
            for (Object arg : list(params.get("args"))) {
                Map<String, Object> a = map(arg);
                line.append(' ').append(a.containsKey("value") ? a.get("value") : a.get("description"));
            }
            remember(line.toString());
        } else if ("Runtime.exceptionThrown".equals(method)) {
            Map<String, Object> details = map(params.get("exceptionDetails"));
            Object exception = details.get("exception");
            remember("uncaught: " + (exception != null ? map(exception).get("description") : details.get("text")));
        }
    }

    private void remember(String line) {
        synchronized (console) {
            console.addLast(line);
            while (console.size() > CONSOLE_LINES) {
                console.removeFirst();
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    received(text);
                } catch (RuntimeException e) {
                    remember("could not read a DevTools message: " + e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            IllegalStateException gone = new IllegalStateException("the DevTools connection failed", error);
            calls.values().forEach(c -> c.completeExceptionally(gone));
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            IllegalStateException gone = new IllegalStateException("the browser closed the DevTools connection");
            calls.values().forEach(c -> c.completeExceptionally(gone));
            return null;
        }
    }

    // ---- the process

    private static URI awaitEndpoint(Process process, Path portFile, Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
                if (lines.size() >= 2 && !lines.get(1).isBlank()) { // written, not only created
                    return URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IOException("Chromium exited with " + process.exitValue() + " before listening:\n" + tail(log));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted starting Chromium", e);
            }
        }
        throw new IOException("Chromium did not write " + portFile + " within " + START_TIMEOUT + ":\n" + tail(log));
    }

    /**
     * Kills the browser and all its descendants, leaves first, and waits until they are gone. Level
     * by level, so that each process is reaped at once by its parent, still alive: a process whose
     * parent died first goes to init, which may take seconds to reap it (in a container). A helper
     * the browser started again meanwhile (it restarts a crashed GPU or network process) is found
     * by its arguments: every process of this browser names its profile.
     */
    private static void killTree(Process process, Path profile) {
        List<List<ProcessHandle>> levels = new ArrayList<>();
        for (List<ProcessHandle> level = List.of(process.toHandle()); !level.isEmpty();
                level = level.stream().flatMap(ProcessHandle::children).toList()) {
            levels.add(level);
        }
        for (int i = levels.size() - 1; i >= 0; i--) {
            kill(levels.get(i));
        }
        String profileArgument = profile.toString();
        kill(ProcessHandle.allProcesses()
                .filter(h -> h.info().arguments().stream().flatMap(Arrays::stream).anyMatch(a -> a.contains(profileArgument)))
                .toList());
    }

    private static void kill(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroyForcibly);
        // polled rather than onExit(): the JDK polls a process that is not its own child with a
        // backoff of up to seconds
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (processes.stream().anyMatch(Chromium::running) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Whether a process runs: alive, and not a zombie (one that has ended and waits for its parent,
     * or init, to reap it; {@link ProcessHandle#isAlive()} counts those as alive).
     */
    public static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try { // Linux: the state is the field after the command's closing parenthesis
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down, and the hook runs
        }
    }

    private static void deleteTree(Path dir) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (java.nio.file.NoSuchFileException e) {
                return;
            } catch (IOException | UncheckedIOException e) {
                // a file appeared while walking: walk again
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static <T> T join(CompletableFuture<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                throw new IllegalStateException("no answer within " + CALL_TIMEOUT + ": " + what, cause);
            }
            throw new IllegalStateException(what + " failed: " + cause.getMessage(), cause);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
