package io.github.hotreload.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.hotreload.console.EventText;
import io.github.hotreload.engine.ReloadEvent;
import io.github.hotreload.logs.LogHub.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogHubTest {

    private final LogHub hub = new LogHub(new EventText(List.of()), 100);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        hub.close();
        threads.shutdownNow();
    }

    private static ReloadEvent.Output out(String service, String line) {
        return new ReloadEvent.Output(service, Instant.now(), ReloadEvent.Stream.RUN, line);
    }

    private static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(LogLine::text).toList();
    }

    @Test
    void theBacklogIsTheLastAcceptedLinesOfThoseKept() {
        for (int i = 0; i < 150; i++) {
            hub.on(out(i % 2 == 0 ? "api" : "web", "line " + i));
        }
        hub.on(new ReloadEvent.Warning(null, Instant.now(), "a warning of the session"));
        assertThat(texts(hub.subscribe(LogFilter.ALL, 3, 10).backlog()))
                .containsExactly("line 148", "line 149", "a warning of the session");
        assertThat(texts(hub.subscribe(LogFilter.of(List.of("web"), List.of(), Pattern.compile("line 1[34]")), 3, 10)
                .backlog())).containsExactly("line 145", "line 147", "line 149");
        assertThat(hub.subscribe(LogFilter.ALL, 0, 10).backlog()).isEmpty();
        List<LogLine> all = hub.subscribe(LogFilter.ALL, -1, 10).backlog();
        assertThat(all).hasSize(100);
        assertThat(all.get(0).text()).as("the oldest kept").isEqualTo("line 51");
    }

    @Test
    void aSubscriberGetsTheNewLinesItsFilterAccepts() throws InterruptedException {
        Subscription api = hub.subscribe(LogFilter.of(List.of("api"), List.of(), null), 10, 10);
        hub.on(out("web", "not for api"));
        hub.on(out("api", "for api"));
        assertThat(api.poll(Duration.ofSeconds(5)).text()).isEqualTo("for api");
        assertThat(api.poll(Duration.ofMillis(50))).as("nothing more").isNull();
        assertThat(api.closed()).isFalse();
    }

    @Test
    void aStuckSubscriberDoesNotHoldUpOnAndLearnsHowManyLinesItLost() throws Exception {
        Subscription stuck = hub.subscribe(LogFilter.ALL, 0, 10);
        Subscription healthy = hub.subscribe(LogFilter.ALL, 0, 20_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 10_000; i++) {
                hub.on(out("api", "line " + i));
            }
        }, "on() waited for a subscriber");
        assertThat(stuck.takeDropped()).isEqualTo(9_990);
        assertThat(stuck.takeDropped()).as("since the last call").isZero();
        List<String> kept = new ArrayList<>();
        for (LogLine l; (l = stuck.poll(Duration.ZERO)) != null; ) {
            kept.add(l.text());
        }
        assertThat(kept).as("the oldest went, the newest wait").hasSize(10).startsWith("line 9990").endsWith("line 9999");
        assertThat(healthy.takeDropped()).isZero();
        hub.on(out("api", "after"));
        assertThat(stuck.poll(Duration.ofSeconds(5)).text()).as("room again").isEqualTo("after");
    }

    @Test
    void theBacklogAndTheLiveLinesMeetWithoutGapOrRepeatWhileLinesArrive() throws Exception {
        LogHub big = new LogHub(new EventText(List.of()), 100_000);
        int producers = 4;
        int each = 5_000;
        CountDownLatch underWay = new CountDownLatch(producers);
        CountDownLatch subscribed = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            String service = "s" + p;
            running.add(threads.submit(() -> {
                for (int i = 0; i < each; i++) {
                    big.on(out(service, Integer.toString(i)));
                    if (i == each / 5) {
                        underWay.countDown(); // the subscriber comes while lines arrive
                    } else if (i == each * 4 / 5) {
                        subscribed.await(); // and some lines surely come after it
                    }
                }
                return null;
            }));
        }
        underWay.await();
        Subscription s = big.subscribe(LogFilter.ALL, -1, producers * each);
        subscribed.countDown();
        for (Future<?> f : running) {
            f.get();
        }
        List<LogLine> live = new ArrayList<>();
        for (LogLine l; (l = s.poll(Duration.ZERO)) != null; ) {
            live.add(l);
        }
        assertThat(s.backlog()).as("lines before subscribing").isNotEmpty();
        assertThat(live).as("lines after subscribing").isNotEmpty();
        assertThat(s.takeDropped()).isZero();
        List<LogLine> seen = new ArrayList<>(s.backlog());
        seen.addAll(live);
        assertThat(seen).hasSize(producers * each);
        Map<String, Integer> next = new HashMap<>();
        for (LogLine l : seen) {
            int expected = next.getOrDefault(l.service(), 0);
            assertThat(Integer.parseInt(l.text())).as("%s after %s", l.service(), expected - 1).isEqualTo(expected);
            next.put(l.service(), expected + 1);
        }
        assertThat(big.subscribe(LogFilter.ALL, -1, 1).backlog()).as("the hub's own order").isEqualTo(seen);
        big.close();
    }

    @Test
    void closingTheHubEndsAWaitingPollAtOnceAfterWhatIsQueued() throws Exception {
        Subscription s = hub.subscribe(LogFilter.ALL, 0, 10);
        hub.on(out("api", "queued"));
        assertThat(s.poll(Duration.ofSeconds(5)).text()).isEqualTo("queued");
        AtomicReference<Object> polled = new AtomicReference<>();
        CountDownLatch polling = new CountDownLatch(1);
        threads.submit(() -> {
            polling.countDown();
            polled.set(s.poll(Duration.ofMinutes(1)) == null ? "null" : "a line");
            return null;
        });
        polling.await();
        hub.on(out("api", "last"));
        hub.close();
        hub.on(out("api", "after close"));
        await().atMost(Duration.ofSeconds(5)).until(() -> polled.get() != null);
        assertThat(polled.get()).as("what was queued before the close").isEqualTo("a line");
        long start = System.nanoTime();
        assertThat(s.poll(Duration.ofMinutes(1))).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(s.closed()).isTrue();
        assertThat(hub.closed()).isTrue();
        Subscription late = hub.subscribe(LogFilter.ALL, -1, 10);
        assertThat(late.closed()).isTrue();
        assertThat(texts(late.backlog())).endsWith("last");
        assertThat(late.poll(Duration.ofMinutes(1))).isNull();
    }

    @Test
    void aPollWaitingWhenTheHubClosesReturnsNull() throws Exception {
        Subscription s = hub.subscribe(LogFilter.ALL, 0, 10);
        AtomicReference<Thread> poller = new AtomicReference<>();
        Future<LogLine> polled = threads.submit(() -> {
            poller.set(Thread.currentThread());
            return s.poll(Duration.ofMinutes(1));
        });
        await().atMost(Duration.ofSeconds(5))
                .until(() -> poller.get() != null && poller.get().getState() == Thread.State.TIMED_WAITING);
        hub.close();
        assertThat(polled.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(s.closed()).isTrue();
    }

    @Test
    void aClosedSubscriptionGetsNoMoreLines() throws Exception {
        Subscription s = hub.subscribe(LogFilter.ALL, 0, 10);
        s.close();
        hub.on(out("api", "after"));
        assertThat(s.poll(Duration.ofMinutes(1))).isNull();
        assertThat(s.closed()).isTrue();
        assertThat(hub.closed()).isFalse();
        assertThat(s.takeDropped()).isZero();
    }

    @Test
    void eventsGiveTheLinesTheConsoleShows() {
        hub.on(new ReloadEvent.Stopping(null, Instant.now(), false)); // no line
        hub.on(new ReloadEvent.Error("api", Instant.now(), "boom"));
        assertThat(hub.subscribe(new LogFilter(Set.of(), Set.of(LogLine.Source.EVENT), null), -1, 1).backlog())
                .extracting(LogLine::service, LogLine::style, LogLine::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api", EventText.Style.ERROR, "boom"));
    }
}
