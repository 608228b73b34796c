package io.github.hotreload.doctor;

import io.github.hotreload.config.ConfigurationProblem;
import io.github.hotreload.config.Preset;
import io.github.hotreload.config.Tools;
import io.github.hotreload.process.ShellCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Per service, the tools it needs, where they are and their versions: {@code cargo} and {@code
 * rustc} for the cargo preset, {@code go} for go, the JVM that would run a java service, and
 * every program that {@code <build>}, {@code <run>} and {@code <clean>} start, looked up on the service's PATH.
 * The version commands run all at once, each for at most the timeout.
 */
public final class ToolchainCheck implements DoctorCheck {

    /** The resolver's words for a program missing from the PATH: this check reports those itself. */
    private static final Pattern NOT_ON_PATH = Pattern.compile("runs '[^']+', which is not on the PATH\\.");
    /** The elements whose programs this check looks up. */
    private static final Set<String> COMMANDS = Set.of("build", "run", "clean");
    private static final Map<String, List<String>> VERSION_ARGS = Map.of(
            "cargo", List.of("--version"), "rustc", List.of("--version"), "go", List.of("version"));

    private final Duration timeout;

    /** @param timeout how long each version command may take */
    public ToolchainCheck(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Whether the problem is one that this check reports in its own words, so that the list of
     * configuration problems leaves it out: a program of {@code <build>}, {@code <run>} or {@code <clean>} missing
     * from the PATH, and a {@code <javaHome>} without {@code bin/java}.
     */
    static boolean reportsItself(ConfigurationProblem p) {
        return (COMMANDS.contains(p.element()) && NOT_ON_PATH.matcher(p.problem()).matches())
                || (p.element().equals("javaHome") && p.problem().endsWith("holds no bin/java to run the service with."));
    }

    /**
     * A tool a service needs, with where it is (empty: not on the PATH), and whether a line names
     * it when it is found (the programs of {@code <clean>} only count when missing).
     */
    private record Tool(String name, Optional<Path> path, boolean shown) {}

    @Override
    public List<Finding> run(Examination project) {
        VersionCommands versions = new VersionCommands(timeout);
        List<List<Tool>> tools = new ArrayList<>();
        for (DoctorService s : project.services()) {
            List<Tool> needed = new ArrayList<>();
            if (s.preset() == Preset.JAVA && !ownJvm(s) && releaseVersion(javaHome(s)) == null) {
                versions.start(javaHome(s).resolve("bin/java"), List.of("-version"), s.environment());
            }
            Set<String> shown = programs(s, false);
            for (String name : programs(s, true)) {
                Tool t = new Tool(name, ShellCommand.locate(name, s.base(), s.environment()), shown.contains(name));
                t.path().filter(p -> VERSION_ARGS.containsKey(name))
                        .ifPresent(p -> versions.start(p, VERSION_ARGS.get(name), s.environment()));
                needed.add(t);
            }
            tools.add(needed);
        }
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < project.services().size(); i++) {
            DoctorService s = project.services().get(i);
            List<String> good = new ArrayList<>();
            List<Finding> bad = new ArrayList<>();
            if (s.preset() == Preset.JAVA) {
                java(s, versions, good, bad);
            }
            for (Tool t : tools.get(i)) {
                if (t.path().isEmpty()) {
                    bad.add(Finding.problem(s.name() + ": " + t.name() + " is not on the PATH", Tools.installHint(t.name())
                            + " Then run Maven again; the PATH it sees" + (pathIsTheService(s) ? " (set by the service's"
                            + " <environment>)" : "") + " is: " + abbreviate(s.environment().getOrDefault("PATH", "(empty)"))));
                } else if (VERSION_ARGS.containsKey(t.name())) {
                    VersionCommands.Outcome o = versions.await(t.path().get(), VERSION_ARGS.get(t.name()));
                    if (o.ok()) {
                        good.add(t.name() + " " + o.version());
                    } else {
                        bad.add(Finding.problem(s.name() + ": " + t.name() + " at " + t.path().get() + " does not work: "
                                + o.failure(), "run '" + t.name() + " " + String.join(" ", VERSION_ARGS.get(t.name()))
                                + "' in a terminal to see why, and repair or reinstall it. " + Tools.installHint(t.name())));
                    }
                } else if (t.shown()) {
                    good.add(t.name() + " at " + t.path().get());
                }
            }
            if (!good.isEmpty()) {
                findings.add(Finding.ok(s.name() + ": " + String.join(", ", good)));
            }
            findings.addAll(bad);
        }
        return findings;
    }

    /** The programs to look up: the preset's tools, then those that build, run (and clean) start, each once. */
    private static Set<String> programs(DoctorService s, boolean clean) {
        Set<String> names = new LinkedHashSet<>();
        if (s.preset() == Preset.CARGO) {
            names.add("cargo");
            names.add("rustc");
        } else if (s.preset() == Preset.GO) {
            names.add("go");
        }
        for (String command : new String[] {s.build(), s.run(), clean ? s.clean() : null}) {
            if (command != null && !command.isBlank()) {
                for (String program : new ShellCommand(command).programs()) {
                    if (!program.contains("/")) { // a path is the service's own program; the configuration checks it
                        names.add(program);
                    }
                }
            }
        }
        return names;
    }

    /** The JVM that runs a java service: its {@code <javaHome>}, or the one Maven runs on. */
    private static void java(DoctorService s, VersionCommands versions, List<String> good, List<Finding> bad) {
        boolean own = ownJvm(s);
        Path home = javaHome(s);
        Path java = home.resolve("bin/java");
        if (!Files.isExecutable(java)) {
            bad.add(Finding.problem(s.name() + ": <javaHome> " + home + " holds no bin/java to run the service with",
                    "set <javaHome> to a JDK or JRE folder (one with bin/java), or leave it out to use the one Maven runs on."));
            return;
        }
        String version = own ? System.getProperty("java.version") : releaseVersion(home);
        if (version == null) {
            VersionCommands.Outcome o = versions.await(java, List.of("-version"));
            if (!o.ok()) {
                bad.add(Finding.problem(s.name() + ": the JVM of <javaHome> " + home + " does not work: " + o.failure(),
                        "set <javaHome> to a working JDK or JRE, or leave it out to use the one Maven runs on."));
                return;
            }
            version = o.version();
        }
        good.add("java " + version + " at " + home + (own ? " (the JVM Maven runs on)" : " (<javaHome>)"));
    }

    private static boolean ownJvm(DoctorService s) {
        return s.definition().getJavaHome() == null || s.definition().getJavaHome().isBlank();
    }

    private static Path javaHome(DoctorService s) {
        return Path.of(ownJvm(s) ? System.getProperty("java.home") : s.definition().getJavaHome().trim());
    }

    /** The JAVA_VERSION of a JDK's {@code release} file, or null. */
    private static String releaseVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return line.substring("JAVA_VERSION=".length()).replace("\"", "").trim();
                }
            }
        } catch (IOException e) {
            // no release file
        }
        return null;
    }

    private static boolean pathIsTheService(DoctorService s) {
        return s.definition().getEnvironment() != null && s.definition().getEnvironment().containsKey("PATH");
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
