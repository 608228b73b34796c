package io.github.hotreload.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a service's loop waits for, and the promise that nothing put in after the loop ended is
 * lost: once {@link #close} has drained it, {@link #offer} refuses, so that the sender answers
 * the request itself rather than waiting for a loop that is gone.
 */
final class Mailbox<T> {

    private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private boolean closed;

    /** Puts {@code item} in; false when the mailbox is closed and nobody will take it. */
    synchronized boolean offer(T item) {
        if (closed) {
            return false;
        }
        queue.add(item);
        return true;
    }

    T take() throws InterruptedException {
        return queue.take();
    }

    /** The next item within {@code nanos}, or null. */
    T poll(long nanos) throws InterruptedException {
        return nanos <= 0 ? queue.poll() : queue.poll(nanos, TimeUnit.NANOSECONDS);
    }

    /** Moves every waiting item to {@code into}. */
    void drainTo(List<T> into) {
        queue.drainTo(into);
    }

    /** Refuses every later offer and returns what was still waiting. */
    synchronized List<T> close() {
        closed = true;
        List<T> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
