package io.github.hotreload.testing;

import io.github.hotreload.engine.ReloadListener;
import io.github.hotreload.engine.ReloadReport;
import io.github.hotreload.process.BuildResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event of a session, for tests to wait on and assert. */
public final class RecordingListener implements ReloadListener {

    public record Failure(String service, Step step, String reason, List<String> tail) {}

    public record Exit(String service, long pid, int code) {}

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
    public void buildStarted(String service, Set<Path> changes) {
        builds.add(changes);
    }

    @Override
    public void buildFinished(String service, BuildResult result) {
        buildResults.add(result);
    }

    @Override
    public void changesIgnored(String service, Set<Path> paths) {
        ignored.add(paths);
    }

    @Override
    public void processStarted(String service, long pid) {
        startedNanos.add(System.nanoTime());
        started.add(pid);
    }

    @Override
    public void reloaded(ReloadReport report) {
        reloads.add(report);
    }

    @Override
    public void reloadFailed(String service, Step step, String reason, List<String> tail) {
        failures.add(new Failure(service, step, reason, tail));
    }

    @Override
    public void processExited(String service, long pid, int exitCode) {
        exits.add(new Exit(service, pid, exitCode));
    }

    public ReloadReport lastReload() {
        return reloads.get(reloads.size() - 1);
    }
}
