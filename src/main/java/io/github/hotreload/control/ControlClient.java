package io.github.hotreload.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/** Sends a rebuild request to a running {@code watch} and relays its answer. */
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
        String query = "services=" + URLEncoder.encode(String.join(",", services), StandardCharsets.UTF_8)
                + "&clean=" + clean + "&timeout=" + Math.max(1, timeout.toSeconds());
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + control.port() + "/rebuild?" + query)
                .toURL().openConnection(Proxy.NO_PROXY);
        c.setRequestMethod("POST");
        c.setRequestProperty("Authorization", "Bearer " + control.token());
        c.setConnectTimeout(2000);
        // the watch answers within the timeout, also when the service is gone; a minute more for the last lines
        c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, timeout.plusMinutes(1).toMillis()));
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(0);
        int status;
        try {
            c.getOutputStream().close();
            status = c.getResponseCode();
        } catch (ConnectException e) {
            return null;
        }
        if (status != 200) {
            try (InputStream err = c.getErrorStream()) {
                String body = err == null ? "" : new String(err.readAllBytes(), StandardCharsets.UTF_8).strip();
                throw new RefusedException("the running watch refused the request (HTTP " + status + "): " + body);
            }
        }
        List<Result> results = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
            readResults(in, results, lines);
        } catch (SocketTimeoutException e) {
            throw new IOException("the running watch did not answer within " + timeout.plusMinutes(1).toSeconds() + " s", e);
        }
        return results;
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
            throw new IOException("the running watch stopped before it finished the rebuild");
        }
    }
}
