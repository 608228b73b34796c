package io.github.hotreload.config;

import io.github.hotreload.text.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The code a cargo or go service is built from that lies outside its directory: the crates it
 * depends on by path and the workspace around it (asked of {@code cargo metadata}), the modules
 * that {@code replace} points at a local directory and the modules of a {@code go.work} (read from
 * those files, whose grammar is small and fixed). A change there must rebuild the service, as a
 * change of its own sources does.
 *
 * <p>When the tool is missing or fails (a broken manifest), nothing outside is found: the build
 * reports the manifest's problem, and the service's own directory is watched as before.
 */
final class OutsideSources {

    /**
     * How long one {@code cargo metadata} may take: it reads manifests only, in well under a
     * second; a cargo that hangs must not hold up every goal for long.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * @param sourceTrees directories whose sources count, watched with the service's own filter
     * @param manifestRoots directories of which only the manifests named here count (the
     *     workspace's {@code Cargo.toml} and {@code Cargo.lock}, the {@code go.mod} of a module
     *     whose root lies above the service), each with the names that count there
     * @param buildWrites files outside the service that its build writes (a workspace's lock file)
     */
    record Found(List<Path> sourceTrees, Map<Path, List<String>> manifestRoots, Set<Path> buildWrites) {
        static final Found NONE = new Found(List.of(), Map.of(), Set.of());
    }

    private OutsideSources() {}

    /** What the crate in {@code dir} is built from outside {@code dir}. */
    static Found cargo(Path dir, Map<String, String> env) {
        Map<String, Object> metadata = cargoMetadata(dir.resolve("Cargo.toml"), dir, env);
        if (metadata == null) {
            return Found.NONE;
        }
        Set<Path> crates = new LinkedHashSet<>();
        Deque<Path> todo = new ArrayDeque<>();
        Map<Path, List<Path>> known = pathDependencies(metadata);
        todo.addAll(known.getOrDefault(dir.resolve("Cargo.toml"), List.of()));
        while (!todo.isEmpty()) {
            Path crate = todo.removeFirst();
            if (!crates.add(crate)) {
                continue;
            }
            Path manifest = crate.resolve("Cargo.toml");
            if (!known.containsKey(manifest)) {
                // a path dependency outside the workspace: cargo lists it with its own metadata
                Map<String, Object> more = cargoMetadata(manifest, crate, env);
                if (more != null) {
                    pathDependencies(more).forEach(known::putIfAbsent);
                }
            }
            todo.addAll(known.getOrDefault(manifest, List.of()));
        }
        List<Path> trees = new ArrayList<>();
        for (Path crate : crates) {
            addOutside(trees, crate, dir);
        }
        Map<Path, List<String>> manifests = new LinkedHashMap<>();
        Set<Path> writes = new LinkedHashSet<>();
        Object root = metadata.get("workspace_root");
        if (root instanceof String r) {
            Path workspace = real(Path.of(r));
            if (!workspace.equals(dir) && dir.startsWith(workspace) && !covered(trees, workspace)) {
                manifests.put(workspace, List.of("/Cargo.toml", "/Cargo.lock", "/.cargo/config.toml"));
                writes.add(workspace.resolve("Cargo.lock"));
            }
        }
        return new Found(List.copyOf(trees), manifests, writes);
    }

    /** What the Go package in {@code dir} is built from outside {@code dir}. */
    static Found go(Path dir, Map<String, String> env) {
        Path module = moduleRoot(dir);
        if (module == null) {
            return Found.NONE;
        }
        List<Path> trees = new ArrayList<>();
        Map<Path, List<String>> manifests = new LinkedHashMap<>();
        if (!module.equals(dir)) {
            manifests.put(module, List.of("/go.mod", "/go.sum"));
        }
        for (String target : GoModFile.read(module.resolve("go.mod")).localReplacements()) {
            addLocal(trees, module, target, dir);
        }
        Path work = goWork(module, env);
        if (work != null) {
            Path workDir = work.getParent();
            GoModFile workFile = GoModFile.read(work);
            for (String use : workFile.uses()) {
                Path used = real(workDir.resolve(use).normalize());
                if (!used.equals(module) && Files.isDirectory(used)) {
                    addOutside(trees, used, dir);
                }
            }
            for (String target : workFile.localReplacements()) {
                addLocal(trees, workDir, target, dir);
            }
            if (!covered(trees, workDir) && !workDir.equals(dir)) {
                manifests.merge(workDir, List.of("/go.work", "/go.work.sum"), (a, b) -> {
                    List<String> all = new ArrayList<>(a);
                    all.addAll(b);
                    return List.copyOf(all);
                });
            }
        }
        return new Found(List.copyOf(trees), manifests, Set.of());
    }

