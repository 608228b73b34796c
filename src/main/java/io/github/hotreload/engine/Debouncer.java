package io.github.hotreload.engine;

import java.time.Duration;

/**
 * The debounce rule: a batch of changes is due a quiet period after its latest change, but no
 * later than a cap after its first, so that a stream of changes cannot postpone a build forever.
 * Times are {@link Clock} nanoseconds; the rule itself never waits.
 */
final class Debouncer {

    private final long quietNanos;
    private final long capNanos;
    private boolean pending;
    private long first;
    private long last;

    Debouncer(Duration quiet, Duration cap) {
        this.quietNanos = quiet.toNanos();
        this.capNanos = cap.toNanos();
    }

    /** A change (or request) seen at {@code nanos}; events may arrive out of order. */
    void add(long nanos) {
        if (!pending) {
            pending = true;
            first = nanos;
            last = nanos;
        } else {
            first = nanos - first < 0 ? nanos : first;
            last = nanos - last > 0 ? nanos : last;
        }
    }

    /** Whether a batch is open. */
    boolean pending() {
        return pending;
    }

    /** When the open batch is due. */
    long dueAt() {
        if (!pending) {
            throw new IllegalStateException("no change is pending");
        }
        long quietEnd = last + quietNanos;
        long capEnd = first + capNanos;
        return quietEnd - capEnd < 0 ? quietEnd : capEnd; // compared as nanoTime values are: by difference
    }

    boolean isDue(long now) {
        return pending && now - dueAt() >= 0;
    }

    /** When the open batch's latest change was seen. */
    long last() {
        return last;
    }

    /** When the open batch's first change was seen. */
    long first() {
        return first;
    }

    /** Closes the batch: the next change opens a new one. */
    void reset() {
        pending = false;
    }
}
