package io.github.hotreload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.process.Survivors;
import io.github.hotreload.config.ServiceDefinition;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.testing.EngineHarness;
import io.github.hotreload.testing.RecordingListener;
import io.github.hotreload.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What happens when a service exits by itself: the restart policies and their backoff. */
class RestartPolicyTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private ProcessSupervisor supervisor() {
        return engine.supervisor();
    }
    private final RecordingListener events = engine.events;
    private final List<Long> startTimes = events.startedNanos;
    private ReloadSession session;

    private String console() {
        return engine.console();
    }

    private void start(Consumer<ServiceDefinition> customize) throws Exception {
        Files.writeString(dir.resolve("app.txt"), "v1");
        ServiceSpec spec = Specs.exec(dir, "svc", customize);
        session = engine.start(List.of(spec), 3);
    }

    @Test
    void aCrashLoopBacksOffExponentially() throws Exception {
        start(d -> d.setRun("echo 'panic: config missing'; exit 3"));

        await().atMost(Duration.ofSeconds(20)).until(() -> startTimes.size() >= 4);

        // started at 0, then after 0.5 s, 1 s and 2 s of backoff
        double[] gaps = new double[3];
        for (int i = 0; i < 3; i++) {
            gaps[i] = (startTimes.get(i + 1) - startTimes.get(i)) / 1e9;
        }
        assertThat(gaps[0]).isBetween(0.5, 3.0);
        assertThat(gaps[1]).isGreaterThanOrEqualTo(1.0).isGreaterThan(gaps[0]);
        assertThat(gaps[2]).isGreaterThanOrEqualTo(2.0).isGreaterThan(gaps[1]);
        assertThat(events.exits).allMatch(e -> e.code() == 3);
        assertThat(console()).contains("exited with code 3 after", "its last lines:", "    panic: config missing",
                "restarting in 500 ms", "restarting in 1.0 s (exit 2 in a row", "restarting in 2.0 s (exit 3 in a row");
    }

    @Test
    void backoffDoublesUpToThirtySeconds() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 50).stream().map(CrashBackoff::delay).map(Duration::toMillis))
                .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
    }

    @Test
    void aChangeStartsTheBackoffSmallAgain() throws Exception {
        start(d -> d.setRun("grep -q fixed app.txt && exec sleep 600; exit 4"));
        await().atMost(Duration.ofSeconds(20)).until(() -> console().contains("(exit 3 in a row"));

        Files.writeString(dir.resolve("app.txt"), "still broken");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.builds.size() == 2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> console().lastIndexOf("restarting in 500 ms") > console().indexOf("(exit 3 in a row"));

        Files.writeString(dir.resolve("app.txt"), "fixed");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.builds.size() == 3
                && events.lastReload().pid() == session.currentPid("svc") && session.currentPid("svc") > 0);
        long pid = session.currentPid("svc");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> Survivors.running(pid));
    }

    @Test
    void onFailureDoesNotRestartACleanExit() throws Exception {
        start(d -> d.setRun("exit 0"));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.exits.size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> startTimes.size() == 1);
        assertThat(console()).contains("it will be started again after the next change (restart: on-failure)");
    }

    @Test
    void alwaysRestartsACleanExit() throws Exception {
        start(d -> {
            // up long enough to pass its start check each time: a process that has already exited
            // when it is checked is reported as not ready, which is not what this test is about
            d.setRun("sleep 0.3; exit 0");
            d.setRestart("always");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> startTimes.size() >= 2);
        assertThat(console()).contains("» restarted · pid ");
    }

    @Test
    void neverLeavesACrashedServiceStoppedUntilTheNextChange() throws Exception {
        start(d -> {
            d.setRun("grep -q v2 app.txt && exec sleep 600; exit 5");
            d.setRestart("never");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> events.exits.size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> startTimes.size() == 1);

        Files.writeString(dir.resolve("app.txt"), "v2");
        await().atMost(Duration.ofSeconds(10)).until(() -> startTimes.size() == 2);
        assertThat(session.currentPid("svc")).isPositive();
    }

    @Test
    void aRunCommandThatDaemonizesIsTheServiceThroughItsChildren() throws Exception {
        start(d -> {
            d.setRun("sleep 600 & echo $! > run/daemon.pid; exit 0");
            d.setExcludes(List.of("/run/"));
        });
        Files.createDirectories(dir.resolve("run"));
        Path pidFile = dir.resolve("run/daemon.pid");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        long daemon = Long.parseLong(Files.readString(pidFile).trim());
        await().atMost(Duration.ofSeconds(10)).until(() -> console().contains("they are the service now"));
        assertThat(events.exits).isEmpty();
        assertThat(events.failures).isEmpty();
        assertThat(Survivors.running(daemon)).isTrue();

        Files.writeString(dir.resolve("app.txt"), "v2");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.reloads.size() == 2);

        assertThat(Survivors.running(daemon)).as("the old daemon is stopped by the reload").isFalse();
    }
}
