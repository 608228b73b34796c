package io.github.hotreload.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.testing.EngineHarness;
import io.github.hotreload.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The status folded from a real session's events, and its JSON and table forms. */
class StatusBoardTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private ServiceStatus svc(StatusBoard board) {
        return board.snapshot().services().get(0);
    }

    @Test
    void followsAServiceThroughReadyBuildFailedPausedCrashedAndStopped() throws Exception {
        Files.writeString(dir.resolve("app.txt"), "ok");
        ServiceSpec spec = Specs.exec(dir, "svc", d -> {
            d.setBuild("grep -q BROKEN app.txt && { echo 'error: broken' >&2; exit 2; }; true");
            d.setRun("grep -q CRASH app.txt && exit 3; echo serving; exec sleep 600");
            d.setReadyLog("serving");
        });
        StatusBoard board = new StatusBoard(List.of(spec), 42, Instant.now());
        ReloadSession session = engine.create(List.of(spec), 3, io.github.hotreload.engine.SessionOptions.unbounded());
        session.addListener(board);
        assertThat(svc(board).state()).isEqualTo(ServiceState.STARTING);
        session.start();

        await().atMost(WAIT).until(() -> svc(board).ready());
        ServiceStatus ready = svc(board);
        assertThat(ready.pid()).isEqualTo(session.currentPid("svc"));
        assertThat(ready.startedAt()).isNotNull();
        assertThat(ready.lastReload().kind()).isEqualTo("start");
        assertThat(ready.readiness()).isEqualTo(spec.readiness().describe());
        assertThat(board.snapshot().allReady()).isTrue();

        Files.writeString(dir.resolve("app.txt"), "BROKEN");
        await().atMost(WAIT).until(() -> svc(board).state() == ServiceState.BUILD_FAILED);
        assertThat(svc(board).pid()).as("the old process still serves").isEqualTo(ready.pid());
        assertThat(svc(board).lastReload().ok()).isFalse();
        assertThat(svc(board).lastReload().reason()).contains("exit code 2");
        assertThat(board.snapshot().allReady()).isFalse();

        session.pause(List.of(), true, "a test");
        await().atMost(WAIT).until(() -> svc(board).paused());
        Files.writeString(dir.resolve("app.txt"), "ok again");
        await().atMost(WAIT).until(() -> svc(board).heldChanges() == 1);
        assertThat(StatusTable.state(svc(board), Instant.now())).isEqualTo("build failed, old one serving, paused (1 change(s) held)");
        session.pause(List.of(), false, "a test");
        await().atMost(WAIT).until(() -> svc(board).ready() && svc(board).reloads() == 1);
        assertThat(svc(board).paused()).isFalse();
        assertThat(svc(board).heldChanges()).isZero();

        Files.writeString(dir.resolve("app.txt"), "CRASH");
        await().atMost(WAIT).until(() -> svc(board).state() == ServiceState.BACKING_OFF
                || svc(board).state() == ServiceState.CRASHED);
        await().atMost(WAIT).until(() -> svc(board).restarts() >= 0 && svc(board).pid() < 0);

        session.close();
        assertThat(svc(board).state()).isEqualTo(ServiceState.STOPPED);
        assertThat(svc(board).pid()).isEqualTo(-1);
    }

    @Test
    void theJsonFormReadsBackAsItWasWritten() {
        Instant t0 = Instant.parse("2026-12-01T10:00:00.123Z");
        ServiceStatus a = new ServiceStatus("api \"x\"", ServiceState.READY, true, 77, t0, "log line 'ready'", 2, 5, 3,
                new ServiceStatus.LastReload(t0.plusSeconds(5), "reload", true, 412, 300, 100, null, List.of("src/a.go")),
                null);
        ServiceStatus b = new ServiceStatus("core", ServiceState.BACKING_OFF, false, -1, null, "port 8080 accepts", 1, 0, 0,
                new ServiceStatus.LastReload(t0, "start", false, -1, -1, -1, "exited with code 3\nline 2", List.of()),
                t0.plusSeconds(9));
        WatchStatus status = new WatchStatus(1234, t0, t0.plusSeconds(60), List.of(a, b));

        String json = status.toJson();

        assertThat(WatchStatus.fromJson(json)).isEqualTo(status);
        assertThat(json).contains("\"uptimeMillis\":60000").contains("\"state\":\"backing-off\"").contains("\"pid\":null");
        assertThat(StatusTable.render(status, ZoneOffset.UTC))
                .first().asString().startsWith("SERVICE").contains("STATE").contains("LAST RELOAD");
        assertThat(StatusTable.render(status, ZoneOffset.UTC).get(1)).contains("ready, paused (3 change(s) held)")
                .contains("77").contains("1m").contains("10:00:05 reload ok in 412 ms (build 300 ms)");
        assertThat(StatusTable.render(status, ZoneOffset.UTC).get(2)).contains("backing off (restart in 0 ms)")
                .contains("start failed: exited with code 3").doesNotContain("line 2");
        assertThat(StatusTable.render(status, ZoneOffset.UTC).get(3)).isEqualTo("watch: pid 1234, up 1m; 1 of 2 service(s) ready");
    }
}
