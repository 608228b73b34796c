package io.github.hotreload.process;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * When a started service counts as ready. Every configured check must pass; with none, a service
 * is ready as soon as it has started.
 *
 * @param url HTTP URL that must answer 2xx or 3xx, or null
 * @param port TCP port on 127.0.0.1 that must accept a connection, or 0
 * @param logPattern pattern that a line of output must contain, or null
 * @param timeout how long the checks may take
 */
public record Readiness(URI url, int port, Pattern logPattern, Duration timeout) {

    public boolean hasChecks() {
        return url != null || port > 0 || logPattern != null;
    }

    /** The port that the service listens on, as far as the checks tell; 0 when unknown. */
    public int listenPort() {
        if (port > 0) {
            return port;
        }
        if (url != null) {
            int p = url.getPort();
            if (p > 0) {
                return p;
            }
            return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        }
        return 0;
    }

    /** Whether the port checked is one of this machine's: a TCP port, or a URL on a loopback address. */
    public boolean onThisMachine() {
        if (url == null) {
            return true;
        }
        String host = url.getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("0.0.0.0");
    }

    /** For people: {@code HTTP http://..., log /Started/}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (url != null) {
            parts.add("HTTP " + url);
        }
        if (port > 0) {
            parts.add("TCP port " + port);
        }
        if (logPattern != null) {
            parts.add("log /" + logPattern.pattern() + "/");
        }
        return parts.isEmpty() ? "started" : String.join(", ", parts);
    }
}
