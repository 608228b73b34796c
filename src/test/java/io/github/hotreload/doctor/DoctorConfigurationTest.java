package io.github.hotreload.doctor;

import static io.github.hotreload.doctor.Patients.examine;
import static io.github.hotreload.doctor.Patients.goModule;
import static io.github.hotreload.doctor.Patients.service;
import static io.github.hotreload.doctor.Patients.withPath;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration problems are listed, each with its service, element and fix, instead of failing at
 * once, and the checks that need less still run.
 */
class DoctorConfigurationTest {

    @TempDir
    Path root;

    @Test
    void listsEveryProblemWithItsServiceElementAndFix() throws Exception {
        Files.createDirectories(root.resolve("api"));
        Files.createDirectories(root.resolve("web"));
        Examination project = examine(root, System.getenv(),
                service("api", d -> d.setPreset("golang")),
                service("web", d -> {
                    d.setRun("sleep 600");
                    d.setReadyUrl("localhost:8080");
                }));

        assertThat(new ConfigurationCheck().run(project)).containsExactly(
                Finding.problem("api: <preset> 'golang' is not a preset.", "use one of cargo, go, java, exec."),
                Finding.problem("web: <readyUrl> 'localhost:8080' is not a valid HTTP URL: the scheme must be http or https.",
                        "write a full URL such as http://127.0.0.1:8080/health."));
    }

    @Test
    void aValidConfigurationIsOneLineWithItsServicesAndPresets() throws Exception {
        goModule(root.resolve("api"));
        Files.createDirectories(root.resolve("web"));

        assertThat(new ConfigurationCheck().run(examine(root, System.getenv(),
                service("api", d -> d.setPreset("go")), service("web", d -> d.setRun("sleep 600")))))
                .containsExactly(Finding.ok("configuration: 2 services (api go, web exec)"));
    }

    @Test
    void noServicesIsAProblemWithWhereToDeclareThem() {
        assertThat(new ConfigurationCheck().run(examine(root, System.getenv()))).singleElement().satisfies(f -> {
            assertThat(f.level()).isEqualTo(Finding.Level.PROBLEM);
            assertThat(f.text()).startsWith("configuration: <services> no services are configured");
            assertThat(f.fix()).contains("add a <services> block");
        });
    }

    @Test
    void withAMissingToolchainAndABadServiceTheOtherChecksStillRun() throws Exception {
        goModule(root.resolve("api"));
        Files.createDirectories(root.resolve("web"));
        try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = held.getLocalPort();
            Examination project = examine(root, withPath("/usr/bin:/bin"),
                    service("api", d -> {
                        d.setPreset("go");
                        d.setReadyPort(Integer.toString(port));
                    }),
                    service("web", d -> {
                        d.setRun("sleep 600");
                        d.setDelay("soon");
                    }));

            DoctorReport report = new Doctor(List.of(new ConfigurationCheck(), new ToolchainCheck(Duration.ofSeconds(30)),
                    new PortCheck(), new InotifyCheck(65_536, 128), new WatchCheck())).examine(project);

            List<String> lines = report.findings().stream().map(f -> f.level().word() + " " + f.text()).toList();
            assertThat(lines).hasSize(6);
            assertThat(lines.subList(0, 3)).containsExactly(
                    "problem web: <delay> 'soon' is not a duration.",
                    "problem api: go is not on the PATH",
                    "ok web: sleep at /usr/bin/sleep");
            assertThat(lines.get(3)).as("the port of a service whose go is missing")
                    .startsWith("problem api: port " + port + " (readyPort) is held by pid " + ProcessHandle.current().pid());
            assertThat(lines.subList(4, 6)).containsExactly(
                    "note inotify: nothing to count; not counted: api, whose configuration has problems; "
                            + "web, whose configuration has problems",
                    "note no watch is running for this project");
            assertThat(report.problems()).isEqualTo(3);
            assertThat(report.summary()).isEqualTo("3 problems found");
        }
    }
}
