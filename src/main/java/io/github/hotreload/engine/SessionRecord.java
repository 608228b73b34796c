package io.github.hotreload.engine;

import io.github.hotreload.container.ComposeCli;
import io.github.hotreload.container.ContainerControl;
import io.github.hotreload.process.ProcessSupervisor;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running session started, recorded under the build directory, so that the next session
 * can stop what this one left if it was killed together with its watchdog.
 *
 * @param pid the JVM that ran the session
 * @param jvmStart when that JVM started (a pid alone may have been reused)
 * @param tag the supervisor's tag, carried in the environment of every process it started
 * @param docker the docker command, when the session runs services in containers (labelled with
 *     the tag); null otherwise
 */
record SessionRecord(long pid, Instant jvmStart, String tag, String docker) {

    static final String FILE = "session.properties";

    static SessionRecord current(ProcessSupervisor supervisor, String docker) {
        ProcessHandle self = ProcessHandle.current();
        return new SessionRecord(self.pid(), self.info().startInstant().orElse(Instant.EPOCH), supervisor.sessionTag(),
                docker);
    }

    /** Whether the JVM that wrote the record still runs. */
    boolean alive() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().startInstant())
                .map(start -> start.equals(jvmStart))
                .orElse(false);
    }

    void write(Path stateDirectory) throws IOException {
        Files.createDirectories(stateDirectory);
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("jvmStart", jvmStart.toString());
        p.setProperty("tag", tag);
        if (docker != null) {
            p.setProperty("docker", docker);
        }
        try (Writer out = Files.newBufferedWriter(stateDirectory.resolve(FILE), StandardCharsets.UTF_8)) {
            p.store(out, "a running hotreload session; removed when it ends");
        }
    }

    static Optional<SessionRecord> read(Path stateDirectory) {
        Path file = stateDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(new SessionRecord(Long.parseLong(p.getProperty("pid")),
                    Instant.parse(p.getProperty("jvmStart")), p.getProperty("tag"), p.getProperty("docker")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void delete(Path stateDirectory) {
        try {
            Files.deleteIfExists(stateDirectory.resolve(FILE));
        } catch (IOException e) {
            // the next session finds the JVM gone and nothing tagged left: no harm
        }
    }

    /** What {@link #stopLeftovers} found: how many processes and containers, and the pid of the session that left them. */
    record Leftovers(int processes, int containers, long earlierPid) {}

    /**
     * Stops what an earlier session left running when it ended without stopping it. Leaves a
     * session that still runs alone.
     */
    static Leftovers stopLeftovers(Path stateDirectory, ProcessSupervisor supervisor) throws InterruptedException {
        Optional<SessionRecord> earlier = read(stateDirectory);
        if (earlier.isEmpty() || earlier.get().alive() || earlier.get().tag().equals(supervisor.sessionTag())) {
            return new Leftovers(0, 0, -1);
        }
        int stopped = supervisor.stopSession(earlier.get().tag(), Duration.ofSeconds(5));
        int containers = 0;
        String docker = earlier.get().docker();
        if (docker != null) {
            containers = ContainerControl.count(docker, earlier.get().tag());
            if (containers > 0) {
                ComposeCli.query(java.util.List.of("/bin/sh", "-c",
                        ContainerControl.removeSessionCommand(docker, earlier.get().tag(), Duration.ofSeconds(5))),
                        Path.of("/"), java.util.Map.of());
            }
        }
        if (docker != null) {
            // the compose files the killed session added for its containers
            try (var files = java.nio.file.Files.newDirectoryStream(ContainerControl.overrideDirectory(),
                    ContainerControl.overridePrefix(earlier.get().tag()) + "*.yml")) {
                for (Path f : files) {
                    java.nio.file.Files.deleteIfExists(f);
                }
            } catch (java.io.IOException e) {
                // none, or not readable: files of a few lines in the temporary directory
            }
        }
        delete(stateDirectory);
        return new Leftovers(stopped, containers, earlier.get().pid());
    }
}
