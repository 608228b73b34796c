package io.github.hotreload.engine;

import io.github.hotreload.config.RestartPolicy;
import io.github.hotreload.process.BuildResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Something that happened in a session, as data: the engine emits these and formats no text for
 * people; the console and every other consumer turn them into what they show. {@link #service()}
 * is null for the session's own events.
 */
public sealed interface ReloadEvent {

    /** The service, or null for an event of the session itself. */
    String service();

    /** When it happened. */
    Instant time();

    /** Why a build starts. */
    enum Cause {
        /** The service's first build when the session starts. */
        START,
        /** Files changed. */
        CHANGE,
        /** Someone asked for it (a key, hotreload:rebuild). */
        REQUEST
    }

    /** Which process printed a line. */
    enum Stream {
        BUILD,
        RUN
    }

    /**
     * A reload begins: the build (or, without a build command, the restart) starts.
     *
     * @param changes the changed files relative to the service directory; empty for a start or a request
     * @param command the build command, or null when the service has none
     */
    record BuildStarted(String service, Instant time, Cause cause, List<Path> changes, String command)
            implements ReloadEvent {
        public BuildStarted {
            changes = List.copyOf(changes);
        }
    }

    /**
     * A running build was stopped because more changes arrived ({@code by}, relative to the
     * service directory); a new build with all of them starts after the quiet period. Not a
     * failure: the old process keeps serving.
     */
    record BuildCancelled(String service, Instant time, List<Path> by) implements ReloadEvent {
        public BuildCancelled {
            by = List.copyOf(by);
        }
    }

    /**
     * A service without a build: more changes ({@code by}, relative to the service directory)
     * arrived after its old process was stopped and before the quiet period was over; the new
     * process starts, with all of them, once changes have been quiet for the whole period.
     */
    record StartPostponed(String service, Instant time, List<Path> by) implements ReloadEvent {
        public StartPostponed {
            by = List.copyOf(by);
        }
    }

    /** The clean step before a requested clean rebuild starts. */
    record CleanStarted(String service, Instant time, String command) implements ReloadEvent {}

    record BuildFinished(String service, Instant time, BuildResult result) implements ReloadEvent {}

    /** Files had events, but each one's content is as it was at the last build: nothing to do. */
    record ChangesIgnored(String service, Instant time, Set<Path> paths) implements ReloadEvent {
        public ChangesIgnored {
            paths = Set.copyOf(paths);
        }
    }

    record ProcessStarted(String service, Instant time, long pid) implements ReloadEvent {}

    /** A new process is ready: a first start, a reload or a restart after an exit. */
    record Reloaded(String service, Instant time, ReloadReport report) implements ReloadEvent {}

    /**
     * A reload stopped at {@code step}.
     *
     * @param previousRunning whether the previous process still serves
     */
    record ReloadFailed(String service, Instant time, ReloadStep step, String reason, List<String> tail,
            boolean previousRunning) implements ReloadEvent {
        public ReloadFailed {
            tail = List.copyOf(tail);
        }
    }

    /** The service's process exited by itself. */
    record ProcessExited(String service, Instant time, long pid, int exitCode, Duration uptime, List<String> tail)
            implements ReloadEvent {
        public ProcessExited {
            tail = List.copyOf(tail);
        }
    }

    /** After an exit, the service starts again in {@code delay}: the {@code inARow}-th exit in a row. */
    record RestartScheduled(String service, Instant time, Duration delay, int inARow, Duration maxDelay)
            implements ReloadEvent {}

    /** After an exit, the policy says not to start it again until the next change. */
    record RestartSkipped(String service, Instant time, RestartPolicy policy) implements ReloadEvent {}

    /** The run command exited and left processes running: they are the service now. */
    record Daemonized(String service, Instant time, long pid, int exitCode) implements ReloadEvent {}

    /** A line a build or the service printed. */
    record Output(String service, Instant time, Stream stream, String line) implements ReloadEvent {}

    /** Something the user should hear of; the session goes on. */
    record Warning(String service, Instant time, String message) implements ReloadEvent {}

    /** Something failed that the user cannot have caused (a bug, a stop that did not complete). */
    record Error(String service, Instant time, String message) implements ReloadEvent {}

    /** Someone asked for a rebuild of these services ({@code by}: who, for people), after a clean when {@code clean}. */
    record RebuildRequested(String service, Instant time, List<String> services, boolean clean, String by)
            implements ReloadEvent {
        public RebuildRequested {
            services = List.copyOf(services);
        }
    }

    /**
     * Someone asked to restart these services without a build ({@code by}: who, for people).
     */
    record RestartRequested(String service, Instant time, List<String> services, String by) implements ReloadEvent {
        public RestartRequested {
            services = List.copyOf(services);
        }
    }

    /**
     * The service's automatic reloads are paused ({@code by}: who asked): changes are held, its
     * process keeps running (and is restarted after an exit as its policy says); a requested
     * rebuild or restart is still done.
     */
    record Paused(String service, Instant time, String by) implements ReloadEvent {}

    /** The service's automatic reloads resumed; the {@code held} changed files are built now. */
    record Resumed(String service, Instant time, String by, int held) implements ReloadEvent {}

    /** While paused, files changed: {@code held} files in all wait for the resume. */
    record ChangesHeld(String service, Instant time, int held) implements ReloadEvent {}

    /** Built, the service waits for the services it depends on to be ready before it starts. */
    record WaitingForDependencies(String service, Instant time, List<String> on) implements ReloadEvent {
        public WaitingForDependencies {
            on = List.copyOf(on);
        }
    }

    /** The session stops: {@code bySignal} when Ctrl-C or SIGTERM asked for it. */
    record Stopping(String service, Instant time, boolean bySignal) implements ReloadEvent {}

    /**
     * The session stopped: every process it started is gone, but for {@code survivors} (pids of
     * processes that survived even SIGKILL, normally none).
     */
    record Stopped(String service, Instant time, int reloads, List<Long> survivors) implements ReloadEvent {
        public Stopped {
            survivors = List.copyOf(survivors);
        }
    }

    /** Processes that an earlier, killed session left running were stopped. */
    record LeftoversStopped(String service, Instant time, int processes, int containers, long earlierPid)
            implements ReloadEvent {}
}
