package io.github.hotreload.process;

import io.github.hotreload.process.Readiness;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits until a started service passes its readiness checks, it exits, or the timeout passes.
 * TCP and HTTP checks are polled: every 5 ms at first, backing off to 100 ms, so that a fast
 * service is seen ready within milliseconds and a slow one costs little.
 */
final class ReadinessCheck {

    private ReadinessCheck() {}

    /**
     * @param running whether the service still runs: its process, or, when that exited (a
     *     daemonizing run command), any process of its tree
     */
    static ReadyResult await(LaunchedProcess p, Readiness readiness, java.util.function.BooleanSupplier running)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + readiness.timeout().toNanos();
        if (readiness.logPattern() != null) {
            String failure = awaitLog(p, readiness, deadline);
            if (failure != null) {
                return ReadyResult.failed(since(start), failure, p.tail());
            }
        }
        if (readiness.port() > 0) {
            String failure = poll(p, running, deadline, start, () -> connects("127.0.0.1", readiness.port()),
                    "port " + readiness.port() + " did not accept connections");
            if (failure != null) {
                return ReadyResult.failed(since(start), failure, p.tail());
            }
        }
        if (readiness.url() != null) {
            String failure = poll(p, running, deadline, start, () -> answers(readiness.url()),
                    readiness.url() + " did not answer with a 2xx or 3xx status");
            if (failure != null) {
                return ReadyResult.failed(since(start), failure, p.tail());
            }
        }
        if (!readiness.hasChecks() && !running.getAsBoolean()) {
            return ReadyResult.failed(since(start), exited(p), p.tail());
        }
        return ReadyResult.ready(since(start));
    }

    private static String awaitLog(LaunchedProcess p, Readiness readiness, long deadline) throws InterruptedException {
        var line = p.pump().readyLine();
        var ended = p.pump().done();
        try {
            java.util.concurrent.CompletableFuture.anyOf(line, ended)
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return "no output line matched /" + readiness.logPattern().pattern() + "/ within "
                    + readiness.timeout().toMillis() + " ms";
        } catch (ExecutionException e) {
            return "reading its output failed: " + e.getCause();
        }
        if (line.isDone()) {
            return null;
        }
        return exited(p) + " before printing a line that matches /" + readiness.logPattern().pattern() + "/";
    }

    interface Check {
        boolean passes() throws InterruptedException;
    }

    /**
     * Checks every 5 ms for this long, then backs off to 100 ms: most services are ready within
     * it, and the restart time printed should not carry a pause of the probe's own.
     */
    private static final long FAST_POLLING_NANOS = 1_000_000_000L;

    private static String poll(LaunchedProcess p, java.util.function.BooleanSupplier running, long deadline,
            long start, Check check, String what) throws InterruptedException {
        long pauseMs = 5;
        while (true) {
            if (check.passes()) {
                return null;
            }
            if (!p.isAlive() && !running.getAsBoolean()) {
                return exited(p) + " before it was ready";
            }
            if (System.nanoTime() >= deadline) {
                return what + " within " + Duration.ofNanos(deadline - start).toMillis() + " ms";
            }
            Thread.sleep(pauseMs);
            if (System.nanoTime() - start > FAST_POLLING_NANOS) {
                pauseMs = Math.min(100, pauseMs + pauseMs / 2 + 1);
            }
        }
    }

    private static String exited(LaunchedProcess p) throws InterruptedException {
        int code;
        try {
            code = p.onExit().get(1, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "the process stopped";
        }
        return "the process exited with code " + code;
    }

    static boolean connects(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean answers(URI url) {
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            c.setUseCaches(false);
            c.setInstanceFollowRedirects(false);
            int status = c.getResponseCode();
            try (InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return status >= 200 && status < 400;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
