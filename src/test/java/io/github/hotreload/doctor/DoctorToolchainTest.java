package io.github.hotreload.doctor;

import static io.github.hotreload.doctor.Patients.crate;
import static io.github.hotreload.doctor.Patients.examine;
import static io.github.hotreload.doctor.Patients.goModule;
import static io.github.hotreload.doctor.Patients.service;
import static io.github.hotreload.doctor.Patients.withPath;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tools each service needs, found (with their versions) or named as missing, with real cargo, go and java. */
class DoctorToolchainTest {

    @TempDir
    Path root;

    private final ToolchainCheck check = new ToolchainCheck(Duration.ofSeconds(30));

    @Test
    void namesTheVersionsOfCargoRustcAndGo() throws Exception {
        crate(root.resolve("core"));
        goModule(root.resolve("api"));

        List<Finding> findings = check.run(examine(root, System.getenv(),
                service("core", d -> d.setPreset("cargo")), service("api", d -> d.setPreset("go"))));

        assertThat(findings).extracting(Finding::level).containsOnly(Finding.Level.OK);
        assertThat(findings).extracting(Finding::text).hasSize(2)
                .anySatisfy(t -> assertThat(t).matches("core: cargo \\d+\\.\\d+\\.\\d+, rustc \\d+\\.\\d+\\.\\d+"))
                .anySatisfy(t -> assertThat(t).matches("api: go \\d+\\.\\d+(\\.\\d+)?"));
    }

    @Test
    void namesAToolchainMissingFromThePathWithHowToInstallIt() throws Exception {
        crate(root.resolve("core"));
        goModule(root.resolve("api"));
        Examination project = examine(root, withPath("/usr/bin:/bin"),
                service("core", d -> d.setPreset("cargo")), service("api", d -> d.setPreset("go")));

        List<Finding> findings = check.run(project);

        assertThat(findings).extracting(Finding::level).containsOnly(Finding.Level.PROBLEM);
        assertThat(findings).extracting(Finding::text)
                .containsExactly("core: cargo is not on the PATH", "core: rustc is not on the PATH", "api: go is not on the PATH");
        assertThat(findings.get(0).fix()).contains("rustup").contains("the PATH it sees is: /usr/bin:/bin");
        assertThat(findings.get(2).fix()).contains("https://go.dev/dl");
        // the configuration check leaves these to this check: one problem per missing tool
        assertThat(project.problems()).isNotEmpty();
        assertThat(new ConfigurationCheck().run(project)).as(project.problems().toString()).extracting(Finding::level).containsOnly(Finding.Level.OK);
    }

    @Test
    void saysWhenTheServicesOwnEnvironmentSetsThePath() throws Exception {
        goModule(root.resolve("api"));

        List<Finding> findings = check.run(examine(root, System.getenv(), service("api", d -> {
            d.setPreset("go");
            d.setEnvironment(java.util.Map.of("PATH", "/nowhere"));
        })));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.text()).isEqualTo("api: go is not on the PATH");
            assertThat(f.fix()).contains("the PATH it sees (set by the service's <environment>) is: /nowhere");
        });
    }

    @Test
    void namesEachProgramOfAnExecServiceWithWhereItIs() throws Exception {
        Files.createDirectories(root.resolve("web"));

        List<Finding> findings = check.run(examine(root, System.getenv(), service("web", d -> {
            d.setBuild("cp a b && no-such-tool --make");
            d.setRun("python3 -m http.server");
        })));

        Path cp = io.github.hotreload.process.ShellCommand.locate("cp", root, System.getenv()).orElseThrow();
        Path python = io.github.hotreload.process.ShellCommand.locate("python3", root, System.getenv()).orElseThrow();
        assertThat(findings).extracting(Finding::text)
                .containsExactly("web: cp at " + cp + ", python3 at " + python, "web: no-such-tool is not on the PATH");
    }

    @Test
    void aToolThatHangsIsStoppedAtTheTimeout() throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path go = Files.writeString(bin.resolve("go"), "#!/bin/sh\nsleep 60\n");
        Files.setPosixFilePermissions(go, PosixFilePermissions.fromString("rwx------"));
        goModule(root.resolve("api"));
        goModule(root.resolve("api2"));
        long start = System.nanoTime();

        List<Finding> findings = new ToolchainCheck(Duration.ofMillis(800)).run(examine(root,
                withPath(bin + ":/usr/bin:/bin"), service("api", d -> d.setPreset("go")),
                service("api2", d -> d.setPreset("go"))));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(findings).hasSize(2).allSatisfy(f -> {
            assertThat(f.level()).isEqualTo(Finding.Level.PROBLEM);
            assertThat(f.text()).contains(": go at " + go + " does not work: 'go version' did not answer within 800 ms");
            assertThat(f.fix()).contains("run 'go version' in a terminal");
        });
    }

    @Test
    void aJavaServiceRunsOnMavensJvmOrItsJavaHome() throws Exception {
        Path jre = Files.createDirectories(root.resolve("jre/bin"));
        Files.writeString(root.resolve("jre/release"), "JAVA_VERSION=\"21.0.2\"\n");
        Files.setPosixFilePermissions(Files.writeString(jre.resolve("java"), "#!/bin/sh\n"),
                PosixFilePermissions.fromString("rwx------"));

        List<Finding> findings = check.run(examine(root, System.getenv(),
                service("own", d -> d.setPreset("java")),
                service("other", d -> {
                    d.setPreset("java");
                    d.setJavaHome(root.resolve("jre").toString());
                }),
                service("none", d -> {
                    d.setPreset("java");
                    d.setJavaHome(root.resolve("nowhere").toString());
                })));

        assertThat(findings).extracting(Finding::text).containsExactly(
                "own: java " + System.getProperty("java.version") + " at " + System.getProperty("java.home")
                        + " (the JVM Maven runs on)",
                "other: java 21.0.2 at " + root.resolve("jre") + " (<javaHome>)",
                "none: <javaHome> " + root.resolve("nowhere") + " holds no bin/java to run the service with");
        assertThat(findings.get(2).level()).isEqualTo(Finding.Level.PROBLEM);
    }
}
