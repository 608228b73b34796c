package io.github.hotreload.verify;

import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.config.DurationParser;
import io.github.hotreload.config.Probe;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.verify.EventLog.BuildFinished;
import io.github.hotreload.verify.EventLog.BuildStarted;
import io.github.hotreload.verify.EventLog.Event;
import io.github.hotreload.verify.EventLog.Failed;
import io.github.hotreload.verify.EventLog.Reloaded;
import io.github.hotreload.verify.EventLog.Started;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Proves that hot reload works: starts the services, then for each one changes a watched file
 * (its probe), checks that the service was rebuilt, that a new process replaced the old one and
 * became ready within the timeout, and optionally that the new version answers; restores the
 * file and waits for the reload that causes. The files end as they were whatever happens (see
 * {@link ProbeFiles}).
 */
public final class ReloadVerifier {

    private final ReloadSession session;
    private final List<ServiceSpec> specs;
    private final ProbeFiles probes;
    private final Duration timeout;
    private final Consumer<String> progress;
    private final EventLog log = new EventLog();

    /**
     * @param session a session of exactly these services, not started
     * @param timeout how long each step may take: starting all services, and each reload
     * @param progress told of each step, for people
     */
    public ReloadVerifier(
            ReloadSession session, List<ServiceSpec> specs, ProbeFiles probes, Duration timeout, Consumer<String> progress) {
        this.session = session;
        this.specs = List.copyOf(specs);
        this.probes = probes;
        this.timeout = timeout;
        this.progress = progress;
        session.addListener(log);
    }

    /** Runs the verification; the session is closed and every probed file restored when it returns. */
    public List<ServiceVerification> run() throws IOException, InterruptedException {
        List<ServiceVerification> results = new ArrayList<>();
        try (probes) {
            try {
                session.start();
                long startDeadline = System.nanoTime() + timeout.toNanos();
                List<ServiceSpec> started = new ArrayList<>();
                for (ServiceSpec spec : specs) {
                    Event e = log.await(spec.name(), 0, startDeadline, Reloaded.class, Failed.class);
                    if (e instanceof Reloaded) {
                        started.add(spec);
                    } else if (e instanceof Failed f) {
                        results.add(failed(spec, "service did not start", f.reason(), f.tail()));
                    } else {
                        results.add(failed(spec, "service did not start",
                                "it was not ready " + DurationParser.format(timeout) + " after the verification began",
                                List.of()));
                    }
                }
                // until the files are fingerprinted, restoring one would not count as going back
                session.awaitIndexed(timeout);
                for (ServiceSpec spec : started) {
                    results.add(verify(spec));
                }
            } finally {
                session.close();
            }
        }
        List<ServiceVerification> ordered = new ArrayList<>();
        for (ServiceSpec spec : specs) {
            results.stream().filter(r -> r.service().equals(spec.name())).findFirst().ifPresent(ordered::add);
        }
        return ordered;
    }

    private ServiceVerification verify(ServiceSpec spec) throws IOException, InterruptedException {
        Probe probe = spec.probe();
        String name = spec.name();
        String token = token();
        long oldPid = session.currentPid(name);
        byte[] before = Files.readAllBytes(probe.file());
        progress.accept(name + ": the probe " + probe.describe(spec.directory()) + " (token " + token + ")");
        int mark = log.mark();
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        probes.write(probe.file(), probe.apply(before, token));
        ServiceVerification result;
        try {
            result = observe(spec, probe, token, oldPid, mark, t0, deadline);
        } catch (InterruptedException | RuntimeException e) {
            probes.restore(probe.file()); // at once: no waiting for a reload when asked to stop
            throw e;
        }
        restore(spec, probe);
        return result;
    }

    private ServiceVerification observe(ServiceSpec spec, Probe probe, String token, long oldPid, int mark, long t0,
            long deadline) throws InterruptedException {
        String name = spec.name();
        String within = " within " + DurationParser.format(timeout);
        Event detected = log.await(name, mark, deadline, BuildStarted.class);
        if (detected == null) {
            return failed(spec, "change not detected", "no rebuild started" + within + " after the probe "
                    + probe.describe(spec.directory()) + "; check that the file is watched and events reach it", List.of());
        }
        Event end = log.await(name, mark, deadline, Reloaded.class, Failed.class);
        if (end instanceof Failed f) {
            String step = switch (f.step()) {
                case BUILD -> "build failed";
                case STOP -> "old process did not exit";
                case START -> "new process did not start";
                case READY -> "not ready";
            };
            return failed(spec, step, f.reason(), f.tail());
        }
        if (end == null) {
            boolean built = log.since(name, mark).stream().anyMatch(e -> e instanceof BuildFinished);
            boolean started = log.since(name, mark).stream().anyMatch(e -> e instanceof Started);
            if (spec.hasBuild() && !built) {
                return failed(spec, "build did not finish", "the build was still running" + within, List.of());
            }
            if (!started) {
                return failed(spec, "old process did not exit", "no new process started" + within, List.of());
            }
            return failed(spec, "not ready", "the new process was not ready" + within, List.of());
        }
        Reloaded reloaded = (Reloaded) end;
        Started started = (Started) log.since(name, mark).stream().filter(e -> e instanceof Started).reduce((a, b) -> b)
                .orElseThrow();
        if (oldPid > 0 && ProcessHandle.of(oldPid).map(ProcessHandle::isAlive).orElse(false)) {
            return failed(spec, "old process did not exit", "pid " + oldPid + " is still running", List.of());
        }
        if (reloaded.report().pid() == oldPid) {
            return failed(spec, "old process was not replaced", "the service still runs pid " + oldPid, List.of());
        }
        String expected = probe.expectedText(token);
        if (expected != null) {
            String body = get(probe.expectUrl());
            if (body == null || !body.contains(expected)) {
                return failed(spec, "response did not contain the expected text",
                        probe.expectUrl() + " answered " + (body == null ? "nothing" : "'" + abbreviate(body) + "'")
                                + ", without '" + expected + "'", List.of());
            }
        }
        ServiceVerification ok = new ServiceVerification(name, null, null, List.of(),
                Duration.ofNanos(detected.nanos() - t0), reloaded.report().build(), reloaded.report().restart(),
                Duration.ofNanos(reloaded.nanos() - started.nanos()), Duration.ofNanos(reloaded.nanos() - t0));
        progress.accept(name + ": reloaded in " + DurationParser.format(ok.total()));
        return ok;
    }

    /** Restores the probe file and waits for the reload that causes (bounded by the timeout). */
    private void restore(ServiceSpec spec, Probe probe) throws IOException, InterruptedException {
        int mark = log.mark();
        if (!probes.restore(probe.file())) {
            return;
        }
        progress.accept(spec.name() + ": restored " + spec.directory().relativize(probe.file()) + ", waiting for its reload");
        Event e = log.await(spec.name(), mark, System.nanoTime() + timeout.toNanos(), Reloaded.class, Failed.class);
        if (!(e instanceof Reloaded)) {
            progress.accept(spec.name() + ": the reload after restoring did not complete"
                    + (e instanceof Failed f ? ": " + f.reason() : ""));
        }
    }

    private ServiceVerification failed(ServiceSpec spec, String step, String message, List<String> tail) {
        progress.accept(spec.name() + ": FAILED, " + step + ": " + message);
        return new ServiceVerification(spec.name(), step, message, tail, null, null, null, null, null);
    }

    private static String token() {
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        return "hr" + HexFormat.of().formatHex(b);
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }

    private static String get(URI url) {
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            int status = c.getResponseCode();
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }
}
