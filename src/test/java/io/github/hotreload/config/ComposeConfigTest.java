package io.github.hotreload.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.hotreload.testing.Docker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <compose>}: what a service in a container gets from its compose file, and each mistake a
 * user can make refused before anything starts, with the element and the fix. Runs the real
 * docker and compose.
 */
class ComposeConfigTest {

    @TempDir
    Path root;

    @BeforeEach
    void project() throws Exception {
        Docker.assumeAvailable();
        Files.createDirectories(root.resolve("api"));
        Files.writeString(root.resolve("api/go.mod"), "module example.com/api\n\ngo 1.21\n");
        Files.writeString(root.resolve("api/Dockerfile"), "FROM scratch\nCOPY tmp/main /api\nCMD [\"/api\"]\n");
        Files.writeString(root.resolve("docker-compose.yml"), """
                version: "3.8"
                services:
                  api:
                    build: ./api
                    ports:
                      - "18080:8080"
                  db:
                    image: postgres:16
                    network_mode: host
                """);
    }

    private ServiceDefinition api(Consumer<ServiceDefinition> change) {
        ServiceDefinition d = new ServiceDefinition("api");
        d.setDirectory("api");
        d.setPreset("go");
        d.setCompose("api");
        change.accept(d);
        return d;
    }

    private ServiceSpec resolve(ServiceDefinition d, Map<String, String> environment) throws Exception {
        return new ServiceSpecResolver(root, environment).resolve(List.of(d)).get(0);
    }

    private String problems(ServiceDefinition d, Map<String, String> environment) {
        return assertThatThrownBy(() -> resolve(d, environment)).isInstanceOf(InvalidConfigurationException.class)
                .actual().getMessage();
    }

    @Test
    void aServiceInAContainerBuildsOnTheHostAndCopiesTheBinaryToTheContainersProgram() throws Exception {
        ServiceSpec spec = resolve(api(d -> {}), System.getenv());

        var c = spec.container();
        assertThat(c.composeService()).isEqualTo("api");
        assertThat(c.files()).containsExactly(root.resolve("docker-compose.yml"));
        assertThat(spec.build()).isEqualTo("go build -o ./tmp/main .");
        assertThat(spec.environment()).containsEntry("CGO_ENABLED", "0");
        assertThat(c.copies()).singleElement().satisfies(copy -> {
            assertThat(copy.from()).isEqualTo(root.resolve("api/tmp/main"));
            assertThat(copy.to()).as("the program of the container, found when it is created").isNull();
        });
        // the one published port is the readiness check
        assertThat(spec.readiness().port()).isEqualTo(18080);
        // the Dockerfile, the compose file and the module's manifests rebuild the image
        Path dir = root.resolve("api");
        assertThat(c.rebuilds(dir.resolve("Dockerfile"), dir)).isTrue();
        assertThat(c.rebuilds(root.resolve("docker-compose.yml"), dir)).isTrue();
        assertThat(c.rebuilds(dir.resolve("go.mod"), dir)).isTrue();
        assertThat(c.rebuilds(dir.resolve("main.go"), dir)).isFalse();
        // and are watched: the Dockerfile in the service's tree, the compose file in its own
        assertThat(spec.filter().acceptsFile(dir.resolve("Dockerfile"))).isTrue();
        assertThat(spec.filters()).anySatisfy(f -> assertThat(f.acceptsFile(root.resolve("docker-compose.yml"))).isTrue());
    }

