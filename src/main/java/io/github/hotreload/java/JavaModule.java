package io.github.hotreload.java;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A Java module of the build, as plain values that the Maven adapter reads off the reactor: how
 * to compile it, what it runs with, and which other modules of the reactor it depends on.
 *
 * @param id {@code groupId:artifactId}
 * @param directory the module's base directory
 * @param pom the module's POM file, for messages
 * @param packaging its packaging ({@code jar} for a service)
 * @param compiler how to compile it; the class path holds jars and the output directories of the
 *     reactor modules it depends on, never their jars, so a clean checkout works
 * @param runtimeClassPath what it runs with besides its own output directory: runtime jars and
 *     the output directories of the reactor modules it depends on
 * @param upstream the ids of the reactor modules it depends on, directly or not, in build order
 * @param mainClassHints main classes named by its build ({@code exec.mainClass}, Spring Boot's
 *     {@code start-class}, the jar plugin's manifest), first first
 */
public record JavaModule(
        String id,
        Path directory,
        Path pom,
        String packaging,
        CompilerSettings compiler,
        List<Path> runtimeClassPath,
        List<String> upstream,
        List<String> mainClassHints) {

    public JavaModule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(directory, "directory");
        runtimeClassPath = List.copyOf(runtimeClassPath);
        upstream = List.copyOf(upstream);
        mainClassHints = List.copyOf(mainClassHints);
    }

    /** Whether Spring Boot's devtools is on the class path (it would restart the application itself). */
    public boolean hasDevtools() {
        return runtimeClassPath.stream().anyMatch(p -> p.getFileName().toString().startsWith("spring-boot-devtools"));
    }
}
