package io.github.hotreload.verify;

import io.github.hotreload.engine.ReloadEvent;
import io.github.hotreload.engine.ReloadListener;
import io.github.hotreload.engine.ReloadStep;
import io.github.hotreload.engine.ReloadReport;
import io.github.hotreload.process.BuildResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Every event of a session with the time it happened, for a verification to wait on. */
final class EventLog implements ReloadListener {

    sealed interface Event permits BuildStarted, BuildFinished, Started, Reloaded, Failed {
        String service();

        long nanos();
    }

    record BuildStarted(String service, long nanos) implements Event {}

    record BuildFinished(String service, long nanos, BuildResult result) implements Event {}

    record Started(String service, long nanos, long pid) implements Event {}

    record Reloaded(String service, long nanos, ReloadReport report) implements Event {}

    record Failed(String service, long nanos, ReloadStep step, String reason, List<String> tail) implements Event {}

    private final List<Event> events = new ArrayList<>();

    private synchronized void add(Event e) {
        events.add(e);
        notifyAll();
    }

    /** A position in the log: {@link #await} looks at events after it. */
    synchronized int mark() {
        return events.size();
    }

    /** The first event of the service at or after {@code from} of one of the kinds, or null at the deadline. */
    @SafeVarargs
    final synchronized Event await(String service, int from, long deadlineNanos, Class<? extends Event>... kinds)
            throws InterruptedException {
        int next = from;
        while (true) {
            for (; next < events.size(); next++) {
                Event e = events.get(next);
                if (e.service().equals(service)) {
                    for (Class<? extends Event> kind : kinds) {
                        if (kind.isInstance(e)) {
                            return e;
                        }
                    }
                }
            }
            long wait = deadlineNanos - System.nanoTime();
            if (wait <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, wait);
        }
    }

    /** The events of the service from {@code from} on. */
    synchronized List<Event> since(String service, int from) {
        List<Event> result = new ArrayList<>();
        for (int i = from; i < events.size(); i++) {
            if (events.get(i).service().equals(service)) {
                result.add(events.get(i));
            }
        }
        return result;
    }

    @Override
    public void on(ReloadEvent event) {
        long now = System.nanoTime();
        if (event instanceof ReloadEvent.BuildStarted b) {
            add(new BuildStarted(b.service(), now));
        } else if (event instanceof ReloadEvent.BuildFinished b) {
            add(new BuildFinished(b.service(), now, b.result()));
        } else if (event instanceof ReloadEvent.ProcessStarted p) {
            add(new Started(p.service(), now, p.pid()));
        } else if (event instanceof ReloadEvent.Reloaded r) {
            add(new Reloaded(r.service(), now, r.report()));
        } else if (event instanceof ReloadEvent.ReloadFailed f) {
            add(new Failed(f.service(), now, f.step(), f.reason(), f.tail()));
        }
    }
}
