package io.github.hotreload.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds a project's compose files as compose does when it is given none: {@code COMPOSE_FILE},
 * else the first of the usual names in the directory or the nearest one above it, with its
 * override file next to it. The plugin passes them with {@code -f}, as it adds a file of its own.
 */
public final class ComposeFiles {

    /** The names compose looks for, in its order. */
    static final List<String> NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml");

    private ComposeFiles() {}

    /**
     * The compose files for a service in {@code directory}: the configured ones (relative to the
     * directory), else as compose finds them; empty when there are none.
     *
     * @param configured the {@code <composeFile>} entries, or empty
     */
    public static List<Path> find(Path directory, List<String> configured, Map<String, String> environment) {
        if (!configured.isEmpty()) {
            return configured.stream().map(f -> directory.resolve(f).normalize()).toList();
        }
        String fromEnvironment = environment.get("COMPOSE_FILE");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            String separator = environment.getOrDefault("COMPOSE_PATH_SEPARATOR", ":");
            List<Path> files = new ArrayList<>();
            for (String f : fromEnvironment.split(java.util.regex.Pattern.quote(separator))) {
                if (!f.isBlank()) {
                    files.add(directory.resolve(f.strip()).normalize());
                }
            }
            return files;
        }
        for (Path dir = directory; dir != null; dir = dir.getParent()) {
            for (String name : NAMES) {
                Path file = dir.resolve(name);
                if (Files.isRegularFile(file)) {
                    List<Path> files = new ArrayList<>();
                    files.add(file);
                    String stem = name.substring(0, name.lastIndexOf('.'));
                    for (String ext : List.of(".yaml", ".yml")) {
                        Path override = dir.resolve(stem + ".override" + ext);
                        if (Files.isRegularFile(override)) {
                            files.add(override);
                            break;
                        }
                    }
                    return files;
                }
            }
        }
        return List.of();
    }
}
