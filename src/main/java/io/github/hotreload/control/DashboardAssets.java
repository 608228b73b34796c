package io.github.hotreload.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The dashboard's files, shipped in the plugin's jar: plain HTML, CSS and JavaScript. */
final class DashboardAssets {

    /** A file to send. */
    record Asset(String contentType, byte[] body) {}

    static final String CSRF_PLACEHOLDER = "__HOTRELOAD_CSRF__";
    private static final String DIR = "dashboard/";
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html"},
            "/index.html", new String[] {"index.html", "text/html"},
            "/assets/dashboard.js", new String[] {"dashboard.js", "text/javascript"},
            "/assets/dashboard.css", new String[] {"dashboard.css", "text/css"});

    private final Map<String, byte[]> loaded = new java.util.concurrent.ConcurrentHashMap<>();

    /** The file at {@code path}; the page carries {@code browserToken} for its requests (empty when null). */
    Asset get(String path, String browserToken) {
        String[] f = FILES.get(path);
        byte[] body = loaded.computeIfAbsent(f[0], DashboardAssets::load);
        if (f[0].equals("index.html")) {
            String html = new String(body, StandardCharsets.UTF_8)
                    .replace(CSRF_PLACEHOLDER, browserToken == null ? "" : browserToken);
            body = html.getBytes(StandardCharsets.UTF_8);
        }
        return new Asset(f[1], body);
    }

    private static byte[] load(String name) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("the plugin's jar lacks " + DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
