package io.github.hotreload.engine;

import java.time.Duration;

/**
 * The crash-loop rule: after a service exits by itself, wait before starting it again, 0.5 s
 * after the first exit in a row and twice as long after each further one, at most 30 s. A process
 * that stayed up {@link #STABLE} was not crash-looping, so the waits start small again, as they
 * do after a change (which may be the fix).
 */
final class CrashBackoff {

    /** A process that stays up this long is not crash-looping. */
    static final Duration STABLE = Duration.ofSeconds(10);
    static final Duration FIRST = Duration.ofMillis(500);
    static final Duration MAX = Duration.ofSeconds(30);

    private int inARow;

    /** Records an exit after {@code uptime} and returns how long to wait before the next start. */
    Duration exited(Duration uptime) {
        inARow = uptime.compareTo(STABLE) >= 0 ? 1 : inARow + 1;
        return delay(inARow);
    }

    /** Exits in a row so far. */
    int inARow() {
        return inARow;
    }

    /** A change, or a process that was replaced on purpose: the next exit is the first again. */
    void reset() {
        inARow = 0;
    }

    /** The wait after the {@code n}-th exit in a row. */
    static Duration delay(int n) {
        long millis = FIRST.toMillis() << Math.min(16, Math.max(0, n - 1));
        return Duration.ofMillis(Math.min(millis, MAX.toMillis()));
    }
}
