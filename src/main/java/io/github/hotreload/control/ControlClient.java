package io.github.hotreload.control;

import io.github.hotreload.logs.LogLine;
import io.github.hotreload.text.Json;
import io.github.hotreload.status.WatchStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the goals ask a running {@code watch}, over its {@link ControlServer}: each method returns
 * null when nothing listens any more (the watch is gone) and throws {@link RefusedException} when
 * the watch refused the request.
 */
public final class ControlClient {

    /** One service's result: {@code ok} and the rest of its RESULT line. */
    public record Result(String service, boolean ok, String detail) {}

    /** Thrown when the watch refused the request (wrong token, unknown service). */
    public static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    private final ControlFile control;

    public ControlClient(ControlFile control) {
        this.control = control;
    }

    /**
     * Requests the rebuild, passing every output line to {@code lines} as it arrives. The watch
     * reports a service that has not finished within {@code timeout} as failed.
     *
     * @return the results, or null when nothing listens (the watch is gone)
     */
    public List<Result> rebuild(Collection<String> services, boolean clean, Duration timeout, Consumer<String> lines)
            throws IOException {
        return results("/api/rebuild?" + servicesQuery(services) + "&clean=" + clean + "&wait=true&timeout="
                + Math.max(1, timeout.toSeconds()), timeout, lines);
    }

    /** Requests a restart without a build, like {@link #rebuild}. */
    public List<Result> restart(Collection<String> services, Duration timeout, Consumer<String> lines) throws IOException {
        return results("/api/restart?" + servicesQuery(services) + "&wait=true&timeout=" + Math.max(1, timeout.toSeconds()),
                timeout, lines);
    }

    /** Pauses ({@code on}) or resumes the services' automatic reloads; the services told, or null. */
    @SuppressWarnings("unchecked")
    public List<String> pause(Collection<String> services, boolean on) throws IOException {
        String body = call("POST", (on ? "/api/pause?" : "/api/resume?") + servicesQuery(services), Duration.ofSeconds(30));
        if (body == null) {
            return null;
        }
        return ((List<Object>) ((Map<String, Object>) Json.parse(body)).get("services")).stream()
                .map(String::valueOf).toList();
    }

    /** The watch's status, or null. */
    public WatchStatus status() throws IOException {
        String body = call("GET", "/api/status", Duration.ofSeconds(30));
        return body == null ? null : WatchStatus.fromJson(body);
    }

    /** A fresh one-time link to the dashboard, or null (also when the dashboard is off). */
    @SuppressWarnings("unchecked")
    public String dashboardLink() throws IOException {
        try {
            String body = call("POST", "/api/login-link", Duration.ofSeconds(30));
            return body == null ? null : (String) ((Map<String, Object>) Json.parse(body)).get("url");
        } catch (RefusedException e) {
            return null; // the dashboard is off
        }
    }

    /**
     * The watch's recent lines ({@code tail} of them at most) that pass the filter, then with
     * {@code follow} each new one until the watch ends or the thread is interrupted; {@code
     * dropped} hears of lines the watch dropped because this client read too slowly.
     *
     * @param query {@code services}, {@code stream}, {@code grep} (names as the endpoint takes them), may be empty
     * @return whether a watch answered
     */
    public boolean logs(Map<String, String> query, int tail, boolean follow, Consumer<LogLine> lines,
            Consumer<Integer> dropped) throws IOException {
        StringBuilder q = new StringBuilder("/api/logs?tail=").append(tail).append("&follow=").append(follow);
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (e.getValue() != null && !e.getValue().isEmpty()) {
                q.append('&').append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            }
        }
        HttpURLConnection c = open("GET", q.toString(), follow ? Duration.ZERO : Duration.ofSeconds(60));
        if (c == null) {
            return false;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("#dropped\t")) {
                    dropped.accept(Integer.parseInt(line.substring(9).trim()));
                } else if (!line.startsWith("#")) {
                    LogLine l = LogLine.decodeWithService(line);
                    if (l != null) {
                        lines.accept(l);
                    }
                }
            }
        }
        return true;
    }

    private List<Result> results(String pathAndQuery, Duration timeout, Consumer<String> lines) throws IOException {
        // the watch answers within the timeout, also when the service is gone; a minute more for the last lines
        HttpURLConnection c = open("POST", pathAndQuery, timeout.plusMinutes(1));
        if (c == null) {
            return null;
        }
        List<Result> results = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
            readResults(in, results, lines);
        } catch (SocketTimeoutException e) {
            throw new IOException("the running watch did not answer within " + timeout.plusMinutes(1).toSeconds() + " s", e);
        }
        return results;
    }

    private String call(String method, String pathAndQuery, Duration timeout) throws IOException {
        HttpURLConnection c = open(method, pathAndQuery, timeout);
        if (c == null) {
            return null;
        }
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The connection with its answer's status checked; null when nothing listens. */
    private HttpURLConnection open(String method, String pathAndQuery, Duration readTimeout) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + control.port() + pathAndQuery)
                .toURL().openConnection(Proxy.NO_PROXY);
        c.setRequestMethod(method);
        c.setRequestProperty("Authorization", "Bearer " + control.token());
        c.setConnectTimeout(2000);
        c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
        int status;
        try {
            if (method.equals("POST")) {
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(0);
                c.getOutputStream().close();
            }
            status = c.getResponseCode();
        } catch (ConnectException e) {
            return null;
        }
        if (status != 200 && status != 202) {
            try (InputStream err = c.getErrorStream()) {
                String body = err == null ? "" : new String(err.readAllBytes(), StandardCharsets.UTF_8).strip();
                throw new RefusedException("the running watch refused the request (HTTP " + status + "): " + body);
            }
        }
        return c;
    }

    private static String servicesQuery(Collection<String> services) {
        return "services=" + URLEncoder.encode(String.join(",", services), StandardCharsets.UTF_8);
    }

    private static void readResults(BufferedReader in, List<Result> results, Consumer<String> lines) throws IOException {
        boolean ended = false;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("RESULT ")) {
                String[] parts = line.split(" ", 4);
                results.add(new Result(parts[1], parts[2].equals("OK"), parts.length > 3 ? parts[3] : ""));
            } else if (line.startsWith("END")) {
                ended = true;
            } else {
                lines.accept(line);
            }
        }
        if (!ended) {
            throw new IOException("the running watch stopped before it finished the request");
        }
    }
}
