package io.github.hotreload.engine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Limits and settings of a session, so that a goal that would watch forever can run in a test or
 * a script.
 *
 * @param maxReloads end the session after this many successful reloads (not counting first
 *     starts); 0 for no limit
 * @param maxDuration end the session after this long; null for no limit
 * @param stateDirectory where the session records what it started, so that the next session can
 *     stop what it left if it is killed; null for no record
 * @param color whether the output is shown in colour, so that builds and services may be asked
 *     to keep theirs
 * @param watch whether the services' files are watched; without, they are built and started once
 *     and rebuilt only when asked ({@code hotreload:run})
 */
public record SessionOptions(int maxReloads, Duration maxDuration, Path stateDirectory, boolean color, boolean watch) {

    public SessionOptions(int maxReloads, Duration maxDuration, Path stateDirectory, boolean color) {
        this(maxReloads, maxDuration, stateDirectory, color, true);
    }

    /** These options without watching the files. */
    public SessionOptions unwatched() {
        return new SessionOptions(maxReloads, maxDuration, stateDirectory, color, false);
    }

    public static SessionOptions unbounded() {
        return new SessionOptions(0, null, null, false);
    }
}
