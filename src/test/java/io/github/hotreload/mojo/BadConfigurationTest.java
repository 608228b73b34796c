package io.github.hotreload.mojo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.hotreload.testing.ChildProcesses;
import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.process.Survivors;
import io.github.hotreload.config.ProbeDefinition;
import io.github.hotreload.config.ServiceDefinition;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad configuration a user can write is refused before anything starts: a message names
 * the service and the element and says how to fix it, no process is started and no file of the
 * project changes.
 */
class BadConfigurationTest {

    @TempDir
    Path root;

    private Path project;

    /** A project with a Go, a Rust and a plain service directory, a file, and a folder outside it. */
    @BeforeEach
    void project() throws Exception {
        project = Files.createDirectories(root.resolve("project"));
        Files.createDirectories(root.resolve("outside"));
        Files.createDirectories(project.resolve("api"));
        Files.writeString(project.resolve("api/go.mod"), "module example.com/api\n\ngo 1.19\n");
        Files.writeString(project.resolve("api/main.go"), "package main\n\nfunc main() {}\n");
        Files.createDirectories(project.resolve("core/src"));
        Files.writeString(project.resolve("core/Cargo.toml"), "[package]\nname = \"core\"\nversion = \"0.1.0\"\n");
        Files.writeString(project.resolve("core/src/main.rs"), "fn main() {}\n");
        Files.createDirectories(project.resolve("web/static"));
        Files.writeString(project.resolve("web/index.txt"), "v1");
        Files.createDirectories(project.resolve("empty"));
        Files.writeString(project.resolve("notes.txt"), "a file");
    }

    record Case(String title, List<ServiceDefinition> services, List<String> expected) {
        @Override
        public String toString() {
            return title;
        }
    }

    private static ServiceDefinition web(Consumer<ServiceDefinition> change) {
        ServiceDefinition d = new ServiceDefinition("web");
        d.setRun("sleep 600");
        change.accept(d);
        return d;
    }

    private static Case bad(String title, Consumer<ServiceDefinition> change, String... expected) {
        return new Case(title, List.of(web(change)), List.of(expected));
    }

    private static Case bad(String title, List<ServiceDefinition> services, String... expected) {
        return new Case(title, services, List.of(expected));
    }

