package io.github.hotreload.java;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** A module on disk in the Maven layout, for ModuleCompiler tests: write sources, load what was compiled. */
final class TestModule {

    final Path dir;
    final Path sources;
    final Path resources;
    final Path classes;

    TestModule(Path dir) {
        this.dir = dir;
        this.sources = dir.resolve("src/main/java");
        this.resources = dir.resolve("src/main/resources");
        this.classes = dir.resolve("target/classes");
    }

    CompilerSettings settings() {
        return CompilerSettings.defaults(dir);
    }

    /** Writes a source under src/main/java; returns its path. */
    Path source(String relative, String text) throws IOException {
        return Javac.write(sources, relative, text);
    }

    /** Writes a resource under src/main/resources; returns its path. */
    Path resource(String relative, String text) throws IOException {
        return Javac.write(resources, relative, text);
    }

    Path classFile(String relative) {
        return classes.resolve(relative);
    }

    byte[] bytes(String classFile) throws IOException {
        return Files.readAllBytes(classFile(classFile));
    }

    /** Calls {@code public static String name()} on a class loaded afresh from the output directory. */
    String call(String className, String method) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            Method m = loader.loadClass(className).getMethod(method);
            return String.valueOf(m.invoke(null));
        }
    }

    static Set<Path> changed(Path... paths) {
        return Set.of(paths);
    }
}
