package io.github.hotreload.mojo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.hotreload.config.ServiceDefinition;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hotreload:doctor} prints its checklist and fails exactly when it found a problem. */
class DoctorMojoTest {

    @TempDir
    Path project;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream out;

    @BeforeEach
    void capture() throws Exception {
        Files.createDirectories(project.resolve("web"));
        Files.createDirectories(project.resolve("api"));
        out = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(out);
    }

    private DoctorMojo doctor(ServiceDefinition... services) {
        DoctorMojo mojo = new DoctorMojo();
        mojo.services = new ArrayList<>(List.of(services));
        mojo.baseDirectory = project.toFile();
        mojo.stateDirectory = new File(project.toFile(), "target/.hotreload");
        mojo.versionTimeout = "10s";
        return mojo;
    }

    private static ServiceDefinition web(int port) {
        ServiceDefinition d = new ServiceDefinition("web");
        d.setRun("sleep 600");
        d.setReadyPort(Integer.toString(port));
        return d;
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void succeedsWhenEveryCheckPassesOrOnlyNotes() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        doctor(web(port)).execute();

        assertThat(printed()).startsWith("[hotreload] doctor\n")
                .contains("  ok       configuration: 1 service (web exec)\n")
                .contains("  ok       web: port " + port + " (readyPort) is free\n")
                .contains("  note     no watch is running for this project\n")
                .endsWith("  no problems found\n")
                .doesNotContain("\u001B[");
    }

    @Test
    void failsWithTheNumberOfProblemsAndAFixUnderEach() throws Exception {
        ServiceDefinition broken = new ServiceDefinition("api");
        broken.setPreset("golang");
        try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = held.getLocalPort();

            assertThatThrownBy(doctor(web(port), broken)::execute)
                    .isInstanceOf(MojoFailureException.class)
                    .hasMessage("hotreload:doctor: 2 problems found; the checklist above has a fix under each.");

            assertThat(printed())
                    .contains("  problem  api: <preset> 'golang' is not a preset.\n"
                            + "           fix: use one of cargo, go, java, exec.\n")
                    .contains("  problem  web: port " + port + " (readyPort) is held by pid " + ProcessHandle.current().pid())
                    .contains("           fix: stop that process (kill " + ProcessHandle.current().pid() + "), or change"
                            + " <readyPort> of web, and the port the service listens on, to a free port.\n")
                    .endsWith("  2 problems found\n");
        }
    }

    @Test
    void aBadVersionTimeoutNamesTheParameter() {
        DoctorMojo mojo = doctor(web(1));
        mojo.versionTimeout = "soon";
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<versionTimeout> (-Dhotreload.versionTimeout) 'soon' is not a duration. Fix: ");
    }
}
