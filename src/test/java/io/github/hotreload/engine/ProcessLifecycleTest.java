package io.github.hotreload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.process.Survivors;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.testing.Commands;
import io.github.hotreload.testing.EngineHarness;
import io.github.hotreload.testing.RecordingListener;
import io.github.hotreload.testing.SessionHost;
import io.github.hotreload.testing.Specs;
import io.github.hotreload.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A new process starts only when the old one is gone and its port free; nothing outlives a killed session. */
class ProcessLifecycleTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private ProcessSupervisor supervisor() {
        return engine.supervisor();
    }
    private final RecordingListener events = engine.events;

    private ReloadSession session(ServiceSpec spec, Path state) {
        return engine.create(List.of(spec), 4, new SessionOptions(0, null, state, false));
    }

    @Test
    void theNewProcessStartsOnlyOnceAnEscapedProcessHasFreedThePort() throws Exception {
        int port = Commands.freePort();
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/app.txt"), "v1");
        // the server leaves the service's tree (no tag, its own session) and holds the port 4 s in all
        String server = Commands.java(TestServer.class, Integer.toString(port), "out/app.txt", "4000");
        ServiceSpec spec = Specs.exec(dir, "web", d -> {
            d.setBuild("mkdir -p out && cp src/app.txt out/app.txt");
            // a subshell makes it an orphan: not a descendant, not in the group, no tag
            d.setRun("(env -u HOTRELOAD_TAG setsid " + server + " &) ; exec sleep 600");
            d.setReadyUrl("http://127.0.0.1:" + port + "/");
            d.setStopTimeout("5s");
            d.setExcludes(List.of("/out/"));
        });
        session(spec, null).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> events.reloads.size() == 1);
        assertThat(Commands.get(port)).isEqualTo("v1");

        Files.writeString(dir.resolve("src/app.txt"), "v2");
        await().atMost(Duration.ofSeconds(30)).until(() -> events.reloads.size() == 2);

        // had it started while the port was taken, its server could not have bound it, and the
        // escaped old one would still answer v1
        assertThat(Commands.get(port)).isEqualTo("v2");
        // the escaped servers carry no tag; let the last one end by itself
        await().atMost(Duration.ofSeconds(10)).until(() -> !Commands.listening(port));
    }

    @Test
    void theNextSessionStopsWhatAKilledSessionLeftAndSaysSo() throws Exception {
        Path svc = Files.createDirectories(dir.resolve("svc"));
        Files.createDirectories(svc.resolve("run"));
        Path state = dir.resolve("state");
        Process host = new ProcessBuilder("/bin/sh", "-c", "exec " + Commands.java(SessionHost.class, svc.toString(),
                        state.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("host.log").toFile()).start();
        List<Long> left = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(svc.resolve("host.ready")));
            left.add(Long.parseLong(Files.readString(svc.resolve("host.ready")).trim()));
            left.add(Long.parseLong(Files.readString(svc.resolve("run/child.pid")).trim()));
            // kill the JVM and its watchdog at once, as killing a whole process tree does
            for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
                String cmd = String.join(" ", p.info().arguments().orElse(new String[0]));
                if (cmd.contains("hotreload-watchdog " + host.pid() + "-")) {
                    p.destroyForcibly();
                }
            }
            host.destroyForcibly();
            host.waitFor();
        } finally {
            host.destroyForcibly();
        }
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> left.stream().allMatch(Survivors::running));

        ServiceSpec next = Specs.exec(svc, "left", d -> d.setExcludes(List.of("/run/", "host.ready")));
        session(next, state).start();

        assertThat(left).noneMatch(Survivors::running);
        assertThat(engine.console())
                .contains("stopped 2 process(es) that an earlier session (pid " + host.pid() + ") left running");
    }
}
