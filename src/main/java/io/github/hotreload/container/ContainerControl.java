package io.github.hotreload.container;

import io.github.hotreload.process.BuildResult;
import io.github.hotreload.process.Launch;
import io.github.hotreload.process.OutputSink;
import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.process.ShellCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Drives the container of one service through docker and compose, every command run by the
 * session's {@link ProcessSupervisor} (tagged, and stopped with the build it belongs to). The
 * container carries labels with the session's tag and the service's name, from a compose file
 * the plugin adds after the user's, so that whatever a session leaves can be found and removed.
 */
public final class ContainerControl {

    /** The label carrying the tag of the session that created the container. */
    public static final String SESSION_LABEL = "io.github.hotreload.session";
    /** The label carrying the name of the plugin's service. */
    public static final String SERVICE_LABEL = "io.github.hotreload.service";

    private final ContainerSpec spec;
    private final String service;
    private final Map<String, String> environment;
    private final ProcessSupervisor supervisor;
    private final Path override;
    /** The engine's API, for the steps of a reload; null where only the docker command reaches the engine. */
    private final EngineSocket engine;
    private String program;

    /**
     * @param service the plugin's name of the service
     * @param environment the service's variables, seen by compose (for its own interpolation)
     * @param overrideDirectory where the plugin's compose file for this session goes
     */
    public ContainerControl(ContainerSpec spec, String service, Map<String, String> environment,
            ProcessSupervisor supervisor, Path overrideDirectory) {
        this.spec = spec;
        this.service = service;
        this.environment = Map.copyOf(environment);
        this.supervisor = supervisor;
        this.engine = EngineSocket.of(spec.cli().endpoint());
        this.override = overrideDirectory.resolve(overridePrefix(supervisor.sessionTag()) + service + ".yml");
    }

    /** How the names of a session's compose files begin. */
    public static String overridePrefix(String sessionTag) {
        return "compose-" + sessionTag.replace('/', '-') + "-";
    }

