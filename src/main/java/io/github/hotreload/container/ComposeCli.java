package io.github.hotreload.container;

import io.github.hotreload.process.ShellCommand;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Docker and Compose command lines as this machine has them: {@code docker}, and either the
 * {@code docker compose} plugin (Compose v2) or the {@code docker-compose} program (v1). Both
 * take the same commands and flags for what the plugin uses.
 *
 * @param docker the {@code docker} program
 * @param compose the words that run compose: {@code docker compose} or {@code docker-compose}
 * @param composeVersion what {@code compose version --short} printed
 * @param endpoint where the docker command talks to the engine ({@code unix:///var/run/docker.sock}),
 *     or null when unknown
 */
public record ComposeCli(String docker, List<String> compose, String composeVersion, String endpoint) {

    /** How long a query (version, config, ps, inspect) may take before it counts as hung. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(20);

    public ComposeCli {
        compose = List.copyOf(compose);
    }

    /** The output of a finished command. */
    public record Output(int code, String text) {
        public boolean ok() {
            return code == 0;
        }

        /** The last line that says something, for a message. */
        public String lastLine() {
            String[] lines = text.strip().split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (!lines[i].isBlank()) {
                    return lines[i].strip();
                }
            }
            return "(no output)";
        }
    }

    /** A problem that keeps the plugin from using containers, with its fix. */
    public static final class Unavailable extends Exception {
        private final String fix;

        Unavailable(String problem, String fix) {
            super(problem);
            this.fix = fix;
        }

        public String fix() {
            return fix;
        }
    }

    /**
     * Finds docker and compose, and checks that a Docker engine answers.
     *
     * @throws Unavailable naming what is missing and how to get it
     */
    public static ComposeCli detect(Map<String, String> environment) throws Unavailable {
        Path root = Path.of("/");
        String docker = ShellCommand.locate("docker", root, environment).map(Path::toString).orElse(null);
        if (docker == null) {
            throw new Unavailable("needs the docker command, which is not on the PATH.",
                    "install Docker (on Debian and Ubuntu: apt-get install docker.io docker-compose), then run Maven"
                            + " again.");
        }
        Output engine = query(List.of(docker, "version", "--format", "{{.Server.Version}}"), root, environment);
        if (!engine.ok() || engine.text().isBlank()) {
            throw new Unavailable("no Docker engine answers (" + docker + " version: " + engine.lastLine() + ").",
                    "start the Docker engine (for example 'sudo systemctl start docker', or dockerd), or set"
                            + " DOCKER_HOST to one that runs, and check that this user may use it ('docker info').");
        }
        String endpoint = environment.get("DOCKER_HOST");
        if (endpoint == null || endpoint.isBlank()) {
            Output context = query(List.of(docker, "context", "inspect", "--format", "{{.Endpoints.docker.Host}}"),
                    root, environment);
            endpoint = context.ok() ? context.text().strip() : null;
        }
        Output v2 = query(List.of(docker, "compose", "version", "--short"), root, environment);
        if (v2.ok() && !v2.text().isBlank()) {
            return new ComposeCli(docker, List.of(docker, "compose"), v2.text().strip(), endpoint);
        }
        String v1 = ShellCommand.locate("docker-compose", root, environment).map(Path::toString).orElse(null);
        if (v1 != null) {
            Output version = query(List.of(v1, "version", "--short"), root, environment);
            if (version.ok()) {
                return new ComposeCli(docker, List.of(v1), version.text().strip(), endpoint);
            }
        }
        throw new Unavailable("needs Docker Compose: neither 'docker compose' nor 'docker-compose' runs here.",
                "install the compose plugin (docker-compose-plugin) or docker-compose (on Debian: apt-get install"
                        + " docker-compose), then run Maven again.");
    }

    /** The compose command with the project's files, followed by {@code args}. */
    public List<String> compose(List<Path> files, String... args) {
        List<String> argv = new ArrayList<>(compose);
        for (Path f : files) {
            argv.add("-f");
            argv.add(f.toString());
        }
        argv.addAll(List.of(args));
        return argv;
    }

    /** The docker command followed by {@code args}. */
    public List<String> docker(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(docker);
        argv.addAll(List.of(args));
        return argv;
    }

    /** Runs a short command and returns its output (standard error included). */
    public static Output query(List<String> argv, Path directory, Map<String, String> environment) {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(Redirect.from(new File("/dev/null")));
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Output(-1, e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        try {
            if (!p.waitFor(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Output(-1, String.join(" ", argv) + " did not answer within "
                        + QUERY_TIMEOUT.toSeconds() + " s");
            }
            return new Output(p.exitValue(), out.get(2, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Output(-1, "interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Output(p.exitValue(), "");
        }
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
