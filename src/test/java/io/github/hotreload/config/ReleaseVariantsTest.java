package io.github.hotreload.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code hotreload:run} builds and runs: the preset's release variant unless the user says otherwise. */
class ReleaseVariantsTest {

    @TempDir
    Path root;

    @BeforeEach
    void services() throws Exception {
        Files.createDirectories(root.resolve("core/src"));
        Files.writeString(root.resolve("core/Cargo.toml"), "[package]\nname = \"core\"\nversion = \"0.1.0\"\n");
        Files.writeString(root.resolve("core/src/main.rs"), "fn main() {}\n");
        Files.createDirectories(root.resolve("api"));
        Files.writeString(root.resolve("api/go.mod"), "module example.com/api\n\ngo 1.21\n");
    }

    private ServiceSpec spec(String name, String preset, boolean release, Consumer<ServiceDefinition> change)
            throws Exception {
        ServiceDefinition d = new ServiceDefinition(name);
        d.setPreset(preset);
        change.accept(d);
        ServiceSpecResolver resolver = new ServiceSpecResolver(root, System.getenv());
        return (release ? resolver.release() : resolver).resolve(List.of(d)).get(0);
    }

    @Test
    void cargoBuildsAndRunsTheReleaseBinary() throws Exception {
        ServiceSpec dev = spec("core", "cargo", false, d -> {});
        ServiceSpec release = spec("core", "cargo", true, d -> {});

        assertThat(dev.build()).isEqualTo("cargo build --bin core");
        assertThat(dev.run()).isEqualTo("target/debug/core");
        assertThat(release.build()).isEqualTo("cargo build --release --bin core");
        assertThat(release.run()).isEqualTo("target/release/core");
    }

    @Test
    void aBuildOfTheUsersKeepsItsRunToo() throws Exception {
        // the user's build writes the debug binary: running target/release/core would fail
        ServiceSpec release = spec("core", "cargo", true, d -> d.setBuild("cargo build --bin core --features extra"));

        assertThat(release.build()).isEqualTo("cargo build --bin core --features extra");
        assertThat(release.run()).isEqualTo("target/debug/core");
    }

    @Test
    void goBuildsWithTrimpath() throws Exception {
        assertThat(spec("api", "go", true, d -> {}).build()).isEqualTo("go build -trimpath -o ./tmp/main .");
        assertThat(spec("api", "go", true, d -> {}).run()).isEqualTo("./tmp/main");
    }

    @Test
    void aServiceOverridesTheReleaseVariantOrKeepsItsOwnCommands() throws Exception {
        ServiceSpec own = spec("api", "go", true, d -> d.setBuild("go build -o ./tmp/api ."));
        assertThat(own.build()).isEqualTo("go build -o ./tmp/api .");

        ServiceSpec overridden = spec("api", "go", true, d -> {
            d.setBuild("go build -o ./tmp/api .");
            d.setReleaseBuild("go build -ldflags=-s -o ./tmp/api .");
            d.setReleaseRun("./tmp/api --production");
            d.setRun("./tmp/api");
        });
        assertThat(overridden.build()).isEqualTo("go build -ldflags=-s -o ./tmp/api .");
        assertThat(overridden.run()).isEqualTo("./tmp/api --production");
        // the watch never uses them
        assertThat(spec("api", "go", false, d -> d.setReleaseBuild("false")).build()).isEqualTo("go build -o ./tmp/main .");
    }
}