    /** Where the sessions' compose files go. */
    public static Path overrideDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "hotreload-compose");
    }

    public ContainerSpec spec() {
        return spec;
    }

    /** The compose file with the session's labels, written once. */
    private List<Path> files() throws IOException {
        if (!Files.isRegularFile(override)) {
            Files.createDirectories(override.getParent());
            String text = "# written by hotreload-maven-plugin for one session; removed when it ends\n"
                    + "services:\n"
                    + "  " + yamlKey(spec.composeService()) + ":\n"
                    + "    labels:\n"
                    + "      " + SESSION_LABEL + ": \"" + supervisor.sessionTag() + "\"\n"
                    + "      " + SERVICE_LABEL + ": \"" + service + "\"\n"
                    + (spec.init() ? "    init: true\n" : "")
                    + mountLines();
            Files.writeString(override, text, StandardCharsets.UTF_8);
        }
        List<Path> all = new ArrayList<>(spec.files());
        all.add(override);
        return all;
    }

    /**
     * Whether the build's output reaches the container through bind mounts instead of copies: with
     * an engine on this machine, which sees this machine's files. A mount costs nothing per
     * reload, where a copy of a debug binary of tens of megabytes costs the engine a tenth of a
     * second or more.
     */
    public boolean mounts() {
        return engine != null;
    }

    /** The mount point in the container of the {@code index}th copy's folder. */
    static String mountPoint(int index) {
        return "/.hotreload/" + index;
    }

    /** The bind mounts of the override file: each copied file's folder, each copied folder at its target. */
    private String mountLines() {
        if (!mounts() || spec.copies().isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("    volumes:\n");
        for (int i = 0; i < spec.copies().size(); i++) {
            ContainerSpec.Copy c = spec.copies().get(i);
            boolean directory = Files.isDirectory(c.from());
            Path source = directory ? c.from() : c.from().getParent();
            String target = directory ? c.to() : mountPoint(i);
            text.append("      - \"").append(source.toString().replace("\"", "\\\"")).append(':').append(target)
                    .append(":ro\"\n");
        }
        return text.toString();
    }

    private static String yamlKey(String key) {
        return key.matches("[A-Za-z0-9_.-]+") ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    }

    /** Builds the service's image ({@code compose build}); a no-op success when it has no build. */
    public BuildResult buildImage(OutputSink output, Duration stopTimeout) throws IOException, InterruptedException {
        if (!spec.builds()) {
            return new BuildResult(0, Duration.ZERO, List.of());
        }
        return run(spec.cli().compose(files(), "build", spec.composeService()), output, stopTimeout);
    }

    /**
     * Creates the container without starting it ({@code compose up --no-start}), replacing the
     * one there is when {@code recreate}, and returns its id.
     */
    public String create(boolean recreate, OutputSink output, Duration stopTimeout) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("up", "--no-start", "--no-deps", "--no-build"));
        if (recreate) {
            args.add("--force-recreate");
        }
        args.add(spec.composeService());
        BuildResult created = run(spec.cli().compose(files(), args.toArray(String[]::new)), output, stopTimeout);
        if (!created.succeeded()) {
            throw new IOException("compose could not create the container of '" + spec.composeService() + "': "
                    + String.join(" | ", created.tail()));
        }
        String id = find();
        if (id == null) {
            throw new IOException("compose created no container for '" + spec.composeService() + "'");
        }
        program = null;
        return id;
    }

    /** The id of the session's container for this service, or null when there is none. */
    public String find() throws IOException, InterruptedException {
        List<String> lines = capture(spec.cli().docker("ps", "-aq", "--no-trunc", "--filter",
                "label=" + SESSION_LABEL + "=" + supervisor.sessionTag(), "--filter",
                "label=" + SERVICE_LABEL + "=" + service));
        return lines.isEmpty() ? null : lines.get(0);
    }

    /**
     * Makes what the build writes appear in a container just created: with mounts, each copied
     * file's place becomes a link into its mounted folder, once; without, the files are copied.
     */
    public BuildResult link(String id, OutputSink output, Duration stopTimeout) throws IOException, InterruptedException {
        if (!mounts()) {
            return copy(id, output, stopTimeout);
        }
        long begin = System.nanoTime();
        for (int i = 0; i < spec.copies().size(); i++) {
            ContainerSpec.Copy c = spec.copies().get(i);
            if (Files.isDirectory(c.from())) {
                continue; // mounted where it goes
            }
            String to = c.to() != null ? c.to() : program(id);
            String target = mountPoint(i) + "/" + c.from().getFileName();
            EngineSocket.Response r = api(() -> engine.link(id, to, target));
            if (!r.ok()) {
                return new BuildResult(1, Duration.ofNanos(System.nanoTime() - begin),
                        List.of("linking " + to + " to the build's " + c.from() + ": " + r.body().strip()));
            }
        }
        return new BuildResult(0, Duration.ofNanos(System.nanoTime() - begin), List.of());
    }

    /**
     * Copies what the host build made into the container (running or stopped); nothing to do
     * where the container sees the build through its mounts.
     */
    public BuildResult copy(String id, OutputSink output, Duration stopTimeout) throws IOException, InterruptedException {
        long begin = System.nanoTime();
        if (mounts()) {
            return new BuildResult(0, Duration.ZERO, List.of());
        }
        for (ContainerSpec.Copy c : spec.copies()) {
            String to = c.to() != null ? c.to() : program(id);
            String from = Files.isDirectory(c.from()) ? c.from() + "/." : c.from().toString();
            BuildResult r = run(spec.cli().docker("cp", from, id + ":" + to), output, stopTimeout);
            if (!r.succeeded()) {
                return r;
            }
        }
        return new BuildResult(0, Duration.ofNanos(System.nanoTime() - begin), List.of());
    }

    /** The program the container runs: the first word of its entrypoint, else of its command. */
    @SuppressWarnings("unchecked")
    private String program(String id) throws IOException, InterruptedException {
        if (program == null) {
            List<String> lines = capture(spec.cli().docker("inspect", "--format",
                    "{{json .Config.Entrypoint}}\n{{json .Config.Cmd}}", id));
            List<String> entrypoint = List.of();
            List<String> command = List.of();
            if (lines.size() >= 1 && io.github.hotreload.text.Json.parse(lines.get(0)) instanceof List<?> e) {
                entrypoint = (List<String>) e;
            }
            if (lines.size() >= 2 && io.github.hotreload.text.Json.parse(lines.get(1)) instanceof List<?> c) {
                command = (List<String>) c;
            }
            String found;
            try {
                found = ContainerProgram.of(entrypoint, command);
            } catch (IllegalArgumentException e) {
                throw new IOException("the plugin does not know where the build's output goes in the container of '"
                        + spec.composeService() + "': " + e.getMessage() + "; set <copy> to HOST_PATH:CONTAINER_PATH");
            }
            if (engine != null && engine.isScript(id, found)) {
                throw new IOException("the container of '" + spec.composeService() + "' starts " + found
                        + ", a script, which the build's binary must not replace; set <copy> to"
                        + " HOST_PATH:CONTAINER_PATH with the path the script runs");
            }
            program = found;
        }
        return program;
    }

    /** What starts the container and shows its output until it stops: {@code docker start -a}. */
    public Launch attach(String id, Path directory) {
        return new Launch(service, command(spec.cli().docker("start", "-a", id)), directory, environment);
    }

    /** Stops the container: its stop signal, {@code timeout}, then SIGKILL ({@code docker stop}). */
    public BuildResult stop(String id, Duration timeout) throws IOException, InterruptedException {
        long seconds = Math.max(0, (timeout.toMillis() + 999) / 1000);
        if (engine != null) {
            long begin = System.nanoTime();
            EngineSocket.Response r = api(() -> engine.stop(id, seconds));
            return new BuildResult(r.ok() ? 0 : 1, Duration.ofNanos(System.nanoTime() - begin),
                    r.ok() ? List.of() : List.of(r.body().strip()));
        }
        return run(spec.cli().docker("stop", "-t", Long.toString(seconds), id), line -> {}, timeout.plusSeconds(10));
    }

    /** Removes the container and its anonymous volumes. */
    public BuildResult remove(String id) throws IOException, InterruptedException {
        return run(spec.cli().docker("rm", "-f", "-v", id), line -> {}, Duration.ofSeconds(10));
    }

    /**
     * Removes the named volumes the compose service mounts (its caches), as {@code down -v} would
     * for them; the container must be gone. Returns what could not be removed, for a warning.
     */
    public List<String> removeVolumes(String project, List<String> volumes, OutputSink output)
            throws IOException, InterruptedException {
        List<String> kept = new ArrayList<>();
        for (String volume : volumes) {
            List<String> ids = capture(spec.cli().docker("volume", "ls", "-q", "--filter",
                    "label=com.docker.compose.project=" + project, "--filter", "label=com.docker.compose.volume=" + volume));
            for (String id : ids) {
                BuildResult r = run(spec.cli().docker("volume", "rm", id), output, Duration.ofSeconds(10));
                if (!r.succeeded()) {
                    kept.add(id + " (" + String.join(" ", r.tail()) + ")");
                }
            }
        }
        return kept;
    }

    /** The compose project of a container, from its label. */
    public String project(String id) throws IOException, InterruptedException {
        List<String> lines = capture(spec.cli().docker("inspect", "--format",
                "{{index .Config.Labels \"com.docker.compose.project\"}}", id));
        return lines.isEmpty() ? "" : lines.get(0);
    }

    /**
     * Removes what compose created for the project (its networks) once no container of it is
     * left, as {@code compose down} does; named volumes stay. Returns whether it did.
     */
    public boolean downIfEmpty(String project) throws IOException, InterruptedException {
        if (project == null || project.isEmpty() || !capture(spec.cli().docker("ps", "-aq", "--filter",
                "label=com.docker.compose.project=" + project)).isEmpty()) {
            return false;
        }
        return run(spec.cli().compose(files(), "down"), line -> {}, Duration.ofSeconds(10)).succeeded();
    }

    /** Removes the session's compose file. */
    public void forget() {
        try {
            Files.deleteIfExists(override);
        } catch (IOException e) {
            // a file in the temporary directory; nothing depends on it
        }
    }

    /**
     * The shell command that stops and removes every container of the session {@code tag}: run
     * by the watchdog when the plugin's JVM dies, and by the next session for a killed one.
     */
    public static String removeSessionCommand(String docker, String tag, Duration stopTimeout) {
        String filter = ShellCommand.quote("label=" + SESSION_LABEL + "=" + tag);
        String d = ShellCommand.quote(docker);
        long seconds = Math.max(0, (stopTimeout.toMillis() + 999) / 1000);
        return "ids=$(" + d + " ps -aq --filter " + filter + "); [ -z \"$ids\" ] || { " + d + " stop -t " + seconds
                + " $ids >/dev/null 2>&1; " + d + " rm -f -v $ids >/dev/null 2>&1; }";
    }

    /** How many containers the session {@code tag} left, whatever their state. */
    public static int count(String docker, String tag) {
        ComposeCli.Output out = ComposeCli.query(List.of(docker, "ps", "-aq", "--filter",
                "label=" + SESSION_LABEL + "=" + tag), Path.of("/"), Map.of());
        return out.ok() ? (int) out.text().lines().filter(l -> !l.isBlank()).count() : 0;
    }

    private interface Call {
        EngineSocket.Response call() throws IOException;
    }

    /** An API call; an interrupt of this thread (the session stops) is an {@link InterruptedException}. */
    private static EngineSocket.Response api(Call call) throws IOException, InterruptedException {
        try {
            return call.call();
        } catch (java.nio.channels.ClosedByInterruptException e) {
            Thread.interrupted();
            throw new InterruptedException("interrupted while the Docker engine answered");
        }
    }

    private BuildResult run(List<String> argv, OutputSink output, Duration stopTimeout)
            throws IOException, InterruptedException {
        return supervisor.run(new Launch(service, command(argv), spec.projectDirectory(), environment), output,
                stopTimeout);
    }

    private List<String> capture(List<String> argv) throws IOException, InterruptedException {
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        BuildResult r = run(argv, lines::add, Duration.ofSeconds(5));
        if (!r.succeeded()) {
            throw new IOException(String.join(" ", argv) + " failed: " + String.join(" | ", lines));
        }
        return lines.stream().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }

    static String command(List<String> argv) {
        return argv.stream().map(ShellCommand::quote).collect(Collectors.joining(" "));
    }
}