    /**
     * The {@code go.work} that applies to the module, as the go command finds it: {@code GOWORK}
     * (none when {@code off}), else the first {@code go.work} in the module's directory or above.
     */
    private static Path goWork(Path module, Map<String, String> env) {
        String gowork = env.get("GOWORK");
        if (gowork != null && !gowork.isBlank()) {
            if (gowork.strip().equals("off")) {
                return null;
            }
            Path p = module.resolve(gowork.strip());
            return Files.isRegularFile(p) ? p : null;
        }
        for (Path p = module; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("go.work"))) {
                return p.resolve("go.work");
            }
        }
        return null;
    }

    /** The directory of the {@code go.mod} at or above {@code dir}, or null. */
    static Path moduleRoot(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("go.mod"))) {
                return p;
            }
        }
        return null;
    }

    private static void addLocal(List<Path> trees, Path base, String target, Path dir) {
        Path local = base.resolve(target).normalize();
        if (Files.isDirectory(local)) {
            addOutside(trees, real(local), dir);
        }
    }

    /**
     * Adds {@code tree} unless the service's directory holds it already, or it holds the
     * service's directory (that would watch the service's neighbours too), or it is known.
     */
    private static void addOutside(List<Path> trees, Path tree, Path dir) {
        if (tree.startsWith(dir) || dir.startsWith(tree) || covered(trees, tree)) {
            return;
        }
        trees.removeIf(t -> t.startsWith(tree));
        trees.add(tree);
    }

    private static boolean covered(List<Path> trees, Path path) {
        for (Path t : trees) {
            if (path.startsWith(t)) {
                return true;
            }
        }
        return false;
    }

    /** Per package manifest of {@code metadata}: the directories of its path dependencies (not dev ones). */
    private static Map<Path, List<Path>> pathDependencies(Map<String, Object> metadata) {
        Map<Path, List<Path>> result = new LinkedHashMap<>();
        if (!(metadata.get("packages") instanceof List<?> packages)) {
            return result;
        }
        for (Object p : packages) {
            if (!(p instanceof Map<?, ?> pkg) || !(pkg.get("manifest_path") instanceof String manifest)) {
                continue;
            }
            List<Path> deps = new ArrayList<>();
            if (pkg.get("dependencies") instanceof List<?> list) {
                for (Object d : list) {
                    if (d instanceof Map<?, ?> dep && dep.get("path") instanceof String path
                            && !"dev".equals(dep.get("kind"))) {
                        deps.add(real(Path.of(path)));
                    }
                }
            }
            result.put(real(Path.of(manifest).getParent()).resolve("Cargo.toml"), deps);
        }
        return result;
    }

    private static Map<String, Object> cargoMetadata(Path manifest, Path dir, Map<String, String> env) {
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        return object(run(List.of("cargo", "metadata", "--format-version", "1", "--no-deps", "--offline",
                "--manifest-path", manifest.toString()), dir, env));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.parse(json) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /**
     * Runs a tool and returns what it printed, or null when it is missing, fails or takes longer
     * than {@link #TIMEOUT}. Its errors are dropped: the service's build shows them.
     */
    static String run(List<String> argv, Path dir, Map<String, String> env) {
        // the service's PATH finds the tool, as it will for the build
        Path tool = io.github.hotreload.process.ShellCommand.locate(argv.get(0), dir, env).orElse(null);
        if (tool == null) {
            return null; // the resolver reports a missing tool for the build command
        }
        List<String> command = new ArrayList<>(argv);
        command.set(0, tool.toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return null;
        }
        try (InputStream in = p.getInputStream()) {
            p.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    in.transferTo(out);
                } catch (IOException e) {
                    // the process went away; its exit code says the rest
                }
            }, "hotreload-" + argv.get(0));
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return null;
            }
            reader.join(TIMEOUT.toMillis());
            return p.exitValue() == 0 ? out.toString(StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
