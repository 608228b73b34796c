package io.github.hotreload.doctor;

import io.github.hotreload.config.DeclaredService;
import io.github.hotreload.config.ServiceDefinition;
import io.github.hotreload.java.JavaReactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Projects for the doctor's checks, examined the way the goal examines them. */
final class Patients {

    private Patients() {}

    /** A service definition named {@code name}, as {@code customize} makes it. */
    static ServiceDefinition service(String name, Consumer<ServiceDefinition> customize) {
        ServiceDefinition d = new ServiceDefinition(name);
        customize.accept(d);
        return d;
    }

    /** The services of a project at {@code root}, with the environment, and no watch. */
    static Examination examine(Path root, Map<String, String> environment, ServiceDefinition... services) {
        return examine(root, environment, WatchState.of(root.resolve("target/.hotreload/control.properties")), services);
    }

    static Examination examine(Path root, Map<String, String> environment, WatchState watch, ServiceDefinition... services) {
        List<DeclaredService> declared = java.util.Arrays.stream(services)
                .map(d -> new DeclaredService(d, root, null, false)).toList();
        return Examination.of(declared, JavaReactor.none(), root, environment, List.of(), watch);
    }

    /** A Cargo package in {@code dir}. */
    static Path crate(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("Cargo.toml"), "[package]\nname = \"" + dir.getFileName() + "\"\nversion = \"0.1.0\"\n");
        Files.writeString(dir.resolve("src/main.rs"), "fn main() {}\n");
        return dir;
    }

    /** A Go module in {@code dir}. */
    static Path goModule(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), "module example.com/" + dir.getFileName() + "\n\ngo 1.19\n");
        Files.writeString(dir.resolve("main.go"), "package main\n\nfunc main() {}\n");
        return dir;
    }

    /** The environment with another PATH. */
    static Map<String, String> withPath(String path) {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("PATH", path);
        return env;
    }
}
