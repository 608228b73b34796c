package io.github.hotreload.java;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Java modules of the build that services need, by directory and by id. */
public final class JavaReactor {

    private static final JavaReactor NONE = new JavaReactor(List.of());

    private final Map<Path, JavaModule> byDirectory = new LinkedHashMap<>();
    private final Map<String, JavaModule> byId = new LinkedHashMap<>();

    public JavaReactor(List<JavaModule> modules) {
        for (JavaModule m : modules) {
            byDirectory.put(m.directory().toAbsolutePath().normalize(), m);
            byId.put(m.id(), m);
        }
    }

    /** A build without Java modules (or whose modules were not read). */
    public static JavaReactor none() {
        return NONE;
    }

    /** The module whose base directory is {@code directory}. */
    public Optional<JavaModule> at(Path directory) {
        JavaModule m = byDirectory.get(directory.toAbsolutePath().normalize());
        if (m == null) {
            // a directory given through a symbolic link
            for (Map.Entry<Path, JavaModule> e : byDirectory.entrySet()) {
                try {
                    if (e.getKey().toRealPath().equals(directory.toRealPath())) {
                        return Optional.of(e.getValue());
                    }
                } catch (java.io.IOException ignored) {
                    // not this one
                }
            }
        }
        return Optional.ofNullable(m);
    }

    public Optional<JavaModule> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The modules that {@code module} depends on, in build order, as far as they are known here. */
    public List<JavaModule> upstreamOf(JavaModule module) {
        return module.upstream().stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    public List<JavaModule> modules() {
        return List.copyOf(byId.values());
    }
}
