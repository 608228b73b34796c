package io.github.hotreload.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a project's compose files as compose does. */
class ComposeFilesTest {

    @TempDir
    Path root;

    @Test
    void theNearestFileAboveTheServiceWithItsOverride() throws Exception {
        Path service = Files.createDirectories(root.resolve("services/api"));
        Files.writeString(root.resolve("docker-compose.yml"), "services: {}\n");
        Files.writeString(root.resolve("docker-compose.override.yml"), "services: {}\n");

        assertThat(ComposeFiles.find(service, List.of(), Map.of()))
                .containsExactly(root.resolve("docker-compose.yml"), root.resolve("docker-compose.override.yml"));
    }

    @Test
    void aFileInTheServiceDirectoryComesFirstAndComposeYamlBeforeTheOlderNames() throws Exception {
        Path service = Files.createDirectories(root.resolve("api"));
        Files.writeString(root.resolve("docker-compose.yml"), "services: {}\n");
        Files.writeString(service.resolve("docker-compose.yml"), "services: {}\n");
        Files.writeString(service.resolve("compose.yaml"), "services: {}\n");

        assertThat(ComposeFiles.find(service, List.of(), Map.of())).containsExactly(service.resolve("compose.yaml"));
    }

    @Test
    void configuredFilesAndComposeFileAreRelativeToTheServiceDirectory() throws Exception {
        Path service = Files.createDirectories(root.resolve("api"));
        Files.writeString(root.resolve("compose.yaml"), "services: {}\n");

        assertThat(ComposeFiles.find(service, List.of("../dev.yml", "../ci.yml"), Map.of()))
                .containsExactly(root.resolve("dev.yml"), root.resolve("ci.yml"));
        assertThat(ComposeFiles.find(service, List.of(), Map.of("COMPOSE_FILE", "../a.yml:../b.yml")))
                .containsExactly(root.resolve("a.yml"), root.resolve("b.yml"));
        assertThat(ComposeFiles.find(service, List.of(),
                Map.of("COMPOSE_FILE", "../a.yml;../b.yml", "COMPOSE_PATH_SEPARATOR", ";")))
                .containsExactly(root.resolve("a.yml"), root.resolve("b.yml"));
    }

    @Test
    void noFileAnywhereAboveIsNone() throws Exception {
        Path service = Files.createDirectories(root.resolve("api"));
        // the temporary directory's parents have no compose file either
        assertThat(ComposeFiles.find(service, List.of(), Map.of())).isEmpty();
    }
}
