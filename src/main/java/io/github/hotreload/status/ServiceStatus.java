package io.github.hotreload.status;

import java.time.Instant;
import java.util.List;

/**
 * One service at one moment.
 *
 * @param name the service
 * @param state where it is
 * @param paused whether its automatic reloads are paused (it keeps its state)
 * @param pid the process that serves, or -1 when none does
 * @param startedAt when that process started, or null
 * @param readiness what counts as ready, for people
 * @param restarts times its process was started again after an exit or on request
 * @param reloads successful reloads after a change or a rebuild request
 * @param heldChanges files changed while paused, built when it resumes
 * @param lastReload the last start, reload or restart, whether it succeeded or not; null before the first
 * @param nextStartAt when a service backing off starts again, or null
 */
public record ServiceStatus(
        String name,
        ServiceState state,
        boolean paused,
        long pid,
        Instant startedAt,
        String readiness,
        int restarts,
        int reloads,
        int heldChanges,
        LastReload lastReload,
        Instant nextStartAt) {

    /**
     * How the last reload went.
     *
     * @param at when it ended
     * @param kind {@code start}, {@code reload} or {@code restart}
     * @param ok whether the new process became ready
     * @param totalMillis from the first change (or the request) to ready; -1 when it failed
     * @param buildMillis the build's time; -1 when unknown
     * @param restartMillis from stopping the old process to the new one ready; -1 when it failed
     * @param reason why it failed, or null
     * @param changes changed files relative to the service directory
     */
    public record LastReload(Instant at, String kind, boolean ok, long totalMillis, long buildMillis,
            long restartMillis, String reason, List<String> changes) {
        public LastReload {
            changes = List.copyOf(changes);
        }
    }

    /** Whether it serves: a process runs and its last start or reload made it ready. */
    public boolean ready() {
        return state == ServiceState.READY;
    }
}
