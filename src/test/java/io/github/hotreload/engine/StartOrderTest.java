package io.github.hotreload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.engine.ReloadEvent.Reloaded;
import io.github.hotreload.engine.ReloadEvent.WaitingForDependencies;
import io.github.hotreload.testing.Commands;
import io.github.hotreload.testing.EngineHarness;
import io.github.hotreload.testing.RecordingListener;
import io.github.hotreload.testing.Specs;
import io.github.hotreload.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <dependsOn>}: a service starts once the services it depends on are ready, they stop
 * after it, and their later reloads leave it running. And a session that does not watch
 * (hotreload:run) builds and starts once and rebuilds only when asked.
 */
class StartOrderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private final RecordingListener events = engine.events;

    /** A db that takes a second to listen, and an api that exits at once unless db already answers. */
    private List<ServiceSpec> dbAndApi(int port) throws Exception {
        Path db = Files.createDirectories(dir.resolve("db"));
        Path api = Files.createDirectories(dir.resolve("api"));
        Files.writeString(db.resolve("data.txt"), "v1");
        ServiceSpec dbSpec = Specs.exec(db, "db", d -> {
            d.setRun("sleep 1; exec " + Commands.java(TestServer.class, Integer.toString(port), "data.txt"));
            d.setReadyPort(Integer.toString(port));
        });
        ServiceSpec apiSpec = Specs.exec(api, "api", d -> {
            d.setRun("python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", " + port + "), 1)' || exit 3; "
                    + "echo api up; exec sleep 600");
            d.setReadyLog("api up");
            d.setDependsOn("db");
            d.setRestart("never");
        });
        return List.of(apiSpec, dbSpec); // the dependent first: the order of the configuration does not matter
    }

    @Test
    void aServiceStartsOnceWhatItDependsOnIsReady() throws Exception {
        engine.start(dbAndApi(Commands.freePort()), 3);

        await().atMost(WAIT).until(() -> events.reloads.size() == 2);

        assertThat(events.failures).isEmpty();
        assertThat(events.reloads).extracting(ReloadReport::service).containsExactly("db", "api");
        List<WaitingForDependencies> waits = events.of(WaitingForDependencies.class);
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0).service()).isEqualTo("api");
        assertThat(waits.get(0).on()).containsExactly("db");
        assertThat(engine.console()).contains("waiting for db to be ready before it starts");
    }

    @Test
    void aReloadOfADependencyLeavesItsDependentsRunning() throws Exception {
        ReloadSession session = engine.start(dbAndApi(Commands.freePort()), 3);
        await().atMost(WAIT).until(() -> events.reloads.size() == 2);
        long api = session.currentPid("api");

        ReloadOutcome outcome = session.rebuild(List.of("db"), false).get(0).get(30, TimeUnit.SECONDS);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(session.currentPid("api")).isEqualTo(api);
        assertThat(events.of(Reloaded.class)).extracting(Reloaded::service).containsExactly("db", "api", "db");
    }

    @Test
    void dependentsStopBeforeWhatTheyDependOn() throws Exception {
        Path order = dir.resolve("order.txt");
        Path db = Files.createDirectories(dir.resolve("db"));
        Path api = Files.createDirectories(dir.resolve("api"));
        // api takes its time to stop (in its own process: a child would be stopped too): stopped
        // together, db would write first
        ServiceSpec apiSpec = Specs.exec(api, "api", d -> {
            d.setRun(python("api", 0.5));
            d.setReadyLog("up");
            d.setDependsOn("db");
        });
        ServiceSpec dbSpec = Specs.exec(db, "db", d -> {
            d.setRun(python("db", 0));
            d.setReadyLog("up");
        });
        ReloadSession session = engine.start(List.of(apiSpec, dbSpec), 3);
        await().atMost(WAIT).until(() -> events.reloads.size() == 2);

        session.close();

        assertThat(Files.readAllLines(order)).as(engine.console()).containsExactly("api", "db");
    }

    /** A process that, on SIGTERM, waits {@code seconds}, then appends its name to ../order.txt and exits. */
    private static String python(String name, double seconds) {
        return "exec python3 -c '\n"
                + "import signal, sys, time\n"
                + "def stop(*_):\n"
                + "    time.sleep(" + seconds + ")\n"
                + "    open(\"../order.txt\", \"a\").write(\"" + name + "\\n\")\n"
                + "    sys.exit(0)\n"
                + "signal.signal(signal.SIGTERM, stop)\n"
                + "print(\"up\", flush=True)\n"
                + "while True: time.sleep(1)\n'";
    }

    @Test
    void aSessionThatDoesNotWatchRebuildsOnlyWhenAsked() throws Exception {
        Files.writeString(dir.resolve("app.txt"), "v1");
        ServiceSpec spec = Specs.exec(dir, "svc", d -> {
            d.setBuild("cat app.txt > built.txt");
            d.setRun("echo serving; exec sleep 600");
            d.setReadyLog("serving");
            d.setExcludes(List.of("built.txt"));
        });
        ReloadSession session = engine.create(List.of(spec), 3, SessionOptions.unbounded().unwatched());
        session.start();
        await().atMost(WAIT).until(() -> events.reloads.size() == 1);

        Files.writeString(dir.resolve("app.txt"), "v2");
        // well past the quiet period (100 ms): nothing watches the file
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> events.builds.size() == 1);
        assertThat(Files.readString(dir.resolve("built.txt"))).isEqualTo("v1");

        assertThat(session.rebuild(List.of(), false).get(0).get(30, TimeUnit.SECONDS).succeeded()).isTrue();
        assertThat(Files.readString(dir.resolve("built.txt"))).isEqualTo("v2");
    }
}
