package io.github.hotreload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.testing.EngineHarness;
import io.github.hotreload.testing.RecordingListener;
import io.github.hotreload.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Steering a running service: pausing its reloads, resuming them, restarting it without a build. */
class PauseAndRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private final RecordingListener events = engine.events;
    private ReloadSession session;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("app.txt"), "v1");
        ServiceSpec spec = Specs.exec(dir, "svc", d -> {
            d.setBuild("cat app.txt > built.txt");
            d.setRun("echo serving; exec sleep 600");
            d.setReadyLog("serving");
            d.setExcludes(List.of("built.txt"));
        });
        session = engine.start(List.of(spec), 3);
        await().atMost(WAIT).until(() -> events.reloads.size() == 1);
    }

    @Test
    void aPausedServiceHoldsItsChangesAndBuildsThemWhenResumed() throws Exception {
        assertThat(session.pause(List.of(), true, "a test")).containsExactly("svc");
        await().atMost(WAIT).until(() -> !events.of(ReloadEvent.Paused.class).isEmpty());
        int buildsBefore = events.builds.size();

        Files.writeString(dir.resolve("app.txt"), "v2");
        await().atMost(WAIT).until(() -> !events.of(ReloadEvent.ChangesHeld.class).isEmpty());
        // well past the quiet period (100 ms): no build while paused
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> events.builds.size() == buildsBefore);
        assertThat(events.of(ReloadEvent.ChangesHeld.class).get(0).held()).isEqualTo(1);
        assertThat(engine.console()).contains("paused by a test").contains("a change is held");

        session.pause(List.of("svc"), false, "a test");
        await().atMost(WAIT).until(() -> events.reloads.size() == 2);
        assertThat(events.lastReload().changes()).containsExactly(Path.of("app.txt"));
        assertThat(events.of(ReloadEvent.Resumed.class).get(0).held()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("built.txt"))).isEqualTo("v2");
    }

    @Test
    void aRequestedRebuildIsDoneWhilePaused() throws Exception {
        session.pause(List.of(), true, "a test");
        Files.writeString(dir.resolve("app.txt"), "v2");
        await().atMost(WAIT).until(() -> !events.of(ReloadEvent.ChangesHeld.class).isEmpty());

        ReloadOutcome outcome = session.rebuild(List.of(), false).get(0).get(30, TimeUnit.SECONDS);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(Files.readString(dir.resolve("built.txt"))).isEqualTo("v2");
    }

    @Test
    void aRestartStartsANewProcessWithoutABuild() throws Exception {
        long before = session.currentPid("svc");
        int builds = events.builds.size();

        List<CompletableFuture<ReloadOutcome>> restarted = session.restart(List.of(), "a test");
        ReloadOutcome outcome = restarted.get(0).get(30, TimeUnit.SECONDS);

        assertThat(outcome.succeeded()).as("%s", outcome.reason()).isTrue();
        assertThat(outcome.report().kind()).isEqualTo(ReloadReport.Kind.RESTART);
        assertThat(outcome.report().pid()).isNotEqualTo(before).isEqualTo(session.currentPid("svc"));
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(events.builds).hasSize(builds);
        assertThat(engine.console()).contains("restart of svc requested by a test").contains("restarted · pid");
    }

    @Test
    void changesGatheredWhenARestartComesAreBuiltAfterIt() throws Exception {
        session.pause(List.of(), true, "a test");
        Files.writeString(dir.resolve("app.txt"), "v2");
        await().atMost(WAIT).until(() -> !events.of(ReloadEvent.ChangesHeld.class).isEmpty());

        assertThat(session.restart(List.of(), "a test").get(0).get(30, TimeUnit.SECONDS).succeeded()).isTrue();
        session.pause(List.of(), false, "a test");

        await().atMost(WAIT).until(() -> Files.readString(dir.resolve("built.txt")).equals("v2"));
        await().atMost(WAIT).until(() -> events.reloads.stream().anyMatch(r -> r.kind() == ReloadReport.Kind.RELOAD));
    }

    @Test
    void aRestartAfterTheSessionEndedIsAnsweredAtOnce() throws Exception {
        session.close();
        ReloadOutcome outcome = session.restart(List.of(), "a test").get(0).get(5, TimeUnit.SECONDS);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(session.pause(List.of(), true, "a test")).isEmpty();
    }
}
