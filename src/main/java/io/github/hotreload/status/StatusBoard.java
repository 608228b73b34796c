package io.github.hotreload.status;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.engine.ReloadEvent;
import io.github.hotreload.engine.ReloadListener;
import io.github.hotreload.engine.ReloadReport;
import io.github.hotreload.engine.ReloadStep;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each service of a session is doing, folded from the session's events: the source of
 * {@code hotreload:status}, the dashboard's table and the watch's {@code s} key. Cheap on the
 * engine's threads: each event updates one small record under a lock.
 */
public final class StatusBoard implements ReloadListener {

    private final long pid;
    private final Instant startedAt;
    private final Map<String, ServiceStatus> services = new LinkedHashMap<>();
    private long version;

    /**
     * @param specs the session's services
     * @param pid the watch's JVM
     * @param startedAt when the watch started
     */
    public StatusBoard(List<ServiceSpec> specs, long pid, Instant startedAt) {
        this.pid = pid;
        this.startedAt = startedAt;
        for (ServiceSpec spec : specs) {
            services.put(spec.name(), new ServiceStatus(spec.name(), ServiceState.STARTING, false, -1, null,
                    spec.readiness().describe(), 0, 0, 0, null, null));
        }
    }

    /** The session as it is now. */
    public synchronized WatchStatus snapshot() {
        return new WatchStatus(pid, startedAt, Instant.now(), new ArrayList<>(services.values()));
    }

    /** Counts the changes of state so far: a reader that saw another value has news. */
    public synchronized long version() {
        return version;
    }

    @Override
    public void on(ReloadEvent event) {
        if (event instanceof ReloadEvent.Output || event instanceof ReloadEvent.Warning) {
            return; // the hot path: a service's output changes nothing here
        }
        synchronized (this) {
            if (event instanceof ReloadEvent.Stopped) {
                services.replaceAll((name, s) -> with(s, ServiceState.STOPPED, -1, null));
                version++;
                return;
            }
            ServiceStatus s = event.service() == null ? null : services.get(event.service());
            if (s == null) {
                return;
            }
            ServiceStatus next = next(s, event);
            if (next != s) {
                services.put(s.name(), next);
                version++;
            }
        }
    }

    private static ServiceStatus next(ServiceStatus s, ReloadEvent event) {
        if (event instanceof ReloadEvent.BuildStarted b) {
            return with(s, b.command() == null ? ServiceState.STARTING : ServiceState.BUILDING, s.pid(), s.startedAt());
        } else if (event instanceof ReloadEvent.CleanStarted || event instanceof ReloadEvent.BuildCancelled) {
            return with(s, ServiceState.BUILDING, s.pid(), s.startedAt());
        } else if (event instanceof ReloadEvent.WaitingForDependencies) {
            return with(s, ServiceState.WAITING, s.pid(), s.startedAt());
        } else if (event instanceof ReloadEvent.ProcessStarted p) {
            return with(s, ServiceState.STARTING, p.pid(), p.time());
        } else if (event instanceof ReloadEvent.Reloaded r) {
            ReloadReport report = r.report();
            Instant started = report.pid() == s.pid() && s.startedAt() != null ? s.startedAt() : r.time();
            ServiceStatus.LastReload last = new ServiceStatus.LastReload(r.time(), report.kind().name().toLowerCase(Locale.ROOT),
                    true, report.total().toMillis(), report.build().toMillis(), report.restart().toMillis(), null,
                    report.changes().stream().map(Path::toString).toList());
            return new ServiceStatus(s.name(), ServiceState.READY, s.paused(), report.pid(), started, s.readiness(),
                    s.restarts() + (report.kind() == ReloadReport.Kind.RESTART ? 1 : 0),
                    s.reloads() + (report.kind() == ReloadReport.Kind.RELOAD ? 1 : 0), s.heldChanges(), last, null);
        } else if (event instanceof ReloadEvent.ReloadFailed f) {
            ServiceState state = f.step() == ReloadStep.BUILD ? ServiceState.BUILD_FAILED : ServiceState.START_FAILED;
            String kind = s.lastReload() == null && s.reloads() == 0 ? "start" : "reload";
            ServiceStatus.LastReload last = new ServiceStatus.LastReload(f.time(), kind, false, -1, -1, -1, f.reason(),
                    List.of());
            long pid = f.previousRunning() ? s.pid() : -1;
            return new ServiceStatus(s.name(), state, s.paused(), pid, pid < 0 ? null : s.startedAt(), s.readiness(),
                    s.restarts(), s.reloads(), s.heldChanges(), last, null);
        } else if (event instanceof ReloadEvent.ProcessExited e) {
            if (e.pid() != s.pid() && s.pid() >= 0) {
                return s; // an old process, not the one that serves
            }
            return with(s, e.exitCode() == 0 ? ServiceState.EXITED : ServiceState.CRASHED, -1, null);
        } else if (event instanceof ReloadEvent.RestartScheduled r) {
            return new ServiceStatus(s.name(), ServiceState.BACKING_OFF, s.paused(), -1, null, s.readiness(),
                    s.restarts(), s.reloads(), s.heldChanges(), s.lastReload(), r.time().plus(r.delay()));
        } else if (event instanceof ReloadEvent.Paused) {
            return copy(s, true, 0);
        } else if (event instanceof ReloadEvent.Resumed) {
            return copy(s, false, 0);
        } else if (event instanceof ReloadEvent.ChangesHeld h) {
            return copy(s, s.paused(), h.held());
        }
        return s;
    }

    private static ServiceStatus with(ServiceStatus s, ServiceState state, long pid, Instant startedAt) {
        if (s.state() == state && s.pid() == pid && s.nextStartAt() == null) {
            return s;
        }
        return new ServiceStatus(s.name(), state, s.paused(), pid, pid < 0 ? null : startedAt, s.readiness(),
                s.restarts(), s.reloads(), s.heldChanges(), s.lastReload(), null);
    }

    private static ServiceStatus copy(ServiceStatus s, boolean paused, int held) {
        return new ServiceStatus(s.name(), s.state(), paused, s.pid(), s.startedAt(), s.readiness(), s.restarts(),
                s.reloads(), held, s.lastReload(), s.nextStartAt());
    }
}