    @Test
    void copyAndRebuildOnReplaceTheDefaults() throws Exception {
        ServiceSpec spec = resolve(api(d -> {
            d.setCopy("tmp/main:/usr/local/bin/api, static:/srv/static");
            d.setRebuildOn("/deps.txt");
        }), System.getenv());

        assertThat(spec.container().copies()).extracting(c -> c.from().toString(), c -> c.to())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(root.resolve("api/tmp/main").toString(), "/usr/local/bin/api"),
                        org.assertj.core.groups.Tuple.tuple(root.resolve("api/static").toString(), "/srv/static"));
        Path dir = root.resolve("api");
        assertThat(spec.container().rebuilds(dir.resolve("deps.txt"), dir)).isTrue();
        assertThat(spec.container().rebuilds(dir.resolve("go.mod"), dir)).isFalse();
    }

    @Test
    void anUnknownComposeServiceIsRefusedWithTheNamesThereAre() {
        String message = problems(api(d -> d.setCompose("apy")), System.getenv());

        assertThat(message).contains("api", "<compose>", "'apy' is not a service of", "docker-compose.yml",
                "it has api, db");
    }

    @Test
    void aReadinessPortTheContainerDoesNotPublishIsRefused() {
        String message = problems(api(d -> d.setReadyUrl("http://127.0.0.1:9999/health")), System.getenv());

        assertThat(message).contains("<readyUrl>", "port 9999", "does not publish", "[18080]", "network_mode: host");
    }

    @Test
    void aHostNetworkServiceIsReachableOnAnyPort() throws Exception {
        ServiceDefinition db = new ServiceDefinition("db");
        db.setDirectory("api");
        db.setCompose("db");
        db.setReadyPort("5432");

        assertThat(resolve(db, System.getenv()).readiness().port()).isEqualTo(5432);
    }

    @Test
    void aRunCommandAndTheJavaPresetDoNotApplyToAContainer() {
        assertThat(problems(api(d -> d.setRun("./tmp/main")), System.getenv()))
                .contains("<run>", "does not apply to a service in a container", "remove <run>");
    }

    @Test
    void aCopyThatIsNotAPairWithAnAbsoluteContainerPathIsRefused() {
        assertThat(problems(api(d -> d.setCopy("tmp/main:bin/api")), System.getenv()))
                .contains("<copy>", "'tmp/main:bin/api' is not HOST_PATH:CONTAINER_PATH", "target/debug/api:/usr/local/bin/api");
        assertThat(problems(api(d -> d.setCopy("tmp/main")), System.getenv())).contains("<copy>", "'tmp/main'");
    }

    @Test
    void theJavaPresetIsRefusedInAContainer() throws Exception {
        Files.writeString(root.resolve("api/pom.xml"), "<project/>");
        assertThat(problems(api(d -> d.setPreset("java")), System.getenv()))
                .contains("<compose>", "does not work with the java preset");
    }

    @Test
    void noComposeFileIsRefusedWithWhereItWasLookedFor() throws Exception {
        Files.delete(root.resolve("docker-compose.yml"));

        assertThat(problems(api(d -> {}), System.getenv()))
                .contains("<composeFile>", "no compose file in " + root.resolve("api"), "set <composeFile>");
    }

    @Test
    void aBrokenComposeFileIsRefusedWithComposesReason() throws Exception {
        Files.writeString(root.resolve("docker-compose.yml"), "services:\n  api:\n    build: ./api\n    ports: 12\n");

        assertThat(problems(api(d -> {}), System.getenv())).contains("<composeFile>", "compose cannot read");
    }

    @Test
    void noEngineIsRefusedWithHowToStartOne() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DOCKER_HOST", "unix://" + root.resolve("no-engine.sock"));

        assertThat(problems(api(d -> {}), env)).contains("<compose>", "no Docker engine answers", "DOCKER_HOST");
    }

    @Test
    void noComposeIsRefusedWithHowToInstallIt() throws Exception {
        // a PATH with docker and nothing else, and a docker configuration without the compose plugin
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path docker = io.github.hotreload.process.ShellCommand.locate("docker", root, System.getenv()).orElseThrow();
        Files.writeString(bin.resolve("docker"), "#!/bin/sh\nexec " + docker + " \"$@\"\n");
        bin.resolve("docker").toFile().setExecutable(true);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", bin.toString());
        env.put("DOCKER_CONFIG", Files.createDirectories(root.resolve("docker-config")).toString());

        assertThat(problems(api(d -> {}), env)).contains("<compose>", "needs Docker Compose", "apt-get install");
    }

    @Test
    void noDockerIsRefusedWithHowToInstallIt() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", root.toString());

        assertThat(problems(api(d -> {}), env)).contains("<compose>", "needs the docker command");
    }
}
