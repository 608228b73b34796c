package io.github.hotreload.config;

import io.github.hotreload.container.ComposeCli;
import io.github.hotreload.container.ComposeFiles;
import io.github.hotreload.container.ComposeModel;
import io.github.hotreload.container.ContainerSpec;
import io.github.hotreload.process.Readiness;
import io.github.hotreload.process.ShellCommand;
import io.github.hotreload.watch.GlobPattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves {@code <compose>} and the elements that go with it into a {@link ContainerSpec},
 * checking before anything starts what a user can get wrong: no Docker engine, no compose, no
 * compose file, a compose service that is not there, a readiness port the container does not
 * publish. One per resolution: compose is found and each project's configuration read once.
 */
final class ComposeResolver {

    private final Map<String, String> processEnvironment;
    private ComposeCli cli;
    private ComposeCli.Unavailable unavailable;
    private boolean detected;
    private final Map<List<Path>, Object> configs = new HashMap<>();

    ComposeResolver(Map<String, String> processEnvironment) {
        this.processEnvironment = processEnvironment;
    }

    /** What a container service adds to the service: its container, and its readiness when compose decides it. */
    record Resolved(ContainerSpec container, Readiness readiness, List<Path> composeFiles) {}

    /**
     * @param hostProgram the program the preset's run command starts (what the build makes), or null
     * @param manifests the preset's manifests, whose changes rebuild the image by default
     */
    Resolved resolve(ServiceDefinition d, Path directory, Preset preset, String build, String hostProgram,
            List<String> manifests, Readiness readiness, Map<String, String> environment, Checks checks) {
        int before = checks.count();
        String service = d.getCompose().strip();
        if (service.isEmpty()) {
            checks.problem("compose", "is blank.", "write the name of the service in the compose file, such as"
                    + " <compose>api</compose>, or leave the element out to run the service on this machine.");
        }
        if (preset == Preset.JAVA) {
            checks.problem("compose", "does not work with the java preset, which runs the module's JVM on this machine.",
                    "use <preset>exec</preset> with a <build> that makes what the image runs, or leave <compose> out.");
        }
        if (d.getRun() != null) {
            checks.problem("run", "does not apply to a service in a container: the container runs its image's command.",
                    "remove <run>; <copy> says what the build puts into the container.");
        }
        if (checks.count() > before) {
            return null;
        }
        ComposeCli compose = cli(environment, checks);
        List<String> configured = list(d.getComposeFile());
        List<Path> files = ComposeFiles.find(directory, configured, environment);
        if (files.isEmpty()) {
            checks.problem("composeFile", "is not set, and there is no compose file in " + directory
                            + " or a folder above it (" + String.join(", ", List.of("compose.yaml", "compose.yml",
                            "docker-compose.yaml", "docker-compose.yml")) + ").",
                    "set <composeFile> to the compose file, relative to the service directory.");
            return null;
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                checks.problem("composeFile", f + " does not exist.", "check the path; it is relative to " + directory + ".");
            }
        }
        if (compose == null || checks.count() > before) {
            return null;
        }
        Path projectDirectory = files.get(0).getParent();
        ComposeModel model = model(compose, files, projectDirectory, environment, checks);
        if (model == null) {
            return null;
        }
        ComposeModel.Service s = model.services().get(service);
        if (s == null) {
            checks.problem("compose", "'" + service + "' is not a service of " + names(files) + "; it has "
                            + (model.services().isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(model.services().keySet()))) + ".",
                    "use one of those names, or set <composeFile> to the file that defines it.");
            return null;
        }
        Readiness ready = readiness;
        int port = readiness.listenPort();
        if (port == 0 && readiness.logPattern() == null && s.published().size() == 1) {
            // the one published port: ready when it accepts connections
            ready = new Readiness(null, s.published().iterator().next(), null, readiness.timeout());
        } else if (port > 0 && readiness.onThisMachine() && !s.reachableOn(port)) {
            String element = readiness.url() != null ? "readyUrl" : "readyPort";
            checks.problem(element, "waits for port " + port + ", which compose service '" + service
                            + "' does not publish" + (s.published().isEmpty() ? "" : " (it publishes "
                            + s.published() + ")") + ", so the check could never pass.",
                    "publish it in " + names(files) + " (ports: [\"" + port + ":" + port + "\"]), or give the service"
                            + " network_mode: host, or wait for another port.");
        }
        List<ContainerSpec.Copy> copies = copies(d, directory, hostProgram, checks);
        List<GlobPattern> rebuildGlobs = new ArrayList<>();
        if (d.getRebuildOn() != null) {
            for (String g : list(d.getRebuildOn())) {
                try {
                    rebuildGlobs.add(GlobPattern.compile(g));
                } catch (GlobPattern.SyntaxException e) {
                    checks.problem("rebuildOn", "'" + g + "' is not a valid glob: " + e.getMessage() + ".",
                            "write globs as in .gitignore, comma-separated, such as Dockerfile,/Cargo.lock.");
                }
            }
        } else if (build == null) {
            // nothing is built here: every change goes into a new image
            rebuildGlobs.add(GlobPattern.compile("**"));
        } else {
            manifests.forEach(m -> rebuildGlobs.add(GlobPattern.compile(m)));
        }
        Set<Path> rebuildFiles = new LinkedHashSet<>(files);
        if (s.dockerfile() != null) {
            rebuildFiles.add(s.dockerfile());
            rebuildFiles.add(s.buildContext().resolve(".dockerignore"));
        }
        if (checks.count() > before) {
            return null;
        }
        return new Resolved(new ContainerSpec(service, files, projectDirectory, copies, rebuildGlobs, rebuildFiles,
                s.buildContext() != null, s.namedVolumes(), s.init() == null, compose), ready, files);
    }

    private List<ContainerSpec.Copy> copies(ServiceDefinition d, Path directory, String hostProgram, Checks checks) {
        List<ContainerSpec.Copy> copies = new ArrayList<>();
        if (d.getCopy() == null) {
            if (hostProgram != null && hostProgram.contains("/")) {
                copies.add(new ContainerSpec.Copy(directory.resolve(hostProgram).normalize(), null));
            }
            return copies;
        }
        for (String pair : list(d.getCopy())) {
            int colon = pair.lastIndexOf(':');
            String from = colon < 0 ? "" : pair.substring(0, colon).strip();
            String to = colon < 0 ? "" : pair.substring(colon + 1).strip();
            if (from.isEmpty() || !to.startsWith("/")) {
                checks.problem("copy", "'" + pair + "' is not HOST_PATH:CONTAINER_PATH with an absolute container path.",
                        "write pairs such as target/debug/api:/usr/local/bin/api, comma-separated; the host path is"
                                + " relative to the service directory.");
                continue;
            }
            copies.add(new ContainerSpec.Copy(directory.resolve(from).normalize(), to));
        }
        return copies;
    }

    private ComposeCli cli(Map<String, String> environment, Checks checks) {
        if (!detected) {
            detected = true;
            try {
                cli = ComposeCli.detect(environment);
            } catch (ComposeCli.Unavailable e) {
                unavailable = e;
            }
        }
        if (cli == null) {
            checks.problem("compose", unavailable.getMessage(), unavailable.fix());
        }
        return cli;
    }

    private ComposeModel model(ComposeCli compose, List<Path> files, Path projectDirectory,
            Map<String, String> environment, Checks checks) {
        Object cached = configs.computeIfAbsent(files, f -> {
            ComposeCli.Output out = ComposeCli.query(compose.compose(f, "config"), projectDirectory, environment);
            if (!out.ok()) {
                return out;
            }
            try {
                return ComposeModel.parse(out.text(), projectDirectory);
            } catch (RuntimeException e) {
                return new ComposeCli.Output(-1, "its output could not be read: " + e.getMessage());
            }
        });
        if (cached instanceof ComposeCli.Output failed) {
            checks.problem("composeFile", "compose cannot read " + names(files) + ": " + failed.lastLine(),
                    "fix the file; '" + String.join(" ", compose.compose(files, "config")) + "' shows the same.");
            return null;
        }
        return (ComposeModel) cached;
    }

    private static String names(List<Path> files) {
        return String.join(" + ", files.stream().map(Path::toString).toList());
    }

    static List<String> list(String text) {
        List<String> items = new ArrayList<>();
        if (text == null) {
            return items;
        }
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    /** The docker command that stands for the container in places that show a service's run command. */
    static String runCommand(ContainerSpec c) {
        return ShellCommand.quote(c.cli().docker()) + " start -a " + ShellCommand.quote(c.composeService());
    }
}
