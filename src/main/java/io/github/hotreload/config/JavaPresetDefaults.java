package io.github.hotreload.config;

import io.github.hotreload.java.JavaModule;
import io.github.hotreload.java.JavaReactor;
import io.github.hotreload.java.MainClassSources;
import io.github.hotreload.process.ExitAgentJar;
import io.github.hotreload.process.ShellCommand;
import io.github.hotreload.watch.GlobPattern;
import io.github.hotreload.watch.PathFilter;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code java} preset's defaults for a module of the reactor: watch its sources and
 * resources (and those of the reactor modules it depends on), compile in Maven's JVM, run its
 * main class with {@code java} on the module's runtime class path.
 */
final class JavaPresetDefaults {

    /** One saved file is the usual change, and a warm compile of it takes tens of milliseconds. */
    static final Duration JAVA_DELAY = Duration.ofMillis(50);
    /** Spring Boot's devtools restarts the application itself when classes change; the plugin restarts the JVM. */
    static final String NO_DEVTOOLS_RESTART = "-Dspring.devtools.restart.enabled=false";

    private JavaPresetDefaults() {}

    /** The defaults, or null when the service cannot be a java service (reported). */
    static PresetDefaults of(String name, Path dir, JavaReactor reactor, ServiceDefinition d, Checks checks) {
        JavaModule module = reactor.at(dir).orElse(null);
        if (module == null) {
            checks.problem("preset", "java needs a module of this build, and " + dir + " is none"
                            + (reactor.modules().isEmpty() ? " (this build has no Java module)" : "") + ".",
                    "point <directory> at a module of the reactor (a folder with a pom.xml listed in <modules>), "
                            + "declare the service in that module's own POM, or use <preset>exec</preset>.");
            return null;
        }
        if (!"jar".equals(module.packaging())) {
            checks.problem("preset", "java runs modules with packaging jar, and " + module.id() + " has packaging "
                            + module.packaging() + ".",
                    "point <directory> at the jar module that holds the main class, or use <preset>exec</preset>.");
            return null;
        }
        if (javax.tools.ToolProvider.getSystemJavaCompiler() == null) {
            checks.problem("preset", "java compiles in Maven's JVM, and Maven runs on a Java runtime without a compiler ("
                            + System.getProperty("java.home") + ").",
                    "run Maven with a JDK: set JAVA_HOME to a JDK 17 or newer.");
            return null;
        }
        Path java = javaExecutable(d, checks);
        String mainClass = mainClass(module, d, checks);
        if (java == null || mainClass == null) {
            return null;
        }
        List<JavaModule> upstream = reactor.upstreamOf(module);
        PresetDefaults x = new PresetDefaults();
        x.includes = includes(module);
        x.excludes = List.of("/target/");
        x.ignoredPaths.add(module.compiler().outputDirectory());
        x.delay = JAVA_DELAY;
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        boolean ahead = featureVersion(java.getParent().getParent()) >= 17;
        if (ahead) {
            argv.addAll(ExitAgentJar.prestartOptions(exitAgentJar(module),
                    exitAgentJar(module).resolveSibling(name + ".classes")));
        }
        if (module.hasDevtools()) {
            argv.add(NO_DEVTOOLS_RESTART);
        }
        if (d.getJvmArgs() != null) {
            d.getJvmArgs().stream().filter(a -> a != null && !a.isBlank()).map(String::strip).forEach(argv::add);
        }
        if (ahead) {
            argv.add(ExitAgentJar.prestartMainClass()); // runs mainClass once told to: see Prestart
        }
        argv.add(mainClass);
        if (d.getArgs() != null) {
            d.getArgs().stream().filter(a -> a != null).forEach(argv::add);
        }
        x.run = String.join(" ", argv.stream().map(ShellCommand::quote).toList());
        x.environment.put("CLASSPATH", classPath(module));
        List<PathFilter> filters = new ArrayList<>();
        for (JavaModule m : upstream) {
            filters.add(new PathFilter(m.directory(), compile(includes(m)), List.of(), compile(List.of("/target/")),
                    Set.of(m.compiler().outputDirectory())));
        }
        x.java = new JavaService(module, upstream, filters, mainClass, exitAgentJar(module));
        return x;
    }

