package io.github.hotreload.doctor;

import static io.github.hotreload.doctor.Patients.examine;
import static io.github.hotreload.doctor.Patients.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.control.ControlFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each readiness port free, or held: by whom, found through the kernel's socket tables, on real sockets. */
class DoctorPortsTest {

    @TempDir
    Path root;

    private Process listener;

    @AfterEach
    void stop() throws Exception {
        if (listener != null) {
            listener.destroyForcibly().waitFor();
        }
    }

    private List<Finding> ports(Examination project) {
        return new PortCheck().run(project);
    }

    private Examination web(Path root, WatchState watch, String readyPort, String readyUrl) throws Exception {
        Files.createDirectories(root.resolve("web"));
        return examine(root, System.getenv(), watch, service("web", d -> {
            d.setRun("sleep 600");
            d.setReadyPort(readyPort);
            d.setReadyUrl(readyUrl);
        }));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private WatchState noWatch() {
        return WatchState.of(root.resolve("none/control.properties"));
    }

    @Test
    void aFreePortIsReportedFree() throws Exception {
        int port = freePort();

        assertThat(ports(web(root, noWatch(), Integer.toString(port), null))).containsExactly(
                Finding.ok("web: port " + port + " (readyPort) is free"));
    }

    @Test
    void aPortThisJvmHoldsNamesThisJvmsPidAndCommandLine() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = held.getLocalPort();

            List<Finding> findings = ports(web(root, noWatch(), null, "http://localhost:" + port + "/health"));

            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.level()).isEqualTo(Finding.Level.PROBLEM);
                assertThat(f.text()).startsWith("web: port " + port + " (readyUrl) is held by pid "
                        + ProcessHandle.current().pid() + ": ").contains("java");
                assertThat(f.fix()).isEqualTo("stop that process (kill " + ProcessHandle.current().pid()
                        + "), or change <readyUrl> of web, and the port the service listens on, to a free port.");
            });
        }
    }

    @Test
    void aPortAChildProcessHoldsNamesItsPidAndCommandLine() throws Exception {
        int port = freePort();
        listener = new ProcessBuilder("python3", "-m", "http.server", Integer.toString(port), "--bind", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(root.resolve("server.log").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> PortHolders.of(port).holder().isPresent());

        List<Finding> findings = ports(web(root, noWatch(), Integer.toString(port), null));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.level()).isEqualTo(Finding.Level.PROBLEM);
            assertThat(f.text()).startsWith("web: port " + port + " (readyPort) is held by pid " + listener.pid() + ": ")
                    .endsWith("-m http.server " + port + " --bind 127.0.0.1");
            assertThat(f.fix()).contains("kill " + listener.pid()).contains("change <readyPort> of web");
        });
    }

    @Test
    void aPortTheRunningWatchsServiceHoldsIsFine() throws Exception {
        int port = freePort();
        // this JVM plays the watch; its child with the service's name in its environment serves the port
        ProcessBuilder pb = new ProcessBuilder("python3", "-m", "http.server", Integer.toString(port), "--bind", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(root.resolve("server.log").toFile());
        pb.environment().put("HOTRELOAD_SERVICE", "web");
        listener = pb.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> PortHolders.of(port).holder().isPresent());
        WatchState watch = new WatchState(root.resolve("control.properties"),
                new ControlFile(1, "token", ProcessHandle.current().pid()), true, null, null);

        assertThat(ports(web(root, watch, Integer.toString(port), null))).containsExactly(Finding.ok(
                "web: port " + port + " (readyPort) is served by web of this project's running watch (pid "
                        + listener.pid() + ")"));
    }

    @Test
    void aRemoteReadyUrlIsNotThisMachinesPortAndEachPortIsCheckedOnce() throws Exception {
        int port = freePort();
        assertThat(ports(web(root, noWatch(), null, "http://example.com:" + port + "/"))).isEmpty();
        assertThat(ports(web(root, noWatch(), Integer.toString(port), "http://127.0.0.1:" + port + "/")))
                .extracting(Finding::text).containsExactly("web: port " + port + " (readyPort) is free");
    }
}
