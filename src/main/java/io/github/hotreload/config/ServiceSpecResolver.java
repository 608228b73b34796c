package io.github.hotreload.config;

import io.github.hotreload.process.Readiness;
import io.github.hotreload.process.ShellCommand;
import io.github.hotreload.watch.GlobPattern;
import io.github.hotreload.watch.IgnoreRules;
import io.github.hotreload.watch.PathFilter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import io.github.hotreload.java.JavaReactor;

/**
 * Turns the {@code <services>} the user wrote into checked {@link ServiceSpec}s: fills in each
 * preset's defaults, applies the user's overrides and reports every problem at once, before
 * anything is started.
 */
public final class ServiceSpecResolver {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9_+-]+(\\.[A-Za-z0-9_+-]+)*");

    static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(10);
    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path baseDirectory;
    private final Map<String, String> processEnvironment;
    private final boolean release;
    private final boolean partial;
    private final ComposeResolver composeResolver;

    /**
     * @param baseDirectory the project's base directory; service directories are relative to it
     * @param processEnvironment the environment the plugin runs with (for PATH lookups)
     */
    public ServiceSpecResolver(Path baseDirectory, Map<String, String> processEnvironment) {
        this(baseDirectory, processEnvironment, false, false);
    }

    private ServiceSpecResolver(Path baseDirectory, Map<String, String> processEnvironment, boolean release,
            boolean partial) {
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
        this.processEnvironment = Map.copyOf(processEnvironment);
        this.release = release;
        this.partial = partial;
        this.composeResolver = new ComposeResolver(this.processEnvironment);
    }

    /**
     * A resolver for some of the build's services only (a module's own, as verify-reload bound in
     * a module sees them): a {@code <dependsOn>} may name a service declared elsewhere, which is
     * then not waited for.
     */
    public ServiceSpecResolver partial() {
        return new ServiceSpecResolver(baseDirectory, processEnvironment, release, true);
    }

    /**
     * A resolver for {@code hotreload:run}: each service's build and run are its
     * {@code <releaseBuild>} and {@code <releaseRun>}, else the preset's release variants (cargo
     * {@code --release}, go {@code -trimpath}) where the user kept the preset's build and run,
     * else its {@code <build>} and {@code <run>}.
     */
    public ServiceSpecResolver release() {
        return new ServiceSpecResolver(baseDirectory, processEnvironment, true, partial);
    }

    /** Resolves services that are all declared by the project at the base directory. */
    public List<ServiceSpec> resolve(List<ServiceDefinition> definitions) throws InvalidConfigurationException {
        List<DeclaredService> declared = new ArrayList<>();
        if (definitions != null) {
            for (ServiceDefinition d : definitions) {
                declared.add(new DeclaredService(d, baseDirectory, null, false));
            }
        }
        return resolveDeclared(declared, JavaReactor.none());
    }

    /**
     * Resolves the services of a whole build: each relative to the POM that declares it, the
     * {@code java} ones against the reactor's Java modules.
     */
    public List<ServiceSpec> resolveDeclared(List<DeclaredService> declared, JavaReactor reactor)
            throws InvalidConfigurationException {
        List<ConfigurationProblem> problems = new ArrayList<>();
        if (declared.isEmpty()) {
            problems.add(new ConfigurationProblem(
                    null,
                    "services",
                    "no services are configured, so there is nothing to watch.",
                    "add a <services> block to the plugin's <configuration>, with one <service> per service, "
                            + "each with at least a <name> and a <preset> (cargo, go, java) or a <run> command; in a "
                            + "multi-module build, the root POM or any module's POM may declare them."));
            throw new InvalidConfigurationException(problems);
        }
        Map<String, DeclaredService> names = new HashMap<>();
        List<ServiceSpec> specs = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            DeclaredService d = declared.get(i);
            if (d.definition() == null) {
                continue;
            }
            ServiceSpec spec = new One(d, i, problems, reactor).resolve(names);
            if (spec != null) {
                specs.add(spec);
            }
        }
        if (problems.isEmpty()) {
            checkOverlaps(specs, problems);
            StartOrder.check(specs, problems, partial);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return List.copyOf(specs);
    }

    /**
     * Refuses a service whose directory lies inside another's that watches it (the outer service
     * would rebuild on every change of the inner one, its build output included), and two services
     * in one directory unless {@link #checkShared} allows it.
     */
    private static void checkOverlaps(List<ServiceSpec> specs, List<ConfigurationProblem> problems) {
        for (ServiceSpec outer : specs) {
            for (ServiceSpec inner : specs) {
                if (outer == inner || !inner.directory().startsWith(outer.directory())) {
                    continue;
                }
                if (outer.directory().equals(inner.directory())) {
                    if (specs.indexOf(inner) > specs.indexOf(outer)) {
                        checkShared(outer, inner, problems);
                    }
                } else if (outer.filter().acceptsDirectory(inner.directory())) {
                    String rel = outer.directory().relativize(inner.directory()).toString().replace('\\', '/');
                    problems.add(new ConfigurationProblem(outer.name(), "directory",
                            outer.directory() + " contains the directory of service '" + inner.name() + "' (" + rel
                                    + "), so '" + outer.name() + "' would rebuild on every change of '" + inner.name()
                                    + "', its build output included.",
                            "add <exclude>/" + rel + "/</exclude> to the <excludes> of '" + outer.name()
                                    + "', or move one of the services."));
                }
            }
        }
    }

    /**
     * Two services in one directory: fine for two binaries of one Go module or one Cargo package
     * (both with that preset, which keeps the build output out of the watch, and each with its
     * own build), refused otherwise.
     */
    private static void checkShared(ServiceSpec first, ServiceSpec second, List<ConfigurationProblem> problems) {
        boolean samePreset = first.preset() == second.preset() && first.preset() != Preset.EXEC;
        if (!samePreset) {
            problems.add(new ConfigurationProblem(second.name(), "directory",
                    "is " + second.directory() + ", the directory of service '" + first.name()
                            + "' too, so each would rebuild on the other's changes and build output.",
                    "give each service its own <directory>. Two binaries of one Go module or Cargo package may"
                            + " share one when both services use that <preset> (go or cargo) and each has its own"
                            + " <build> and <run>."));
            return;
        }
        boolean sameBuild = Objects.equals(first.build(), second.build());
        if (sameBuild || first.run().equals(second.run())) {
            String element = sameBuild ? "build" : "run";
            problems.add(new ConfigurationProblem(second.name(), element,
                    "is '" + (sameBuild ? second.build() : second.run()) + "', as for service '" + first.name()
                            + "' in the same directory, so both would " + element + " the same program.",
                    first.preset() == Preset.GO
                            ? "give each its own <build> and <run>, such as <build>go build -o ./tmp/" + second.name()
                                    + " ./cmd/" + second.name() + "</build> and <run>./tmp/" + second.name() + "</run>."
                            : "name each service after its binary (the cargo preset builds --bin NAME), or give each"
                                    + " its own <build> and <run>."));
        }
    }

    /** Resolves one service, adding what is wrong with it to the shared list. */
    private final class One {
        private final ServiceDefinition d;
        private final DeclaredService declared;
        private final Path base;
        private final JavaReactor reactor;
        private final Checks checks;

        One(DeclaredService declared, int index, List<ConfigurationProblem> problems, JavaReactor reactor) {
            this.declared = declared;
            this.d = declared.definition();
            this.base = declared.baseDirectory().toAbsolutePath().normalize();
            this.reactor = reactor;
            this.checks = new Checks(d.getName() == null || d.getName().isBlank()
                    ? "#" + (index + 1)
                    : d.getName().trim(), problems);
        }

        void problem(String element, String problem, String fix) {
            checks.problem(element, problem, fix);
        }

        Duration duration(String element, String text, Duration fallback, Duration min, Duration max) {
            return checks.duration(element, text, fallback, min, max);
        }

        ServiceSpec resolve(Map<String, DeclaredService> names) {
            int before = checks.count();
            String name = name(names);
            Path directory = directory(name);
            Preset preset = preset();
            Map<String, String> environment = environment();
            Map<String, String> effectiveEnvironment = new HashMap<>(processEnvironment);
            effectiveEnvironment.putAll(environment);

            PresetDefaults defaults = directory != null && preset != null
                    ? (preset == Preset.JAVA
                            ? JavaPresetDefaults.of(name, directory, reactor, d, checks)
                            : PresetDefaults.of(preset, name, directory, effectiveEnvironment, d, checks))
                    : null;
            if (defaults == null) {
                // the problem is reported; check the rest so the user sees everything at once
                defaults = new PresetDefaults();
            }

            List<GlobPattern> includes = globs("includes", d.getIncludes(), defaults.includes);
            List<GlobPattern> excludes = globs("excludes", d.getExcludes(), defaults.excludes);
            List<String> extensions = extensions(defaults.extensions);

            if (!defaults.environment.isEmpty()) {
                Map<String, String> merged = new LinkedHashMap<>(defaults.environment);
                merged.putAll(environment);
                environment = merged;
                effectiveEnvironment.putAll(defaults.environment);
                effectiveEnvironment.putAll(environment);
            }
            String build = command("build", d.getBuild(), defaults.build);
            String run = command("run", d.getRun(), defaults.run);
            if (release) {
                // the preset's release pair only where both are the preset's: a build of the user's
                // does not write the preset's release binary, nor does a run of theirs start it
                boolean presets = d.getBuild() == null && d.getRun() == null;
                build = command("releaseBuild", d.getReleaseBuild(),
                        presets && defaults.releaseBuild != null ? defaults.releaseBuild : build);
                run = command("releaseRun", d.getReleaseRun(),
                        presets && defaults.releaseRun != null ? defaults.releaseRun : run);
            }
            List<String> dependsOn = dependsOn(name);
            String clean = command("clean", d.getClean(), defaults.clean);
            boolean inContainer = d.getCompose() != null;
            if (inContainer && preset == Preset.GO && !environment.containsKey("CGO_ENABLED")) {
                // a binary built here runs in the container's file system: statically linked
                Map<String, String> merged = new LinkedHashMap<>(environment);
                merged.put("CGO_ENABLED", "0");
                environment = merged;
                effectiveEnvironment.put("CGO_ENABLED", "0");
            }
            if (run == null && preset == Preset.EXEC && d.getRun() == null && !inContainer) {
                problem("run",
                        "is missing: the exec preset (the default) runs whatever <run> says.",
                        "add <run> with the command that starts the service, e.g. <run>./server --port 8080</run>"
                                + ", or use <preset>cargo</preset> or <preset>go</preset>.");
            }
            if (directory != null) {
                checkPrograms("build", build, directory, effectiveEnvironment, false);
                if (!inContainer) {
                    checkPrograms("run", run, directory, effectiveEnvironment, build != null);
                }
                checkPrograms("clean", clean, directory, effectiveEnvironment, false);
            }

            Duration delay = duration("delay", d.getDelay(), defaults.delay, Duration.ofMillis(10), Duration.ofMinutes(1));
            Duration maxDelay = duration("maxDelay", d.getMaxDelay(), DEFAULT_MAX_DELAY, Duration.ofMillis(10), Duration.ofMinutes(10));
            if (delay != null && maxDelay != null && maxDelay.compareTo(delay) < 0) {
                problem("maxDelay",
                        "is " + DurationParser.format(maxDelay) + ", shorter than <delay> ("
                                + DurationParser.format(delay) + "), so the quiet period could never end a burst.",
                        "set <maxDelay> to at least <delay>, or leave it out (default "
                                + DurationParser.format(DEFAULT_MAX_DELAY) + ").");
            }
            Duration stopTimeout = duration("stopTimeout", d.getStopTimeout(), DEFAULT_STOP_TIMEOUT, Duration.ZERO, Duration.ofMinutes(10));
            Readiness readiness = readiness();
            Duration poll = duration("poll", d.getPoll(), null, Duration.ofMillis(100), Duration.ofMinutes(1));
            RestartPolicy restart = RestartPolicy.ON_FAILURE;
            if (d.getRestart() != null) {
                restart = RestartPolicy.of(d.getRestart()).orElse(null);
                if (restart == null) {
                    problem("restart", "'" + d.getRestart().trim() + "' is not a restart policy.",
                            "use one of " + RestartPolicy.known() + ".");
                }
            }

            boolean gitignore = checks.bool("gitignore", d.getGitignore(), true,
                    "false to let .gitignore, .ignore and git's excludes decide nothing for this service");

            ComposeResolver.Resolved container = null;
            if (inContainer && directory != null) {
                String hostProgram = null;
                if (run != null) {
                    List<String> programs = new ShellCommand(run).programs();
                    hostProgram = programs.isEmpty() ? null : programs.get(0);
                }
                container = composeResolver.resolve(d, directory, preset, build, hostProgram,
                        defaults.manifests(), readiness, effectiveEnvironment, checks);
                if (container != null) {
                    readiness = container.readiness();
                    run = ComposeResolver.runCommand(container.container());
                }
            }
            if (checks.count() > before || directory == null) {
                return null;
            }
            Set<Path> ignored = new LinkedHashSet<>(defaults.ignoredPaths);
            for (String program : new ShellCommand(run).programs()) {
                if (program.contains("/")) {
                    Path output = directory.resolve(program).normalize();
                    if (output.startsWith(directory)) {
                        ignored.add(output);
                    }
                }
            }
            List<PathFilter> outside = new ArrayList<>();
            if (container != null) {
                // what rebuilds the image counts as a change too, here or next to the compose file
                includes = new ArrayList<>(includes);
                for (var g : container.container().rebuildGlobs()) {
                    if (!includes.contains(g) && !g.toString().equals("**")) {
                        includes.add(g);
                    }
                }
                Map<Path, List<GlobPattern>> elsewhere = new LinkedHashMap<>();
                for (Path f : container.container().rebuildFiles()) {
                    if (f.startsWith(directory)) {
                        includes.add(GlobPattern.compile("/" + directory.relativize(f).toString().replace('\\', '/')));
                    } else {
                        elsewhere.computeIfAbsent(f.getParent(), k -> new ArrayList<>())
                                .add(GlobPattern.compile("/" + f.getFileName()));
                    }
                }
                elsewhere.forEach((root, counted) -> outside.add(new PathFilter(root, counted, List.of(), List.of(),
                        Set.of())));
            }
            PathFilter filter = new PathFilter(directory, includes, extensions, excludes, ignored,
                    gitignore ? IgnoreRules.forService(directory, processEnvironment) : null);
            for (Path tree : defaults.outside.sourceTrees()) {
                // the tree's own repository's ignore files, as for the service's directory
                outside.add(new PathFilter(tree, includes, extensions, excludes, Set.of(),
                        gitignore ? IgnoreRules.forService(tree, processEnvironment) : null));
            }
            defaults.outside.manifestRoots().forEach((root, counted) -> outside.add(new PathFilter(root,
                    counted.stream().map(GlobPattern::compile).toList(), List.of(), List.of(), Set.of())));
            JavaService java = defaults.java;
            if (java != null && gitignore) {
                // a module the service depends on: its own repository's ignore files, as for the service's
                java = new JavaService(java.module(), java.upstream(), java.upstreamFilters().stream()
                        .map(f -> f.withIgnoreRules(IgnoreRules.forService(f.root(), processEnvironment))).toList(),
                        java.mainClass(), java.exitAgentJar());
            }
            Probe probe = ProbeResolver.resolve(d, preset, directory, filter, java, checks);
            if (checks.count() > before) {
                return null;
            }
            return new ServiceSpec(name, directory, preset, filter, build, run, clean, environment, delay, maxDelay,
                    stopTimeout, readiness, defaults.buildWrites, probe, restart, poll, java, outside, dependsOn,
                    container == null ? null : container.container());
        }

        private String name(Map<String, DeclaredService> names) {
            String name = d.getName();
            if (name == null || name.isBlank()) {
                problem("name", "is missing.",
                        "give every <service> a <name>, such as <name>api</name>; it prefixes the service's output.");
                return null;
            }
            name = name.trim();
            if (!NAME.matcher(name).matches()) {
                problem("name", "'" + name + "' is not a usable name.",
                        "use 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit.");
                return null;
            }
            DeclaredService other = names.putIfAbsent(name, declared);
            if (other != null) {
                boolean twoPoms = other.declaredIn() != null && declared.declaredIn() != null
                        && !other.declaredIn().equals(declared.declaredIn());
                problem("name", twoPoms
                                ? "two services are named '" + name + "': one in " + other.declaredIn() + ", one in "
                                        + declared.declaredIn() + "."
                                : "two services are named '" + name + "'.",
                        "give each <service> its own <name>; names are unique across the whole build.");
                return null;
            }
            return name;
        }

        /** The names {@code <dependsOn>} lists, checked for form; whether they exist is checked once all are known. */
        private List<String> dependsOn(String self) {
            String text = d.getDependsOn();
            if (text == null) {
                return List.of();
            }
            Set<String> names = new LinkedHashSet<>();
            for (String part : text.split(",")) {
                String n = part.trim();
                if (n.isEmpty()) {
                    continue;
                }
                if (!NAME.matcher(n).matches()) {
                    problem("dependsOn", "'" + n + "' is not a service name.",
                            "list the names of the services that must be ready first, separated by commas, "
                                    + "e.g. <dependsOn>db, core</dependsOn>.");
                } else if (n.equals(self)) {
                    problem("dependsOn", "names the service itself.", "remove '" + n + "' from its <dependsOn>.");
                } else {
                    names.add(n);
                }
            }
            if (text.isBlank()) {
                problem("dependsOn", "is empty.", "name the services that must be ready first, or leave it out.");
            }
            return List.copyOf(names);
        }

        private Path directory(String name) {
            String dir = d.getDirectory();
            if (dir == null) {
                boolean java = d.getPreset() != null && Preset.of(d.getPreset()).orElse(null) == Preset.JAVA;
                if (declared.module() || java) {
                    return real(base); // a module's service (and any java service) is the declaring module itself
                }
                if (name == null) {
                    return null;
                }
                dir = name;
            } else if (dir.isBlank()) {
                problem("directory", "is empty.",
                        "set <directory> to the service's folder, relative to " + base + ".");
                return null;
            }
            Path path;
            try {
                path = base.resolve(dir.trim()).normalize();
            } catch (InvalidPathException e) {
                problem("directory", "'" + dir + "' is not a valid path: " + e.getReason() + ".",
                        "set <directory> to the service's folder, relative to " + base + ".");
                return null;
            }
            String hint = d.getDirectory() == null
                    ? " (<directory> defaults to the service name)"
                    : "";
            if (!path.startsWith(baseDirectory)) {
                problem("directory", path + " is outside the project directory " + baseDirectory
                                + "; the plugin only watches services of the project that configures it.",
                        "configure the plugin in a project whose directory holds every service (such as the "
                                + "repository's root POM), or move the service into " + baseDirectory + ".");
                return null;
            }
            if (!Files.exists(path)) {
                problem("directory", path + " does not exist" + hint + ".",
                        "set <directory> to the service's folder, relative to " + base + ".");
                return null;
            }
            if (!Files.isDirectory(path)) {
                problem("directory", path + " is a file, not a directory" + hint + ".",
                        "set <directory> to the folder that holds the service's sources.");
                return null;
            }
            return real(path);
        }

        private Path real(Path path) {
            try {
                return path.toRealPath();
            } catch (IOException e) {
                problem("directory", path + " cannot be read: " + e.getMessage() + ".",
                        "check the folder's permissions.");
                return null;
            }
        }

        private Preset preset() {
            String p = d.getPreset();
            if (p == null) {
                return Preset.EXEC;
            }
            if (p.isBlank()) {
                problem("preset", "is empty.", "use one of " + Preset.known() + ", or leave <preset> out for exec.");
                return null;
            }
            return Preset.of(p).orElseGet(() -> {
                problem("preset", "'" + p.trim() + "' is not a preset.", "use one of " + Preset.known() + ".");
                return null;
            });
        }

        private Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            if (d.getEnvironment() == null) {
                return env;
            }
            for (Map.Entry<String, String> e : d.getEnvironment().entrySet()) {
                String key = e.getKey();
                if (key == null || !ENV_NAME.matcher(key).matches()) {
                    problem("environment", "'" + key + "' is not a valid environment variable name.",
                            "use letters, digits and '_', not starting with a digit, e.g. <RUST_LOG>debug</RUST_LOG>.");
                    continue;
                }
                env.put(key, e.getValue() == null ? "" : e.getValue());
            }
            return env;
        }

        private List<GlobPattern> globs(String element, List<String> configured, List<String> defaults) {
            List<String> source = configured != null ? configured : defaults;
            List<GlobPattern> globs = new ArrayList<>();
            for (String glob : source) {
                try {
                    globs.add(GlobPattern.compile(glob));
                } catch (GlobPattern.SyntaxException e) {
                    String child = element.substring(0, element.length() - 1);
                    problem(element, "the " + e.getMessage() + ".",
                            "correct the <" + child + ">, e.g. 'src/**/*.rs' for every .rs file under src.");
                }
            }
            return globs;
        }

        private List<String> extensions(List<String> defaults) {
            List<String> source = d.getExtensions() != null ? d.getExtensions() : defaults;
            List<String> result = new ArrayList<>();
            for (String ext : source) {
                String e = ext == null ? "" : ext.trim();
                if (e.startsWith(".")) {
                    e = e.substring(1);
                }
                if (!EXTENSION.matcher(e).matches()) {
                    problem("extensions", "'" + ext + "' is not a file extension.",
                            "list extensions without dot or wildcard, e.g. <extension>go</extension>.");
                    continue;
                }
                result.add(e.toLowerCase(Locale.ROOT));
            }
            return result;
        }

        private String command(String element, String configured, String preset) {
            if (configured == null) {
                return preset;
            }
            if (configured.isBlank()) {
                problem(element, "is blank.",
                        "write the command, e.g. <" + element + ">make " + element + "</" + element
                                + ">, or leave the element out.");
                return null;
            }
            return configured.strip();
        }

        private void checkPrograms(String element, String command, Path dir, Map<String, String> env, boolean built) {
            if (command == null) {
                return;
            }
            for (String program : new ShellCommand(command).programs()) {
                if (program.contains("/")) {
                    if (built) {
                        continue; // produced by the build
                    }
                    if (ShellCommand.locate(program, dir, env).isEmpty()) {
                        problem(element, "runs '" + program + "', which is not an executable file in " + dir
                                        + (element.equals("run") ? " (and there is no <build> to create it)." : "."),
                                "check the path, make the file executable (chmod +x), or add a <build> that creates it.");
                    }
                    continue;
                }
                if (ShellCommand.locate(program, dir, env).isEmpty()) {
                    problem(element, "runs '" + program + "', which is not on the PATH.",
                            Tools.installHint(program) + " Then run Maven again; the PATH it sees is: "
                                    + abbreviate(env.getOrDefault("PATH", "(empty)")));
                }
            }
        }

        private Readiness readiness() {
            URI url = d.getReadyUrl() == null ? null : checks.httpUrl("readyUrl", d.getReadyUrl());
            int port = 0;
            if (d.getReadyPort() != null) {
                String text = d.getReadyPort().trim();
                try {
                    port = Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 1 || port > 65535) {
                    problem("readyPort", "'" + text + "' is not a TCP port.", "use a number from 1 to 65535.");
                    port = 0;
                }
            }
            Pattern log = null;
            if (d.getReadyLog() != null) {
                if (d.getReadyLog().isEmpty()) {
                    problem("readyLog", "is empty.", "write a regular expression that the ready service prints.");
                } else {
                    try {
                        log = Pattern.compile(d.getReadyLog());
                    } catch (PatternSyntaxException e) {
                        problem("readyLog", "'" + d.getReadyLog() + "' is not a valid regular expression: "
                                        + e.getDescription() + " near index " + e.getIndex() + ".",
                                "correct the expression; quote special characters such as '(' or '.' with a backslash.");
                    }
                }
            }
            Duration timeout = duration("readyTimeout", d.getReadyTimeout(), DEFAULT_READY_TIMEOUT,
                    Duration.ofMillis(100), Duration.ofHours(1));
            return new Readiness(url, port, log, timeout == null ? DEFAULT_READY_TIMEOUT : timeout);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
