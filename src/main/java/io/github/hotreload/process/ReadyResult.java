package io.github.hotreload.process;

import java.time.Duration;
import java.util.List;

/**
 * How waiting for a started service to become ready ended.
 *
 * @param ready whether every readiness check passed
 * @param elapsed time from the start of the wait
 * @param reason when not ready: why, as a sentence
 * @param tail when not ready: the last lines the service printed
 */
public record ReadyResult(boolean ready, Duration elapsed, String reason, List<String> tail) {

    public ReadyResult {
        tail = List.copyOf(tail);
    }

    static ReadyResult ready(Duration elapsed) {
        return new ReadyResult(true, elapsed, null, List.of());
    }

    static ReadyResult failed(Duration elapsed, String reason, List<String> tail) {
        return new ReadyResult(false, elapsed, reason, tail);
    }
}
