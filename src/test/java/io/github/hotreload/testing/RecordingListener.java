package io.github.hotreload.testing;

import io.github.hotreload.engine.ReloadEvent;
import io.github.hotreload.engine.ReloadListener;
import io.github.hotreload.engine.ReloadReport;
import io.github.hotreload.engine.ReloadStep;
import io.github.hotreload.process.BuildResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event of a session, for tests to wait on and assert. */
public final class RecordingListener implements ReloadListener {

    public record Failure(String service, ReloadStep step, String reason, List<String> tail) {}

    public record Exit(String service, long pid, int code) {}

    public final List<ReloadEvent> all = new CopyOnWriteArrayList<>();
    public final List<Set<Path>> builds = new CopyOnWriteArrayList<>();
    public final List<BuildResult> buildResults = new CopyOnWriteArrayList<>();
    public final List<Set<Path>> ignored = new CopyOnWriteArrayList<>();
    public final List<ReloadReport> reloads = new CopyOnWriteArrayList<>();
    public final List<Failure> failures = new CopyOnWriteArrayList<>();
    public final List<Exit> exits = new CopyOnWriteArrayList<>();
    public final List<Long> started = new CopyOnWriteArrayList<>();
    /** When each process started, in {@link System#nanoTime()}. */
    public final List<Long> startedNanos = new CopyOnWriteArrayList<>();

    @Override
    public void on(ReloadEvent event) {
        all.add(event);
        if (event instanceof ReloadEvent.BuildStarted b) {
            builds.add(Set.copyOf(b.changes()));
        } else if (event instanceof ReloadEvent.BuildFinished b) {
            buildResults.add(b.result());
        } else if (event instanceof ReloadEvent.ChangesIgnored c) {
            ignored.add(c.paths());
        } else if (event instanceof ReloadEvent.ProcessStarted p) {
            startedNanos.add(System.nanoTime());
            started.add(p.pid());
        } else if (event instanceof ReloadEvent.Reloaded r) {
            reloads.add(r.report());
        } else if (event instanceof ReloadEvent.ReloadFailed f) {
            failures.add(new Failure(f.service(), f.step(), f.reason(), f.tail()));
        } else if (event instanceof ReloadEvent.ProcessExited e) {
            exits.add(new Exit(e.service(), e.pid(), e.exitCode()));
        }
    }

    public ReloadReport lastReload() {
        return reloads.get(reloads.size() - 1);
    }

    /** The events of one kind, in order. */
    public <T extends ReloadEvent> List<T> of(Class<T> kind) {
        return all.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
