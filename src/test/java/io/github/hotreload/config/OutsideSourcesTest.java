package io.github.hotreload.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hotreload.watch.PathFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code a cargo or go service is built from outside its directory, found by asking the real
 * cargo and go, and watched with the service's filter.
 */
class OutsideSourcesTest {

    @TempDir
    Path tmp;

    private Path root;

    private void crate(String dir, String name, String dependencies, boolean bin) throws Exception {
        Path d = Files.createDirectories(root.resolve(dir).resolve("src"));
        Files.writeString(d.getParent().resolve("Cargo.toml"), "[package]\nname = \"" + name
                + "\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n" + dependencies);
        Files.writeString(d.resolve(bin ? "main.rs" : "lib.rs"), bin ? "fn main() {}\n" : "pub fn f() {}\n");
    }

    private ServiceSpec resolve(String dir, String preset, String name) throws Exception {
        ServiceDefinition d = new ServiceDefinition(name);
        d.setDirectory(dir);
        d.setPreset(preset);
        return new ServiceSpecResolver(root, System.getenv()).resolve(List.of(d)).get(0);
    }

    private static List<Path> roots(ServiceSpec spec) {
        return spec.filters().stream().map(PathFilter::root).toList();
    }

    @Test
    void cargoPathDependenciesCountDirectlyOrNotButDevOnesDoNot() throws Exception {
        root = tmp.toRealPath();
        crate("deeper", "deeper", "", false);
        crate("shared", "shared", "[dependencies]\ndeeper = { path = \"../deeper\" }\n", false);
        crate("devonly", "devonly", "", false);
        crate("svc", "svc", "[dependencies]\nshared = { path = \"../shared\" }\n\n"
                + "[dev-dependencies]\ndevonly = { path = \"../devonly\" }\n", true);

        ServiceSpec spec = resolve("svc", "cargo", "svc");

        assertThat(roots(spec)).containsExactlyInAnyOrder(root.resolve("svc"), root.resolve("shared"), root.resolve("deeper"));
        PathFilter shared = spec.filters().stream().filter(f -> f.root().equals(root.resolve("shared"))).findFirst().orElseThrow();
        // the service's own filter, rooted at the dependency
        assertThat(shared.acceptsFile(root.resolve("shared/src/lib.rs"))).isTrue();
        assertThat(shared.acceptsFile(root.resolve("shared/Cargo.toml"))).isTrue();
        assertThat(shared.acceptsFile(root.resolve("shared/README.md"))).isFalse();
        assertThat(shared.acceptsDirectory(root.resolve("shared/target"))).isFalse();
    }

    @Test
    void aCargoWorkspaceMemberWatchesTheMembersItUsesAndTheWorkspaceManifests() throws Exception {
        root = tmp.toRealPath();
        Files.writeString(root.resolve("Cargo.toml"), "[workspace]\nmembers = [\"svc\", \"lib\", \"other\"]\nresolver = \"2\"\n");
        crate("lib", "lib", "", false);
        crate("other", "other", "", false);
        crate("svc", "svc", "[dependencies]\nlib = { path = \"../lib\" }\n", true);

        ServiceSpec spec = resolve("svc", "cargo", "svc");

        assertThat(roots(spec)).containsExactlyInAnyOrder(root.resolve("svc"), root.resolve("lib"), root);
        PathFilter workspace = spec.filters().stream().filter(f -> f.root().equals(root)).findFirst().orElseThrow();
        assertThat(workspace.acceptsFile(root.resolve("Cargo.toml"))).isTrue();
        assertThat(workspace.acceptsFile(root.resolve("Cargo.lock"))).isTrue();
        assertThat(workspace.acceptsFile(root.resolve("other/src/lib.rs"))).isFalse();
        assertThat(workspace.acceptsDirectory(root.resolve("other"))).isFalse();
        // the workspace's lock file is written by the build: it never triggers the next one
        assertThat(spec.buildWrites()).contains(root.resolve("Cargo.lock"));
    }

    @Test
    void goLocalReplacementsAndWorkspaceModulesCountAndGoModDoes() throws Exception {
        root = tmp.toRealPath();
        Path lib = Files.createDirectories(root.resolve("lib"));
        Files.writeString(lib.resolve("go.mod"), "module example.com/lib\n\ngo 1.21\n");
        Files.writeString(lib.resolve("lib.go"), "package lib\n");
        Path tool = Files.createDirectories(root.resolve("tool"));
        Files.writeString(tool.resolve("go.mod"), "module example.com/tool\n\ngo 1.21\n");
        Path svc = Files.createDirectories(root.resolve("svc"));
        Files.writeString(svc.resolve("go.mod"), "module example.com/svc\n\ngo 1.21\n\nrequire example.com/lib v0.0.0\n\n"
                + "replace example.com/lib => ../lib\n\nreplace example.com/remote => example.com/fork v1.2.3\n");
        Files.writeString(svc.resolve("main.go"), "package main\n\nfunc main() {}\n");

        ServiceSpec alone = resolve("svc", "go", "svc");
        assertThat(roots(alone)).containsExactly(svc, lib);
        assertThat(alone.filter().acceptsFile(svc.resolve("go.mod"))).isTrue();
        assertThat(alone.filter().acceptsFile(svc.resolve("go.sum"))).isTrue();
        PathFilter libFilter = alone.filters().get(1);
        assertThat(libFilter.acceptsFile(lib.resolve("lib.go"))).isTrue();
        assertThat(libFilter.acceptsFile(lib.resolve("lib_test.go"))).isFalse();

        Files.writeString(root.resolve("go.work"), "go 1.21\n\nuse (\n\t./svc\n\t./tool\n)\n");
        ServiceSpec inWorkspace = resolve("svc", "go", "svc");
        assertThat(roots(inWorkspace)).containsExactlyInAnyOrder(svc, lib, tool, root);
        PathFilter work = inWorkspace.filters().stream().filter(f -> f.root().equals(root)).findFirst().orElseThrow();
        assertThat(work.acceptsFile(root.resolve("go.work"))).isTrue();
        assertThat(work.acceptsDirectory(root.resolve("tool"))).isFalse();
    }

    @Test
    void aServiceInsideItsModuleWatchesTheModulesManifests() throws Exception {
        root = tmp.toRealPath();
        Files.writeString(root.resolve("go.mod"), "module example.com/mono\n\ngo 1.21\n");
        Path cmd = Files.createDirectories(root.resolve("cmd/api"));
        Files.writeString(cmd.resolve("main.go"), "package main\n\nfunc main() {}\n");

        ServiceSpec spec = resolve("cmd/api", "go", "api");

        assertThat(roots(spec)).containsExactly(cmd, root);
        assertThat(spec.filters().get(1).acceptsFile(root.resolve("go.mod"))).isTrue();
        assertThat(spec.filters().get(1).acceptsFile(root.resolve("internal/x.go"))).isFalse();
    }

    @Test
    void withoutTheToolNothingOutsideIsFound() throws Exception {
        root = tmp.toRealPath();
        crate("shared", "shared", "", false);
        crate("svc", "svc", "[dependencies]\nshared = { path = \"../shared\" }\n", true);

        OutsideSources.Found found = OutsideSources.cargo(root.resolve("svc"), Map.of("PATH", "/nonexistent"));

        assertThat(found.sourceTrees()).isEmpty();
        assertThat(found.manifestRoots()).isEmpty();
    }
}
