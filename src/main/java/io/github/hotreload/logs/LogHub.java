package io.github.hotreload.logs;

import io.github.hotreload.console.EventText;
import io.github.hotreload.engine.ReloadEvent;
import io.github.hotreload.engine.ReloadListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A session's recent lines in memory, for followers ({@code logs -f}, the dashboard): keeps the
 * last {@code capacity} lines, and hands each subscriber the last lines it asked for and then every
 * new line through a bounded queue of its own. {@link #on} never waits for a subscriber: when a
 * subscriber's queue is full, the line is dropped for that subscriber and counted, so that a slow
 * reader cannot hold up a service's output. Thread-safe.
 */
public final class LogHub implements ReloadListener, AutoCloseable {

    /** Lines kept by default. */
    public static final int DEFAULT_CAPACITY = 5_000;

    private final EventText text;
    private final int capacity;
    private final ArrayDeque<LogLine> recent;
    private final Set<Subscription> subscriptions = new LinkedHashSet<>();
    private boolean closed;

    /**
     * @param text what the session's events say, for the lines of events
     * @param capacity how many of the last lines to keep for new subscribers
     */
    public LogHub(EventText text, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.text = text;
        this.capacity = capacity;
        this.recent = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** Keeps the event's lines and offers them to every subscriber; never waits. */
    @Override
    public void on(ReloadEvent event) {
        List<LogLine> lines = LogLine.of(event, text);
        if (lines.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            for (LogLine line : lines) {
                if (capacity > 0) {
                    if (recent.size() == capacity) {
                        recent.removeFirst();
                    }
                    recent.addLast(line);
                }
                for (Subscription s : subscriptions) {
                    s.offer(line);
                }
            }
        }
    }

    /**
     * Subscribes: in one step, the last lines the filter accepts and every accepted line after
     * them, with none missing between and none twice.
     *
     * @param tail how many of the kept lines to hand over first; 0 for none, negative for all kept
     * @param queueCapacity how many new lines may wait for the subscriber before they are dropped
     */
    public Subscription subscribe(LogFilter filter, int tail, int queueCapacity) {
        Objects.requireNonNull(filter, "filter");
        if (queueCapacity <= 0) {
            throw new IllegalArgumentException("queueCapacity " + queueCapacity);
        }
        synchronized (this) {
            List<LogLine> backlog = new ArrayList<>();
            if (tail != 0) {
                Iterator<LogLine> newestFirst = recent.descendingIterator();
                while (newestFirst.hasNext() && (tail < 0 || backlog.size() < tail)) {
                    LogLine line = newestFirst.next();
                    if (filter.accepts(line)) {
                        backlog.add(line);
                    }
                }
                Collections.reverse(backlog);
            }
            Subscription s = new Subscription(filter, List.copyOf(backlog), queueCapacity);
            if (closed) {
                s.end();
            } else {
                subscriptions.add(s);
            }
            return s;
        }
    }

    /** Ends every subscription: their polls hand out what is queued, then return null at once. */
    @Override
    public void close() {
        List<Subscription> ended;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ended = new ArrayList<>(subscriptions);
            subscriptions.clear();
        }
        for (Subscription s : ended) {
            s.end();
        }
    }

    public synchronized boolean closed() {
        return closed;
    }

    private synchronized void unsubscribe(Subscription s) {
        subscriptions.remove(s);
    }

    /** One follower's view: the lines it asked for, then the new ones as they come. */
    public final class Subscription implements AutoCloseable {

        private final LogFilter filter;
        private final List<LogLine> backlog;
        private final int queueCapacity;
        private final ArrayDeque<LogLine> queue = new ArrayDeque<>();
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notEmpty = lock.newCondition();
        private int dropped;
        private boolean ended;

        private Subscription(LogFilter filter, List<LogLine> backlog, int queueCapacity) {
            this.filter = filter;
            this.backlog = backlog;
            this.queueCapacity = queueCapacity;
        }

        /** The last kept lines the filter accepted when subscribing, oldest first. */
        public List<LogLine> backlog() {
            return backlog;
        }

        /**
         * The next new line, waiting at most {@code timeout}; null when none came, or at once when
         * this subscription or the hub is closed and nothing is queued.
         */
        public LogLine poll(Duration timeout) throws InterruptedException {
            long nanos = timeout.toNanos();
            lock.lockInterruptibly();
            try {
                while (queue.isEmpty()) {
                    if (ended || nanos <= 0) {
                        return null;
                    }
                    nanos = notEmpty.awaitNanos(nanos);
                }
                return queue.removeFirst();
            } finally {
                lock.unlock();
            }
        }

        /** How many lines were dropped since the last call because this subscriber's queue was full. */
        public int takeDropped() {
            lock.lock();
            try {
                int n = dropped;
                dropped = 0;
                return n;
            } finally {
                lock.unlock();
            }
        }

        /** Whether no more lines will come: this subscription or the hub was closed. */
        public boolean closed() {
            lock.lock();
            try {
                return ended;
            } finally {
                lock.unlock();
            }
        }

        /** Unsubscribes; a poll waiting returns. */
        @Override
        public void close() {
            unsubscribe(this);
            end();
        }

        /**
         * Queues a line the filter accepts, dropping (and counting) the oldest queued one when the
         * queue is full; never waits for the subscriber.
         */
        private void offer(LogLine line) {
            if (!filter.accepts(line)) {
                return;
            }
            lock.lock();
            try {
                if (ended) {
                    return;
                }
                if (queue.size() >= queueCapacity) {
                    // the oldest waiting line goes: a follower that catches up sees the latest, and
                    // the count it is told of comes before every line it still gets
                    if (dropped < Integer.MAX_VALUE) {
                        dropped++;
                    }
                    if (queueCapacity == 0) {
                        return;
                    }
                    queue.removeFirst();
                }
                queue.addLast(line);
                notEmpty.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void end() {
            lock.lock();
            try {
                ended = true;
                notEmpty.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
