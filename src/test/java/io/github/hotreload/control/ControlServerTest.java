package io.github.hotreload.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.console.Console;
import io.github.hotreload.console.EventText;
import io.github.hotreload.logs.LogHub;
import io.github.hotreload.status.StatusBoard;
import java.time.Instant;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.engine.SessionOptions;
import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.process.Survivors;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.testing.RecordingListener;
import io.github.hotreload.testing.Specs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hotreload:rebuild's channel to a running watch, over a real loopback socket. */
class ControlServerTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private final RecordingListener events = new RecordingListener();
    private ReloadSession session;
    private ControlServer server;
    private StatusBoard board;
    private LogHub hub;
    private Path controlFile;

    @BeforeEach
    void startAWatch() throws Exception {
        List<ServiceSpec> specs = new ArrayList<>();
        for (String name : List.of("api", "web")) {
            Path svc = Files.createDirectories(dir.resolve(name));
            Files.writeString(svc.resolve("code.txt"), "ok");
            specs.add(Specs.exec(svc, name, d -> {
                d.setBuild("grep -q SLOW code.txt && sleep 30; "
                        + "grep -q BROKEN code.txt && { echo 'error: code.txt is BROKEN' >&2; exit 2; }; echo built " + name);
                d.setClean("echo cleaned " + name);
            }));
        }
        session = new ReloadSession(specs, SessionOptions.unbounded());
        session.addListener(events);
        board = new StatusBoard(specs, ProcessHandle.current().pid(), Instant.now());
        hub = new LogHub(new EventText(specs), LogHub.DEFAULT_CAPACITY);
        session.addListener(board);
        session.addListener(hub);
        session.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> events.reloads.size() == 2);
        controlFile = dir.resolve("state/.hotreload/control.properties");
        server = ControlServer.start(session, controlFile, board, hub, true);
    }

    @AfterEach
    void stop() {
        server.close();
        session.close();
        hub.close();
        assertThat(Survivors.of(session.supervisor())).isEmpty();
        assertThat(controlFile).doesNotExist();
    }

    @Test
    void neverListensOnAServicesPortThatTheSystemHandsOut() throws Exception {
        // the system hands out a service's port first (free while the service builds), then another
        java.net.ServerSocket probe = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        int servicePort = probe.getLocalPort();
        probe.close();
        List<java.net.ServerSocket> handedOut = new ArrayList<>();
        java.net.ServerSocket chosen = ControlServer.bindAvoiding(Set.of(servicePort), () -> {
            java.net.ServerSocket s = new java.net.ServerSocket();
            s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(),
                    handedOut.isEmpty() ? servicePort : 0), 50);
            handedOut.add(s);
            return s;
        });
        try {
            assertThat(chosen.getLocalPort()).isNotEqualTo(servicePort);
            assertThat(handedOut).hasSize(2);
            assertThat(handedOut.get(0).isClosed()).as("the service's port is given back").isTrue();
            try (var again = new java.net.ServerSocket(servicePort, 50, java.net.InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).isEqualTo(servicePort);
            }
        } finally {
            chosen.close();
        }
    }

    @Test
    void theControlFileIsForTheUserOnlyAndNamesALoopbackPort() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(controlFile))).isEqualTo("rw-------");
        ControlFile control = ControlFile.read(controlFile).orElseThrow();
        assertThat(control.port()).isEqualTo(server.port());
        assertThat(control.token()).hasSize(48);
        assertThat(control.pid()).isEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void rebuildsAndRestartsTheNamedServicesAndStreamsTheirOutput() throws Exception {
        long oldPid = session.currentPid("api");
        List<String> lines = new ArrayList<>();

        List<ControlClient.Result> results = new ControlClient(ControlFile.read(controlFile).orElseThrow())
                .rebuild(List.of("api"), true, TIMEOUT, lines::add);

        assertThat(results).hasSize(1);
        assertThat(results.get(0).service()).isEqualTo("api");
        assertThat(results.get(0).ok()).isTrue();
        assertThat(results.get(0).detail()).contains("pid " + session.currentPid("api"));
        assertThat(session.currentPid("api")).isNotEqualTo(oldPid);
        assertThat(lines).contains("[api] cleaned api", "[api] built api").noneMatch(l -> l.contains("web"));
        assertThat(Survivors.running(oldPid)).isFalse();
    }

    @Test
    void reportsAFailedBuildAndKeepsTheOldProcess() throws Exception {
        long oldPid = session.currentPid("web");
        Files.writeString(dir.resolve("web/code.txt"), "BROKEN");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.failures.size() == 1);
        List<String> lines = new ArrayList<>();

        List<ControlClient.Result> results = new ControlClient(ControlFile.read(controlFile).orElseThrow())
                .rebuild(List.of(), false, TIMEOUT, lines::add);

        assertThat(results).extracting(ControlClient.Result::service).containsExactly("api", "web");
        assertThat(results.get(0).ok()).isTrue();
        assertThat(results.get(1).ok()).isFalse();
        assertThat(results.get(1).detail()).startsWith("build: build failed with exit code 2");
        assertThat(lines).contains("[web] error: code.txt is BROKEN");
        assertThat(session.currentPid("web")).isEqualTo(oldPid);
    }

    @Test
    void refusesARequestWithoutTheToken() throws Exception {
        ControlFile real = ControlFile.read(controlFile).orElseThrow();
        ControlFile forged = new ControlFile(real.port(), "0".repeat(48), real.pid());

        assertThatThrownBy(() -> new ControlClient(forged).rebuild(List.of(), false, TIMEOUT, l -> {}))
                .isInstanceOf(ControlClient.RefusedException.class)
                .hasMessageContaining("HTTP 403");
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + real.port() + "/api/rebuild")
                .toURL().openConnection(Proxy.NO_PROXY);
        c.setRequestMethod("POST");
        assertThat(c.getResponseCode()).isEqualTo(401);
        assertThat(events.builds).hasSize(2); // nothing was rebuilt
    }

    @Test
    void aMalformedRequestIsRefusedAndTheServerGoesOn() throws Exception {
        ControlFile real = ControlFile.read(controlFile).orElseThrow();
        for (String query : List.of("services=%zz", "timeout=soon", "services=%")) {
            try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), real.port())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(("POST /api/rebuild?wait=true&" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                        + real.token() + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertThat(status).as(query).startsWith("HTTP/1.1 400");
            }
        }

        List<ControlClient.Result> results = new ControlClient(real).rebuild(List.of("api"), false, TIMEOUT, l -> {});

        assertThat(results).singleElement().satisfies(r -> assertThat(r.ok()).isTrue());
    }

    @Test
    void aRebuildThatTakesLongerThanItsTimeoutIsAnsweredAsFailed() throws Exception {
        Files.writeString(dir.resolve("api/code.txt"), "SLOW");
        // api's next build takes 30 s; the request may wait 1 s
        await().atMost(Duration.ofSeconds(10)).until(() -> events.builds.size() == 3);
        long start = System.nanoTime();

        List<ControlClient.Result> results = new ControlClient(ControlFile.read(controlFile).orElseThrow())
                .rebuild(List.of("api"), false, Duration.ofSeconds(1), l -> {});

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.detail()).contains("no result within 1.0 s");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void refusesAnUnknownService() throws Exception {
        assertThatThrownBy(() -> new ControlClient(ControlFile.read(controlFile).orElseThrow())
                        .rebuild(List.of("nope"), false, TIMEOUT, l -> {}))
                .isInstanceOf(ControlClient.RefusedException.class)
                .hasMessageContaining("unknown services: nope; this session runs api, web");
    }

    @Test
    void aStaleControlFileMeansNoWatch() throws Exception {
        ControlFile real = ControlFile.read(controlFile).orElseThrow();
        server.close();
        await("nothing listens on the port once the watch is gone").atMost(Duration.ofSeconds(5))
                .until(() -> !io.github.hotreload.testing.Commands.listening(real.port()));
        assertThat(real.isLive()).isFalse();
        assertThat(new ControlClient(real).rebuild(Set.of(), false, TIMEOUT, l -> {})).isNull();
    }
}
