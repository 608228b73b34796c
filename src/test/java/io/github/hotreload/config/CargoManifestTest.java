package io.github.hotreload.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where cargo builds to, found the way cargo finds it, on real files. */
class CargoManifestTest {

    @TempDir
    Path repo;

    private Path crate;

    @BeforeEach
    void crate() throws Exception {
        crate = Files.createDirectories(repo.resolve("services/core"));
        Files.writeString(crate.resolve("Cargo.toml"), "[package]\nname = \"core\"\nversion = \"0.1.0\"\n");
    }

    private void config(Path dir, String name, String text) throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve(".cargo")).resolve(name), text);
    }

    @Test
    void theCratesOwnTargetWithoutConfiguration() throws Exception {
        assertThat(CargoManifest.targetDirectory(crate, null)).isEqualTo(crate.resolve("target"));
    }

    @Test
    void theWorkspaceTargetForAMemberCrate() throws Exception {
        Files.writeString(repo.resolve("Cargo.toml"), "[workspace]\nmembers = [\"services/core\"]\n");
        assertThat(CargoManifest.targetDirectory(crate, null)).isEqualTo(repo.resolve("target"));
    }

    @Test
    void aConfiguredTargetDirRelativeToTheFolderThatHoldsDotCargo() throws Exception {
        Files.writeString(repo.resolve("Cargo.toml"), "[workspace]\nmembers = [\"services/core\"]\n");
        config(repo, "config.toml", "[net]\nretry = 2\n\n[build]\njobs = 2\ntarget-dir = \"build/cargo\"  # shared\n");
        assertThat(CargoManifest.targetDirectory(crate, null)).isEqualTo(repo.resolve("build/cargo"));
    }

    @Test
    void theNearestConfigurationWinsAndTheLegacyFileNameCounts() throws Exception {
        config(repo, "config.toml", "build.target-dir = \"far\"\n");
        assertThat(CargoManifest.targetDirectory(crate, null)).as("dotted key").isEqualTo(repo.resolve("far"));
        config(crate, "config", "[build]\ntarget-dir = \"/tmp/near\"\n");
        assertThat(CargoManifest.targetDirectory(crate, null)).isEqualTo(Path.of("/tmp/near"));
    }

    @Test
    void aConfigurationWithoutTargetDirDefersToTheOnesAbove() throws Exception {
        config(repo, "config.toml", "[build]\ntarget-dir = \"out\"\n");
        config(crate, "config.toml", "[build]\njobs = 1\n[env]\ntarget-dir = \"not-this\"\n");
        assertThat(CargoManifest.targetDirectory(crate, null)).isEqualTo(repo.resolve("out"));
    }

    @Test
    void cargoTargetDirInTheEnvironmentComesFirst() throws Exception {
        config(crate, "config.toml", "[build]\ntarget-dir = \"configured\"\n");
        assertThat(CargoManifest.targetDirectory(crate, "../shared-target")).isEqualTo(repo.resolve("services/shared-target"));
    }
}
