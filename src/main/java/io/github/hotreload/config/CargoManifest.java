package io.github.hotreload.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the {@code cargo} preset needs from a {@code Cargo.toml}: the package name, the binary
 * targets and where cargo puts its build output. Reads the few keys it needs line by line rather
 * than parsing all of TOML.
 */
final class CargoManifest {

    private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\[?\\s*([A-Za-z0-9_.\"-]+)\\s*]]?\\s*(#.*)?$");
    private static final Pattern NAME = Pattern.compile("^\\s*name\\s*=\\s*[\"']([^\"']+)[\"']");

    final String packageName;
    final List<String> binaries;
    final boolean workspace;

    private CargoManifest(String packageName, List<String> binaries, boolean workspace) {
        this.packageName = packageName;
        this.binaries = binaries;
        this.workspace = workspace;
    }

    static CargoManifest read(Path manifest) throws IOException {
        String packageName = null;
        List<String> binaries = new ArrayList<>();
        boolean workspace = false;
        String table = "";
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            Matcher t = TABLE.matcher(line);
            if (t.matches()) {
                table = line.trim().startsWith("[[") ? "[[" + t.group(1) : t.group(1);
                if (table.equals("workspace")) {
                    workspace = true;
                }
                continue;
            }
            Matcher n = NAME.matcher(line);
            if (n.find()) {
                if (table.equals("package") && packageName == null) {
                    packageName = n.group(1);
                } else if (table.equals("[[bin")) {
                    binaries.add(n.group(1));
                }
            }
        }
        return new CargoManifest(packageName, binaries, workspace);
    }

    private static final Pattern TARGET_DIR = Pattern.compile("^\\s*target-dir\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern DOTTED_TARGET_DIR =
            Pattern.compile("^\\s*build\\s*\\.\\s*target-dir\\s*=\\s*[\"']([^\"']+)[\"']");

    /**
     * The directory cargo builds into for the crate in {@code crateDir}, in cargo's order:
     * {@code CARGO_TARGET_DIR} when set; else {@code build.target-dir} of the nearest
     * {@code .cargo/config.toml} (or {@code .cargo/config}) in the crate's directory or above it,
     * relative to the directory that holds {@code .cargo/}; else {@code target/} of the enclosing
     * workspace, else of the crate.
     */
    static Path targetDirectory(Path crateDir, String cargoTargetDir) throws IOException {
        if (cargoTargetDir != null && !cargoTargetDir.isBlank()) {
            return crateDir.resolve(cargoTargetDir).normalize();
        }
        for (Path dir = crateDir; dir != null; dir = dir.getParent()) {
            for (String name : List.of("config.toml", "config")) {
                Path config = dir.resolve(".cargo").resolve(name);
                if (Files.isRegularFile(config)) {
                    String configured = configuredTargetDir(config);
                    if (configured != null) {
                        return dir.resolve(configured).normalize();
                    }
                    break; // cargo reads config.toml in preference to config
                }
            }
        }
        for (Path dir = crateDir; dir != null; dir = dir.getParent()) {
            Path manifest = dir.resolve("Cargo.toml");
            if (Files.isRegularFile(manifest) && read(manifest).workspace) {
                return dir.resolve("target");
            }
        }
        return crateDir.resolve("target");
    }

    /** {@code build.target-dir} of a cargo configuration file, or null. */
    private static String configuredTargetDir(Path config) throws IOException {
        String table = "";
        for (String line : Files.readAllLines(config, StandardCharsets.UTF_8)) {
            Matcher t = TABLE.matcher(line);
            if (t.matches()) {
                table = t.group(1);
                continue;
            }
            Matcher m = table.equals("build") ? TARGET_DIR.matcher(line) : table.isEmpty() ? DOTTED_TARGET_DIR.matcher(line) : null;
            if (m != null && m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