    static Stream<Case> cases() {
        ServiceDefinition api = new ServiceDefinition("api");
        api.setPreset("go");
        ServiceDefinition apiAgain = new ServiceDefinition("api");
        apiAgain.setDirectory("web");
        apiAgain.setRun("true");
        ServiceDefinition root = new ServiceDefinition("all");
        root.setDirectory(".");
        root.setRun("true");
        ServiceDefinition twin = new ServiceDefinition("twin");
        twin.setDirectory("web");
        twin.setRun("true");
        ServiceDefinition worker = new ServiceDefinition("worker");
        worker.setDirectory("api");
        worker.setPreset("go");
        ServiceDefinition toolInApi = new ServiceDefinition("tool");
        toolInApi.setDirectory("api");
        toolInApi.setRun("true");
        ServiceDefinition needsNobody = new ServiceDefinition("needs-nobody");
        needsNobody.setDirectory("web");
        needsNobody.setRun("true");
        needsNobody.setDependsOn("db");
        ServiceDefinition first = new ServiceDefinition("first");
        first.setDirectory("web");
        first.setRun("true");
        first.setDependsOn("second");
        ServiceDefinition second = new ServiceDefinition("second");
        second.setDirectory("empty");
        second.setRun("true");
        second.setDependsOn("first");
        ProbeDefinition missingProbe = new ProbeDefinition();
        missingProbe.setFile("nope.txt");
        return Stream.of(
                bad("no services at all", List.of(), "<services>", "no services are configured"),
                bad("an empty name", d -> d.setName(""), "'#1', <name>: is missing"),
                bad("a name with a space", d -> d.setName("my web"), "<name>: 'my web' is not a usable name"),
                bad("two services with one name", List.of(api, apiAgain), "service 'api', <name>: two services are named 'api'"),
                bad("an empty directory", d -> d.setDirectory(" "), "<directory>: is empty"),
                bad("a directory that does not exist", d -> d.setDirectory("nowhere"), "nowhere does not exist"),
                bad("a directory that is a file", d -> d.setDirectory("notes.txt"), "notes.txt is a file, not a directory"),
                bad("a directory outside the project", d -> d.setDirectory("../outside"), "is outside the project directory"),
                bad("a service inside another", List.of(root, web(d -> {})),
                        "service 'all', <directory>:", "contains the directory of service 'web' (web)", "<exclude>/web/</exclude>"),
                bad("two services in one directory", List.of(web(d -> {}), twin),
                        "service 'twin', <directory>:", "the directory of service 'web' too"),
                bad("two Go services in one module with one build", List.of(api, worker),
                        "service 'worker', <build>:", "as for service 'api' in the same directory",
                        "go build -o ./tmp/worker ./cmd/worker"),
                bad("a Go and an exec service in one directory", List.of(api, toolInApi),
                        "service 'tool', <directory>:", "the directory of service 'api' too",
                        "both services use that <preset>"),
                bad("an unknown preset", d -> d.setPreset("gradle"), "<preset>: 'gradle' is not a preset"),
                bad("a dependency that is no service", List.of(needsNobody),
                        "service 'needs-nobody', <dependsOn>: names 'db', which is not a service of this build",
                        "use the <name> of a service: needs-nobody"),
                bad("a service that depends on itself", d -> d.setDependsOn("web"),
                        "service 'web', <dependsOn>: names the service itself"),
                bad("a dependency that is no name", d -> d.setDependsOn("core, my db"),
                        "<dependsOn>: 'my db' is not a service name"),
                bad("an empty dependsOn", d -> d.setDependsOn(" "), "<dependsOn>: is empty"),
                bad("a dependency cycle", List.of(first, second),
                        "service 'first', <dependsOn>: makes a cycle: first -> second -> first"),
                bad("an empty preset", d -> d.setPreset(""), "<preset>: is empty"),
                bad("exec without run", d -> d.setRun(null), "<run>: is missing"),
                bad("a run command of spaces", d -> d.setRun("   "), "<run>: is blank"),
                bad("a build command of spaces", d -> d.setBuild(" \t "), "<build>: is blank"),
                bad("a build tool not on the PATH", d -> d.setBuild("make-it-so-9000 all"),
                        "<build>: runs 'make-it-so-9000', which is not on the PATH"),
                bad("cargo without Cargo.toml", d -> d.setPreset("cargo"), "<preset>: cargo needs a Cargo.toml"),
                bad("go without go.mod", d -> d.setPreset("go"), "<preset>: go needs a go.mod"),
                bad("a negative delay", d -> d.setDelay("-5s"), "<delay>: '-5s' is not a duration"),
                bad("a zero delay", d -> d.setDelay("0"), "<delay>: '0' is out of range"),
                bad("an absurd delay", d -> d.setDelay("3m"), "<delay>: '3m' is out of range"),
                bad("an absurd stop timeout", d -> d.setStopTimeout("90m"), "<stopTimeout>: '90m' is out of range"),
                bad("a max delay below the delay", d -> {
                    d.setDelay("2s");
                    d.setMaxDelay("1s");
                }, "<maxDelay>: is 1.0 s, shorter than <delay>"),
                bad("a zero readiness timeout", d -> d.setReadyTimeout("0ms"), "<readyTimeout>: '0ms' is out of range"),
                bad("readiness port 0", d -> d.setReadyPort("0"), "<readyPort>: '0' is not a TCP port"),
                bad("readiness port above 65535", d -> d.setReadyPort("70000"), "<readyPort>: '70000' is not a TCP port"),
                bad("a readiness port that is a word", d -> d.setReadyPort("http"), "<readyPort>: 'http' is not a TCP port"),
                bad("a readiness URL without scheme", d -> d.setReadyUrl("localhost:8080"), "<readyUrl>: 'localhost:8080' is not a valid HTTP URL"),
                bad("an empty readiness URL", d -> d.setReadyUrl(""), "<readyUrl>: '' is not a valid HTTP URL"),
                bad("a readiness pattern that does not compile", d -> d.setReadyLog("Listening (on"), "<readyLog>: 'Listening (on' is not a valid regular expression"),
                bad("an empty readiness pattern", d -> d.setReadyLog(""), "<readyLog>: is empty"),
                bad("an include that cannot be parsed", d -> d.setIncludes(List.of("src/[a.rs")), "<includes>: the glob 'src/[a.rs' cannot be parsed"),
                bad("an empty exclude", d -> d.setExcludes(List.of("")), "<excludes>: the glob '' cannot be parsed"),
                bad("an extension with a wildcard", d -> d.setExtensions(List.of("*.go")), "<extensions>: '*.go' is not a file extension"),
                bad("an environment name with a dash", d -> d.setEnvironment(Map.of("MY-VAR", "1")),
                        "<environment>: 'MY-VAR' is not a valid environment variable name"),
                bad("an environment name starting with a digit", d -> d.setEnvironment(Map.of("1ST", "x")),
                        "<environment>: '1ST' is not a valid environment variable name"),
                bad("an unknown restart policy", d -> d.setRestart("sometimes"), "<restart>: 'sometimes' is not a restart policy", "on-failure, always, never"),
                bad("a poll interval too short", d -> d.setPoll("5ms"), "<poll>: '5ms' is out of range"),
                bad("a probe file that does not exist", d -> d.setProbe(missingProbe), "<probe>: <file>", "nope.txt does not exist"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedBeforeAnythingStarts(Case c) throws Exception {
        Map<String, String> before = snapshot();
        java.util.Set<Long> children = ChildProcesses.now();
        WatchMojo mojo = new WatchMojo();
        mojo.services = new ArrayList<>(c.services());
        mojo.baseDirectory = project.toFile();
        mojo.stateDirectory = new File(project.toFile(), "target/.hotreload");

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .message()
                .contains(c.expected())
                .contains("Fix: ");

        assertThat(ChildProcesses.startedSince(children)).as("processes started").isEmpty();
        assertThat(snapshot()).as("the project's files").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void namesTheServiceWhenThereIsOne(Case c) {
        if (c.services().isEmpty()) {
            return;
        }
        WatchMojo mojo = new WatchMojo();
        mojo.services = new ArrayList<>(c.services());
        mojo.baseDirectory = project.toFile();
        mojo.stateDirectory = new File(project.toFile(), "target/.hotreload");
        assertThatThrownBy(mojo::execute).message().containsPattern("service '[^']+', <");
    }

    /** Every file and directory of the project with its content and modification time. */
    private Map<String, String> snapshot() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                String value = Files.getLastModifiedTime(p).toMillis() + ":"
                        + (Files.isRegularFile(p) ? Arrays.hashCode(Files.readAllBytes(p)) : "dir");
                files.put(root.relativize(p).toString(), value);
            }
        }
        return files;
    }
}
