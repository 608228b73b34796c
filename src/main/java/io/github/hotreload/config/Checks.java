package io.github.hotreload.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Collects the problems of one service and reads its typed values, reporting each bad one. */
final class Checks {

    private final String label;
    private final List<ConfigurationProblem> problems;

    /**
     * @param label the service's name, or {@code #n} when it has none
     * @param problems where problems go, shared by every service
     */
    Checks(String label, List<ConfigurationProblem> problems) {
        this.label = label;
        this.problems = problems;
    }

    void problem(String element, String problem, String fix) {
        problems.add(new ConfigurationProblem(label, element, problem, fix));
    }

    int count() {
        return problems.size();
    }

    Duration duration(String element, String text, Duration fallback, Duration min, Duration max) {
        if (text == null) {
            return fallback;
        }
        Duration value = DurationParser.parse(text);
        if (value == null) {
            problem(element, "'" + text.trim() + "' is not a duration.",
                    "write a positive number with a unit: 300ms, 1.5s, 2m (a bare number is milliseconds).");
            return null;
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            problem(element, "'" + text.trim() + "' is out of range.",
                    "use a value from " + DurationParser.format(min) + " to " + DurationParser.format(max) + ".");
            return null;
        }
        return value;
    }

    /**
     * Reads {@code true} or {@code false} (any case, spaces around allowed), reporting anything else.
     *
     * @param falseMeans what {@code false} does, for the fix
     */
    boolean bool(String element, String text, boolean fallback, String falseMeans) {
        if (text == null) {
            return fallback;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return t.equals("true");
        }
        problem(element, "'" + text.trim() + "' is neither true nor false.",
                "write <" + element + ">true</" + element + "> or <" + element + ">false</" + element + "> ("
                        + falseMeans + "), or leave it out (default " + fallback + ").");
        return fallback;
    }

    /** Parses an http(s) URL, reporting a problem for the element when it is not one. */
    URI httpUrl(String element, String text) {
        String t = text.trim();
        try {
            URI url = new URI(t);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new URISyntaxException(t, "the scheme must be http or https");
            }
            if (url.getHost() == null) {
                throw new URISyntaxException(t, "it has no host");
            }
            if (url.getPort() > 65535) {
                throw new URISyntaxException(t, "the port is above 65535");
            }
            return url;
        } catch (URISyntaxException e) {
            problem(element, "'" + t + "' is not a valid HTTP URL: " + e.getReason() + ".",
                    "write a full URL such as http://127.0.0.1:8080/health.");
            return null;
        }
    }
}
