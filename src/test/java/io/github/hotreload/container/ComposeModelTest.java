package io.github.hotreload.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reading what {@code compose config} prints, in the shapes compose v1 and v2 normalize to. */
class ComposeModelTest {

    private static final Path PROJECT = Path.of("/work/project");

    @Test
    void readsBuildsImagesNetworksPortsAndVolumesOfEachService() {
        ComposeModel model = ComposeModel.parse("""
                version: '3.8'
                services:
                  api:
                    build:
                      context: /work/project/api
                      dockerfile: docker/Dockerfile.dev
                    network_mode: host
                  core:
                    build: ./core
                    ports:
                    - published: 8080
                      target: 80
                    - 127.0.0.1:9001:9001/tcp
                    - "7000-7002:7000-7002"
                    volumes:
                    - cargo-cache:/usr/local/cargo/registry:rw
                    - ./src:/app/src:ro
                    - type: volume
                      source: target-cache
                      target: /app/target
                  db:
                    image: postgres:16
                    ports:
                    - published: "5432"
                      target: 5432
                volumes:
                  cargo-cache: {}
                """, PROJECT);

        var api = model.services().get("api");
        assertThat(api.buildContext()).isEqualTo(Path.of("/work/project/api"));
        assertThat(api.dockerfile()).isEqualTo(Path.of("/work/project/api/docker/Dockerfile.dev"));
        assertThat(api.hostNetwork()).isTrue();
        assertThat(api.reachableOn(3000)).isTrue();

        var core = model.services().get("core");
        assertThat(core.buildContext()).isEqualTo(Path.of("/work/project/core"));
        assertThat(core.dockerfile()).isEqualTo(Path.of("/work/project/core/Dockerfile"));
        assertThat(core.published()).containsExactly(8080, 9001, 7000, 7001, 7002);
        assertThat(core.reachableOn(80)).as("the container's port is not the host's").isFalse();
        assertThat(core.namedVolumes()).containsExactly("cargo-cache", "target-cache");

        var db = model.services().get("db");
        assertThat(db.buildContext()).isNull();
        assertThat(db.image()).isEqualTo("postgres:16");
        assertThat(db.published()).containsExactly(5432);
        assertThat(db.hostNetwork()).isFalse();
    }

    @Test
    void aProjectWithoutServicesHasNone() {
        assertThat(ComposeModel.parse("version: '3.8'\n", PROJECT).services()).isEmpty();
    }
}
