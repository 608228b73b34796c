package io.github.hotreload.config;

import io.github.hotreload.process.ShellCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a preset fills in for one service: the defaults that every element can override. */
final class PresetDefaults {

    /**
     * The quiet period after the last change. Short, because a change during a build cancels the
     * build (a burst gives one completed build however long it lasts), so the wait only has to
     * cover the few milliseconds between the writes of one save.
     */
    static final Duration DEFAULT_DELAY = Duration.ofMillis(50);

    List<String> includes = List.of();
    List<String> excludes = List.of();
    List<String> extensions = List.of();
    String build;
    String run;
    String clean;
    /** The build and run commands of {@code hotreload:run}; null where they are the same as build and run. */
    String releaseBuild;
    String releaseRun;
    /** What the service is built from outside its directory. */
    OutsideSources.Found outside = OutsideSources.Found.NONE;
    Duration delay = DEFAULT_DELAY;
    final Set<Path> ignoredPaths = new LinkedHashSet<>();
    final Set<Path> buildWrites = new LinkedHashSet<>();
    /** Variables the preset sets; the user's {@code <environment>} overrides them. */
    final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();
    /** For the java preset: what it compiles and runs. */
    JavaService java;
    /** The manifests of the preset's builds (globs): for a service in a container, they rebuild its image. */
    List<String> manifests = List.of();

    List<String> manifests() {
        return manifests;
    }

    /** The preset's defaults for this service, or null when the preset cannot serve it (reported). */
    static PresetDefaults of(Preset preset, String name, Path dir, Map<String, String> env, ServiceDefinition d,
            Checks checks) {
        PresetDefaults x = new PresetDefaults();
        switch (preset) {
            case CARGO -> {
                Path manifest = dir.resolve("Cargo.toml");
                if (!Files.isRegularFile(manifest)) {
                    checks.problem("preset", "cargo needs a Cargo.toml in " + dir + ", and there is none.",
                            "point <directory> at the crate, or use <preset>exec</preset> with your own <build> and <run>.");
                    return null;
                }
                CargoManifest m;
                Path target;
                try {
                    m = CargoManifest.read(manifest);
                    target = CargoManifest.targetDirectory(dir, env.get("CARGO_TARGET_DIR"));
                } catch (IOException e) {
                    checks.problem("preset", "cannot read " + manifest + ": " + e.getMessage() + ".",
                            "check that the file is readable.");
                    return null;
                }
                String binary = cargoBinary(m, dir, name, d, checks);
                x.includes = List.of("/Cargo.toml", "/Cargo.lock", "/build.rs", "src/**/*.rs");
                x.excludes = List.of("/target/");
                x.ignoredPaths.add(target);
                if (binary != null) {
                    x.build = "cargo build --bin " + ShellCommand.quote(binary);
                    Path exe = target.resolve("debug").resolve(binary);
                    x.run = ShellCommand.quote(relativeTo(dir, exe));
                    x.releaseBuild = "cargo build --release --bin " + ShellCommand.quote(binary);
                    x.releaseRun = ShellCommand.quote(relativeTo(dir, target.resolve("release").resolve(binary)));
                }
                x.outside = OutsideSources.cargo(dir, env);
                x.buildWrites.addAll(x.outside.buildWrites());
                x.clean = "cargo clean";
                x.manifests = List.of("/Cargo.toml", "/Cargo.lock");
                x.buildWrites.add(dir.resolve("Cargo.lock"));
            }
            case GO -> {
                if (!hasGoModule(dir)) {
                    checks.problem("preset", "go needs a go.mod in " + dir + " or a folder above it, and there is none.",
                            "run 'go mod init <module>' in the service folder, or point <directory> at a Go module.");
                    return null;
                }
                x.extensions = List.of("go", "tpl", "tmpl", "html");
                // the module's requirements: a go get or go mod tidy rebuilds without a restart of the watch
                x.includes = List.of("/go.mod", "/go.sum");
                x.excludes = List.of("/assets/", "/tmp/", "/vendor/", "testdata/", "*_test.go");
                x.build = "go build -o ./tmp/main .";
                x.run = "./tmp/main";
                x.releaseBuild = "go build -trimpath -o ./tmp/main .";
                x.clean = "rm -rf ./tmp";
                x.manifests = List.of("/go.mod", "/go.sum");
                x.outside = OutsideSources.go(dir, env);
            }
            case EXEC, JAVA -> {
                // exec assumes nothing; java has its own defaults (JavaPresetDefaults)
            }
        }
        return x;
    }

    private static String cargoBinary(CargoManifest m, Path dir, String name, ServiceDefinition d, Checks checks) {
        if (m.packageName == null) {
            if (d.getRun() == null || d.getBuild() == null) {
                checks.problem("preset", dir.resolve("Cargo.toml") + " has no [package] name.",
                        "point <directory> at a binary crate, or set <build> and <run>.");
            }
            return null;
        }
        if (m.binaries.isEmpty() || m.binaries.contains(m.packageName)
                || Files.isRegularFile(dir.resolve("src/main.rs"))) {
            return m.packageName;
        }
        if (m.binaries.size() == 1) {
            return m.binaries.get(0);
        }
        if (m.binaries.contains(name)) {
            return name;
        }
        if (d.getRun() == null || d.getBuild() == null) {
            checks.problem("preset", "the crate has several binaries (" + String.join(", ", m.binaries)
                            + ") and none is named like the service.",
                    "name the service after one of them, or set <build> to 'cargo build --bin NAME' "
                            + "and <run> to 'target/debug/NAME'.");
        }
        return null;
    }

    private static boolean hasGoModule(Path dir) {
        return OutsideSources.moduleRoot(dir) != null;
    }

    /** {@code file} relative to {@code dir} when inside it, else absolute. */
    private static String relativeTo(Path dir, Path file) {
        return file.startsWith(dir) ? dir.relativize(file).toString() : file.toString();
    }
}
