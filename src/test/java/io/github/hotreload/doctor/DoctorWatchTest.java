package io.github.hotreload.doctor;

import static io.github.hotreload.doctor.Patients.examine;
import static io.github.hotreload.doctor.Patients.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.console.EventText;
import io.github.hotreload.control.ControlFile;
import io.github.hotreload.control.ControlServer;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.engine.SessionOptions;
import io.github.hotreload.logs.LogHub;
import io.github.hotreload.status.StatusBoard;
import io.github.hotreload.testing.RecordingListener;
import io.github.hotreload.testing.Specs;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a watch runs for the project, with a real session and control server in this JVM. */
class DoctorWatchTest {

    @TempDir
    Path root;

    private Path controlFile() {
        return root.resolve("target/.hotreload/control.properties");
    }

    @Test
    void noControlFileMeansNoWatch() {
        assertThat(new WatchCheck().run(examine(root, System.getenv()))).containsExactly(
                Finding.note("no watch is running for this project"));
    }

    @Test
    void aControlFileOfAWatchThatEndedIsANote() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        new ControlFile(1, "token", gone.pid()).write(controlFile());

        assertThat(new WatchCheck().run(examine(root, System.getenv()))).containsExactly(Finding.note(
                "no watch is running for this project; the control file " + controlFile() + " is left by one that ended"
                        + " (pid " + gone.pid() + "), and the next watch replaces it"));
    }

    @Test
    void aRunningWatchIsNamedWithItsServicesAndItsServicesPortsAreFine() throws Exception {
        Path web = Files.createDirectories(root.resolve("web"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int p = port;
        ServiceSpec spec = Specs.exec(web, "web", d -> {
            d.setRun("python3 -m http.server " + p + " --bind 127.0.0.1");
            d.setReadyPort(Integer.toString(p));
        });
        RecordingListener events = new RecordingListener();
        try (ReloadSession session = new ReloadSession(List.of(spec), SessionOptions.unbounded());
                LogHub hub = new LogHub(new EventText(List.of(spec)), LogHub.DEFAULT_CAPACITY)) {
            StatusBoard board = new StatusBoard(List.of(spec), ProcessHandle.current().pid(), Instant.now());
            session.addListener(events);
            session.addListener(board);
            session.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> events.reloads.size() == 1);
            ControlServer server = ControlServer.start(session, controlFile(), board, hub, false);
            try {
                Examination project = examine(root, System.getenv(), WatchState.of(controlFile()), service("web", d -> {
                    d.setRun("python3 -m http.server " + p + " --bind 127.0.0.1");
                    d.setReadyPort(Integer.toString(p));
                }));

                assertThat(new WatchCheck().run(project)).singleElement().satisfies(f -> {
                    assertThat(f.level()).isEqualTo(Finding.Level.OK);
                    assertThat(f.text()).matches("watch: running, pid " + ProcessHandle.current().pid()
                            + ", up \\d+s; web ready");
                });
                assertThat(new PortCheck().run(project)).containsExactly(Finding.ok("web: port " + p
                        + " (readyPort) is served by web of this project's running watch (pid "
                        + session.currentPid("web") + ")"));
            } finally {
                server.close();
            }
        }
    }
}