    /**
     * Where the java preset puts the jar of the {@link io.github.hotreload.process.ExitAgent} that
     * ends a stopping JVM once its shutdown hooks are done: beside the module's output directory
     * (the builder writes it before the first start).
     */
    static Path exitAgentJar(JavaModule module) {
        return module.compiler().outputDirectory().resolveSibling("hotreload").resolve("exit-agent.jar");
    }

    /** What the service's JVM runs with: its own classes first, then the runtime class path. */
    static String classPath(JavaModule module) {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(module.compiler().outputDirectory().toString());
        for (Path p : module.runtimeClassPath()) {
            entries.add(p.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The Java feature version (8, 11, 17, ...) of a JDK or JRE folder, from its {@code release}
     * file; 0 when unknown. The JVM started ahead and the exit agent need 17 or newer (they use
     * options and JDK internals of that version), so an older runtime runs the service plainly.
     */
    static int featureVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "").trim();
                    String[] parts = v.split("[.+_-]");
                    int major = Integer.parseInt(parts[0]);
                    return major == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : major;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no release file: unknown
        }
        return home.equals(Path.of(System.getProperty("java.home"))) ? Runtime.version().feature() : 0;
    }

    private static Path javaExecutable(ServiceDefinition d, Checks checks) {
        String home = d.getJavaHome() == null || d.getJavaHome().isBlank() ? System.getProperty("java.home")
                : d.getJavaHome().trim();
        Path java = Path.of(home, "bin", "java");
        if (!Files.isExecutable(java)) {
            checks.problem("javaHome", home + " holds no bin/java to run the service with.",
                    "set <javaHome> to a JDK or JRE folder (one with bin/java), or leave it out to use the one Maven runs on.");
            return null;
        }
        return java;
    }

    private static String mainClass(JavaModule module, ServiceDefinition d, Checks checks) {
        List<Path> roots = module.compiler().sourceRoots();
        if (d.getMainClass() != null && !d.getMainClass().isBlank()) {
            String configured = d.getMainClass().trim();
            if (!MainClassSources.declares(roots, configured)) {
                checks.problem("mainClass", configured + " is not a class of " + module.id() + " (no source declares it).",
                        "name a class of the module, with its package, e.g. com.example.App; its sources are in "
                                + roots + ".");
                return null;
            }
            return configured;
        }
        for (String hint : module.mainClassHints()) {
            if (MainClassSources.declares(roots, hint)) {
                return hint;
            }
        }
        List<String> candidates = MainClassSources.find(roots);
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        checks.problem("mainClass", candidates.isEmpty()
                        ? "is not set, and no class of " + module.id() + " has a main method."
                        : "is not set, and several classes of " + module.id() + " have a main method: "
                                + String.join(", ", candidates) + ".",
                "set <mainClass> to the class that starts the service"
                        + (candidates.isEmpty() ? ", e.g. com.example.App." : ", e.g. <mainClass>" + candidates.get(0)
                                + "</mainClass>."));
        return null;
    }

    /** The module's source and resource roots, as globs relative to its directory. */
    static List<String> includes(JavaModule module) {
        List<String> globs = new ArrayList<>();
        List<Path> roots = new ArrayList<>(module.compiler().sourceRoots());
        roots.addAll(module.compiler().resourceRoots());
        for (Path root : roots) {
            Path abs = root.toAbsolutePath().normalize();
            if (abs.startsWith(module.directory()) && !abs.startsWith(module.directory().resolve("target"))) {
                String rel = module.directory().relativize(abs).toString().replace('\\', '/');
                if (!rel.isEmpty()) {
                    globs.add("/" + rel + "/**");
                }
            }
        }
        if (globs.isEmpty()) {
            globs.add("/src/main/**");
        }
        return globs;
    }

    private static List<GlobPattern> compile(List<String> globs) {
        return globs.stream().map(GlobPattern::compile).toList();
    }
}
