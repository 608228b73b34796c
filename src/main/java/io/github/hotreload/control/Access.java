package io.github.hotreload.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the control server, and how.
 *
 * <ul>
 *   <li>The goals send the session's token from the control file: {@code Authorization: Bearer TOKEN}.
 *   <li>A browser opens a one-time link {@code /login?code=CODE}; the server answers with an
 *       HttpOnly, SameSite=Strict cookie holding a browser token, which every later GET carries.
 *       The page knows the same browser token and sends it in {@code X-Hotreload-Token} with each
 *       POST: a cookie alone never changes anything, so another site cannot forge a request.
 *   <li>The {@code Host} header must name the loopback address ({@code 127.0.0.1} or
 *       {@code localhost}), so that a page that rebinds its own name to 127.0.0.1 cannot read
 *       the answers; and a POST that carries an {@code Origin} must come from this server's.
 * </ul>
 */
final class Access {

    static final String COOKIE = "hotreload_session";
    static final String HEADER = "x-hotreload-token";

    /** Why a request is refused: the status and what to tell the client. */
    record Refusal(int status, String message) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final boolean browsers;
    private volatile int port;
    /** How long a login link may wait to be opened. */
    static final java.time.Duration LOGIN_CODE_LIFETIME = java.time.Duration.ofHours(1);
    /** At most this many unused codes are kept (each status asks for one); the oldest go first. */
    static final int MAX_LOGIN_CODES = 100;

    /** Unused login codes, oldest first, with when they were made (nanoTime). */
    private final java.util.LinkedHashMap<String, Long> loginCodes = new java.util.LinkedHashMap<>();
    private final java.util.function.LongSupplier nanoTime;
    private final Set<String> browserTokens = ConcurrentHashMap.newKeySet();

    /**
     * @param token the session's token
     * @param browsers whether browsers may log in (the dashboard is on)
     */
    Access(String token, boolean browsers) {
        this(token, browsers, System::nanoTime);
    }

    /** With the clock that login codes age by, for tests. */
    Access(String token, boolean browsers, java.util.function.LongSupplier nanoTime) {
        this.token = token;
        this.browsers = browsers;
        this.nanoTime = nanoTime;
    }

    static String secret() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    void port(int port) {
        this.port = port;
    }

    /**
     * A new one-time login code, valid for {@link #LOGIN_CODE_LIFETIME}: a link left in a
     * terminal's scrollback or a CI log opens nothing later on.
     */
    String newLoginCode() {
        String code = secret();
        synchronized (loginCodes) {
            long now = nanoTime.getAsLong();
            loginCodes.values().removeIf(made -> now - made > LOGIN_CODE_LIFETIME.toNanos());
            while (loginCodes.size() >= MAX_LOGIN_CODES) {
                loginCodes.remove(loginCodes.keySet().iterator().next());
            }
            loginCodes.put(code, now);
        }
        return code;
    }

    /** Uses up a login code: the browser token to set as a cookie, or null when the code is not valid (any more). */
    String login(String code) {
        if (!browsers || code == null) {
            return null;
        }
        Long made;
        synchronized (loginCodes) {
            made = loginCodes.remove(code);
        }
        if (made == null || nanoTime.getAsLong() - made > LOGIN_CODE_LIFETIME.toNanos()) {
            return null;
        }
        String browserToken = secret();
        browserTokens.add(browserToken);
        return browserToken;
    }

    /** The refusal of a request whose {@code Host} header does not name this server on the loopback address. */
    Refusal checkHost(HttpRequest r) {
        String host = r.header("host");
        if (host == null) {
            return new Refusal(400, "refused: the request has no Host header");
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String name : new String[] {"127.0.0.1", "localhost", "[::1]"}) {
            if (h.equals(name) || h.equals(name + ":" + port)) {
                return null;
            }
        }
        return new Refusal(403, "refused: the Host header names '" + host + "'; this watch answers only at "
                + "http://127.0.0.1:" + port + "/");
    }

    /**
     * The refusal of a request that does not carry a credential the server accepts for it, or
     * null when it may go on. {@code changes}: the request changes something (a POST).
     */
    Refusal check(HttpRequest r, boolean changes) {
        String bearer = r.bearer();
        if (bearer != null) {
            return same(bearer, token) ? null
                    : new Refusal(403, "refused: the request does not carry this session's token");
        }
        if (!browsers) {
            return new Refusal(401, "refused: the request carries no token");
        }
        if (changes) {
            String origin = r.header("origin");
            if (origin != null && !origin.equalsIgnoreCase("http://127.0.0.1:" + port)
                    && !origin.equalsIgnoreCase("http://localhost:" + port)) {
                return new Refusal(403, "refused: a request from another site (Origin " + origin + ")");
            }
            String header = r.header(HEADER);
            if (header == null) {
                return new Refusal(r.cookie(COOKIE) == null ? 401 : 403,
                        "refused: a request that changes something needs the X-Hotreload-Token header");
            }
            return browserTokens.contains(header) ? null
                    : new Refusal(403, "refused: the X-Hotreload-Token header does not match this watch's");
        }
        String cookie = r.cookie(COOKIE);
        if (cookie == null) {
            return new Refusal(401, "refused: the request carries no token; open the dashboard's link that the watch "
                    + "printed, or get a fresh one with mvn hotreload:status");
        }
        return browserTokens.contains(cookie) ? null
                : new Refusal(403, "refused: the session cookie is not this watch's; open a fresh link from "
                        + "mvn hotreload:status");
    }

    /** The browser token of a request that carries one, for the page it is served. */
    String browserToken(HttpRequest r) {
        String cookie = r.cookie(COOKIE);
        return cookie != null && browserTokens.contains(cookie) ? cookie : null;
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
