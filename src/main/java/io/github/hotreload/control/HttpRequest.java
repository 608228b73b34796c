package io.github.hotreload.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The part of an HTTP/1.1 request the control server reads: the request line, the headers and
 * the query; bodies are not read (no endpoint takes one).
 *
 * @param method {@code GET}, {@code POST}...
 * @param path the path without the query, as sent
 * @param query the decoded query parameters (the last of repeated ones)
 * @param headers header names in lower case
 */
record HttpRequest(String method, String path, Map<String, String> query, Map<String, String> headers) {

    static final int MAX_LINE = 8192;
    static final int MAX_HEADERS = 100;

    /** A request the server cannot read; answered with a 400. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /** Reads a request's head; null when the client closed the connection before sending one. */
    static HttpRequest read(InputStream in) throws IOException, Malformed {
        String requestLine = line(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
            throw new Malformed("not an HTTP request line: " + abbreviate(requestLine));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        int count = 0;
        while ((line = line(in)) != null && !line.isEmpty()) {
            if (++count > MAX_HEADERS) {
                throw new Malformed("more than " + MAX_HEADERS + " header lines");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new Malformed("a header line without a name: " + abbreviate(line));
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String target = parts[1];
        int q = target.indexOf('?');
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            try {
                for (String pair : target.substring(q + 1).split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    query.put(key, value);
                }
            } catch (IllegalArgumentException e) {
                throw new Malformed("malformed query: " + e.getMessage());
            }
        }
        return new HttpRequest(parts[0], q < 0 ? target : target.substring(0, q), Map.copyOf(query), Map.copyOf(headers));
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The value of cookie {@code name}, or null. */
    String cookie(String name) {
        String all = header("cookie");
        if (all == null) {
            return null;
        }
        for (String c : all.split(";")) {
            int eq = c.indexOf('=');
            if (eq > 0 && c.substring(0, eq).trim().equals(name)) {
                return c.substring(eq + 1).trim();
            }
        }
        return null;
    }

    /** The bearer token of the {@code Authorization} header, or null. */
    String bearer() {
        String auth = header("authorization");
        return auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
    }

    private static String line(InputStream in) throws IOException, Malformed {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (b.size() >= MAX_LINE) {
                throw new Malformed("a line longer than " + MAX_LINE + " bytes");
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
