package io.github.hotreload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.process.Survivors;
import io.github.hotreload.testing.EngineHarness;
import io.github.hotreload.testing.RecordingListener;
import io.github.hotreload.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each session owns its processes, every request is answered, a close is a close. */
class SessionHardeningTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private ServiceSpec sleeper(String name) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("a.txt"), "v1");
        return Specs.exec(d, name, x -> x.setRun("echo started; exec sleep 600"));
    }

    @Test
    void closingOneSessionLeavesAnotherSessionsProcessesRunning() throws Exception {
        ReloadSession first = engine.create(List.of(sleeper("one")), 3, SessionOptions.unbounded());
        RecordingListener firstEvents = new RecordingListener();
        first.addListener(firstEvents);
        first.start();
        ReloadSession second = engine.create(List.of(sleeper("two")), 3, SessionOptions.unbounded());
        RecordingListener secondEvents = new RecordingListener();
        second.addListener(secondEvents);
        second.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> firstEvents.reloads.size() == 1 && secondEvents.reloads.size() == 1);
        long survivor = second.currentPid("two");

        first.close();

        assertThat(Survivors.of(first.supervisor())).isEmpty();
        assertThat(Survivors.running(survivor)).as("the other session's service").isTrue();
        assertThat(secondEvents.exits).isEmpty();
        // and the other session still works: an edit reloads it
        Files.writeString(dir.resolve("two/a.txt"), "v2");
        await().atMost(Duration.ofSeconds(10)).until(() -> secondEvents.reloads.size() == 2);
    }

    @Test
    void aListenerThatThrowsIsReportedAndTheServiceGoesOn() throws Exception {
        ReloadSession session = engine.create(List.of(sleeper("svc")), 3, SessionOptions.unbounded());
        AtomicBoolean thrown = new AtomicBoolean();
        session.addListener(event -> {
            if (event instanceof ReloadEvent.BuildStarted && thrown.compareAndSet(false, true)) {
                throw new IllegalStateException("a broken consumer");
            }
        });
        session.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.events.reloads.size() == 1);
        assertThat(engine.events.of(ReloadEvent.Error.class)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("a broken consumer").contains("BuildStarted"));

        CompletableFuture<ReloadOutcome> rebuilt = session.rebuild(List.of(), false).get(0);

        assertThat(rebuilt.get(20, TimeUnit.SECONDS).succeeded()).isTrue();
        Files.writeString(dir.resolve("svc/a.txt"), "v2");
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.events.reloads.size() == 3);
    }

    @Test
    void resourcesClosedWithTheSessionAreClosedAfterItsLastEventInReverseOrder() throws Exception {
        ReloadSession session = engine.create(List.of(sleeper("svc")), 3, SessionOptions.unbounded());
        RecordingListener events = new RecordingListener();
        session.addListener(events);
        List<String> closed = new java.util.concurrent.CopyOnWriteArrayList<>();
        session.closeWith(() -> closed.add("first, stopped seen: " + !events.of(ReloadEvent.Stopped.class).isEmpty()));
        session.closeWith(() -> {
            closed.add("second");
            throw new IllegalStateException("a resource that fails to close");
        });
        session.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> events.reloads.size() == 1);

        session.close();

        assertThat(closed).containsExactly("second", "first, stopped seen: true");
        assertThat(events.of(ReloadEvent.Error.class)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("a resource that fails to close"));
    }

    @Test
    void aRebuildRequestedOfAClosedSessionIsAnsweredAtOnce() throws Exception {
        ReloadSession session = engine.create(List.of(sleeper("svc")), 3, SessionOptions.unbounded());
        session.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.events.reloads.size() == 1);
        session.close();

        ReloadOutcome outcome = session.rebuild(List.of(), false).get(0).get(5, TimeUnit.SECONDS);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.reason()).contains("stopping");
    }

    @Test
    void aSecondCloseReturnsOnlyOnceTheFirstHasStoppedEverything() throws Exception {
        Path d = Files.createDirectories(dir.resolve("stubborn"));
        // ignores SIGTERM: the stop takes the whole stop timeout, then SIGKILL
        ServiceSpec spec = Specs.exec(d, "stubborn", x -> {
            x.setRun("trap '' TERM; echo started; while :; do sleep 0.05; done");
            x.setReadyLog("started");
            x.setStopTimeout("1500ms");
        });
        ReloadSession session = engine.create(List.of(spec), 8, SessionOptions.unbounded());
        session.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.events.reloads.size() == 1);
        Thread first = new Thread(session::close, "first-close");
        first.start();
        await().atMost(Duration.ofSeconds(5)).until(session::closing);
        assertThat(Survivors.of(session.supervisor())).as("still stopping").isNotEmpty();

        session.close(); // as Ctrl-C's hook does while the goal is closing

        assertThat(Survivors.of(session.supervisor())).as("left running when the second close returned").isEmpty();
        first.join(10_000);
    }
}
