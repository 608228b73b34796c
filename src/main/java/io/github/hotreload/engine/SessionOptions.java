package io.github.hotreload.engine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Limits on a session, so that a goal that would watch forever can run in a test or a script.
 *
 * @param maxReloads end the session after this many successful reloads (not counting first
 *     starts); 0 for no limit
 * @param maxDuration end the session after this long; null for no limit
 * @param stateDirectory where the session records what it started, so that the next session can
 *     stop what it left if it is killed; null for no record
 */
public record SessionOptions(int maxReloads, Duration maxDuration, Path stateDirectory) {

    public static SessionOptions unbounded() {
        return new SessionOptions(0, null, null);
    }
}
