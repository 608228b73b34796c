package io.github.hotreload.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.process.Readiness;
import io.github.hotreload.testing.Commands;
import io.github.hotreload.testing.Lines;
import io.github.hotreload.testing.Specs;
import io.github.hotreload.testing.SupervisorHost;
import io.github.hotreload.testing.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSupervisorTest {

    @TempDir
    Path dir;

    private final ProcessSupervisor supervisor = new ProcessSupervisor();

    @AfterEach
    void noSurvivors() {
        supervisor.close();
        assertThat(Survivors.of(supervisor)).as("processes left behind").isEmpty();
    }

    private LaunchedProcess launch(String command, Lines out, Pattern ready) throws Exception {
        return supervisor.launch(new Launch("svc", command, dir, Map.of()), out, ready);
    }

    private List<Long> pidsIn(String file) throws Exception {
        Path f = dir.resolve(file);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(f) && Files.readString(f).endsWith("\n"));
        List<Long> pids = new ArrayList<>();
        for (String s : Files.readString(f).trim().split("\\s+")) {
            pids.add(Long.parseLong(s));
        }
        return pids;
    }

    @Test
    void stopEndsTheWholeTreeIncludingOrphanedGrandchildren() throws Exception {
        // a child, and a grandchild whose parent exits at once so that it is re-parented to init
        LaunchedProcess p = launch(
                "sleep 600 & a=$!; (sleep 600 & echo $! > grandchild.pid) ; echo \"$a $(cat grandchild.pid)\" > pids; wait",
                new Lines(), null);
        List<Long> pids = pidsIn("pids");
        assertThat(pids).allMatch(Survivors::running);

        StopResult result = supervisor.stop(p, Duration.ofSeconds(5));

        assertThat(result.processes()).isGreaterThanOrEqualTo(3);
        assertThat(result.killed()).isZero();
        assertThat(pids).noneMatch(Survivors::running);
        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void stopEndsAChildThatTheRootStartsAsItIsStopped() throws Exception {
        // the searches after the first read only what started since: this child is one of those
        LaunchedProcess p = launch("trap 'sleep 600 & echo $! > late.pid.tmp; mv late.pid.tmp late.pid; exit 0' TERM;"
                + " echo trapping; while :; do sleep 0.2; done", new Lines(), Pattern.compile("trapping"));
        assertThat(supervisor.awaitReady(p, new Readiness(null, 0, Pattern.compile("trapping"), Duration.ofSeconds(10))).ready())
                .isTrue();

        supervisor.stop(p, Duration.ofSeconds(5));

        Path pidFile = dir.resolve("late.pid");
        assertThat(pidFile).exists();
        assertThat(Survivors.running(Long.parseLong(Files.readString(pidFile).trim()))).isFalse();
    }

    @Test
    void aStopAfterASurveyEndsWhatItFoundAndWhatStartedSinceWithoutReadingTheWholeTable() throws Exception {
        // processes outside the tree that the survey finds, and that the stop need not read again
        List<Process> outside = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                outside.add(new ProcessBuilder("sleep", "600").start());
            }
            // a member before the survey, and a daemon that leaves the group after it
            LaunchedProcess p = launch("sleep 600 & echo $! > member.pid; echo surveyed?;"
                    + " while [ ! -f go ]; do sleep 0.05; done;"
                    + " setsid sh -c 'echo $$ > late.pid.tmp; mv late.pid.tmp late.pid; exec sleep 600'"
                    + " </dev/null >/dev/null 2>&1 & while :; do sleep 0.2; done", new Lines(), null);
            Path memberFile = dir.resolve("member.pid");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(memberFile) && Files.size(memberFile) > 0);
            long member = Long.parseLong(Files.readString(memberFile).trim());

            supervisor.survey(p);
            Files.writeString(dir.resolve("go"), "");
            Path lateFile = dir.resolve("late.pid");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(lateFile));
            long late = Long.parseLong(Files.readString(lateFile).trim());
            long before = ProcessTable.reads();
            supervisor.stop(p, Duration.ofSeconds(5));
            long read = ProcessTable.reads() - before;

            assertThat(Survivors.running(member)).isFalse();
            assertThat(Survivors.running(late)).as("started after the survey, outside the group").isFalse();
            assertThat(p.isAlive()).isFalse();
            assertThat(read).as("the stop read only what the survey did not find outside the tree")
                    .isLessThan(outside.size());
            assertThat(outside).allMatch(Process::isAlive);
        } finally {
            outside.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void stopFindsADaemonThatLeftTheProcessGroup() throws Exception {
        // double fork and setsid, as a daemonizing script does: the root exits at once
        LaunchedProcess p = launch(
                "setsid sh -c 'echo $$ > daemon.pid.tmp; mv daemon.pid.tmp daemon.pid; exec sleep 600' "
                        + "</dev/null >/dev/null 2>&1 & exit 0",
                new Lines(), null);
        Path pidFile = dir.resolve("daemon.pid");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pidFile));
        long daemon = Long.parseLong(Files.readString(pidFile).trim());
        await().atMost(Duration.ofSeconds(5)).until(() -> !p.isAlive());
        assertThat(Survivors.running(daemon)).isTrue();

        supervisor.stop(p, Duration.ofSeconds(5));

        assertThat(Survivors.running(daemon)).isFalse();
    }

    @Test
    void aTreeThatIgnoresSigtermIsKilledAfterTheStopTimeout() throws Exception {
        LaunchedProcess p = launch("trap '' TERM; echo trapped; sleep 600; sleep 600", new Lines(), Pattern.compile("trapped"));
        assertThat(supervisor.awaitReady(p, new Readiness(null, 0, Pattern.compile("trapped"), Duration.ofSeconds(10))).ready())
                .isTrue();

        StopResult result = supervisor.stop(p, Duration.ofMillis(500));

        assertThat(result.killed()).isGreaterThanOrEqualTo(2); // the shell and its sleep
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(Survivors.of(supervisor)).isEmpty();
    }

    @Test
    void aBuildReportsItsExitCodeAndLastLines() throws Exception {
        Lines out = new Lines();
        BuildResult result = supervisor.run(new Launch("svc", "echo one; echo two >&2; exit 7", dir, Map.of()), out,
                Duration.ofSeconds(2));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.tail()).containsExactly("one", "two");
        assertThat(out.lines).containsExactly("one", "two");
    }

    @Test
    void aSimpleCommandLeavesNoShellBehind() throws Exception {
        LaunchedProcess p = launch("sleep 600", new Lines(), null);
        // exec replaced the shell: the launched process is sleep itself, with no children
        await().atMost(Duration.ofSeconds(5)).until(() -> p.handle().info().command().orElse("").endsWith("sleep"));
        assertThat(p.handle().children().count()).isZero();
        supervisor.stop(p, Duration.ofSeconds(2));
    }

    @Test
    void childrenGetTheServiceEnvironmentAndTheirOwnProcessGroup() throws Exception {
        Lines out = new Lines();
        LaunchedProcess p = supervisor.launch(new Launch("svc", "echo \"$GREETING $HOTRELOAD_SERVICE\"; cut -d' ' -f5 /proc/$$/stat",
                dir, Map.of("GREETING", "hello")), out, null);
        p.onExit().get();
        await().atMost(Duration.ofSeconds(5)).until(() -> out.lines.size() >= 2);
        assertThat(out.lines.get(0)).isEqualTo("hello svc");
        assertThat(Long.parseLong(out.lines.get(1).trim())).isEqualTo(p.pid());
    }

    @Test
    void readinessByLogLine() throws Exception {
        LaunchedProcess p = launch("echo starting; echo 'Server started on :1'; exec sleep 600", new Lines(),
                Pattern.compile("Server started"));
        ReadyResult r = supervisor.awaitReady(p, new Readiness(null, 0, Pattern.compile("Server started"), Duration.ofSeconds(10)));
        assertThat(r.ready()).isTrue();
    }

    @Test
    void readinessByTcpPortAndHttpUrl() throws Exception {
        int port = Commands.freePort();
        Files.writeString(dir.resolve("body.txt"), "v1");
        LaunchedProcess p = launch(Commands.java(TestServer.class, Integer.toString(port), "body.txt"), new Lines(), null);
        Readiness both = new Readiness(URI.create("http://127.0.0.1:" + port + "/"), port, null, Duration.ofSeconds(30));

        ReadyResult r = supervisor.awaitReady(p, both);

        assertThat(r.ready()).as(r.reason()).isTrue();
        assertThat(Commands.get(port)).isEqualTo("v1");
        supervisor.stop(p, Duration.ofSeconds(5));
        assertThat(supervisor.awaitPortFree(port, Duration.ofSeconds(5))).isTrue();
        assertThat(Commands.listening(port)).isFalse();
    }

    @Test
    void readinessFailsWithTheExitCodeWhenTheServiceDies() throws Exception {
        LaunchedProcess p = launch("echo 'panic: no config'; exit 4", new Lines(), Pattern.compile("ready"));
        ReadyResult r = supervisor.awaitReady(p, new Readiness(null, 0, Pattern.compile("ready"), Duration.ofSeconds(10)));
        assertThat(r.ready()).isFalse();
        assertThat(r.reason()).contains("exited with code 4");
        assertThat(r.tail()).contains("panic: no config");
    }

    @Test
    void readinessTimesOut() throws Exception {
        int port = Commands.freePort();
        LaunchedProcess p = launch("sleep 600", new Lines(), null);
        ReadyResult r = supervisor.awaitReady(p, new Readiness(null, port, null, Duration.ofMillis(300)));
        assertThat(r.ready()).isFalse();
        assertThat(r.reason()).contains("port " + port).contains("within");
    }

    @Test
    void closingStopsEverythingAndSendsTheWatchdogAway() throws Exception {
        LaunchedProcess p = launch("sleep 600", new Lines(), null);
        long watchdog = supervisor.watchdogPid();
        assertThat(Survivors.running(watchdog)).isTrue();

        supervisor.close();

        assertThat(p.isAlive()).isFalse();
        assertThat(Survivors.running(watchdog)).isFalse();
    }

    @Test
    void aWatchdogThatCannotStartIsToldOnceWithWhatProtectionIsLostAndNotRetried() throws Exception {
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProcessSupervisor broken = new ProcessSupervisor(warnings::add, List.of(dir.resolve("no-such-shell").toString()));
        try {
            LaunchedProcess first = broken.launch(new Launch("svc", "sleep 600", dir, Map.of()), new Lines(), null);
            LaunchedProcess second = broken.launch(new Launch("svc", "sleep 600", dir, Map.of()), new Lines(), null);

            assertThat(warnings).singleElement().asString()
                    .contains("no watchdog", "no-such-shell", "killed with SIGKILL", "may keep running");
            assertThat(broken.watchdogPid()).isEqualTo(-1);
            assertThat(first.isAlive()).as("services still start").isTrue();
            assertThat(second.isAlive()).isTrue();
        } finally {
            broken.close();
        }
        assertThat(Survivors.of(broken)).isEmpty();
    }

    @Test
    void aJvmWithTheExitAgentIsEndedOnceItsShutdownHooksHaveRun() throws Exception {
        Path jar = dir.resolve("agent/exit-agent.jar");
        ExitAgentJar.write(jar);
        Path hookFile = dir.resolve("hook.txt");
        String java = Commands.java(io.github.hotreload.testing.HookedServer.class, hookFile.toString());
        String withAgent = java.replaceFirst(" -XX:", " " + String.join(" ", ExitAgentJar.jvmOptions(jar)) + " -XX:");
        Lines out = new Lines();
        LaunchedProcess p = launch(withAgent, out, Pattern.compile("accepting on"));
        assertThat(supervisor.awaitReady(p, new Readiness(null, 0, Pattern.compile("accepting on"),
                Duration.ofSeconds(30))).ready()).isTrue();

        supervisor.stop(p, Duration.ofSeconds(10));

        assertThat(hookFile).as("the application's shutdown hook ran to its end").hasContent("hook ran");
        assertThat(p.onExit().get()).as("then it was killed, without HotSpot's wait for its native threads")
                .isEqualTo(137);
        assertThat(out.lines).noneMatch(l -> l.contains(ExitAgent.MARKER));
    }

    @Test
    void aJvmWithoutTheAgentEndsAsItAlwaysDoesAndWhatItPrintsWhileStoppingIsShown() throws Exception {
        Path hookFile = dir.resolve("hook.txt");
        Lines out = new Lines();
        LaunchedProcess p = launch(Commands.java(io.github.hotreload.testing.HookedServer.class, hookFile.toString()),
                out, Pattern.compile("accepting on"));
        assertThat(supervisor.awaitReady(p, new Readiness(null, 0, Pattern.compile("accepting on"),
                Duration.ofSeconds(30))).ready()).isTrue();

        supervisor.stop(p, Duration.ofSeconds(10));

        assertThat(hookFile).hasContent("hook ran");
        assertThat(p.onExit().get()).isEqualTo(143);
        p.pump().done().get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(out.lines).as("the output pipe stays open while the service shuts down").contains("closing connections");
    }

    @Test
    void aJvmStartedAheadRunsTheServiceOnlyOnceReleasedAndListsItsClassesAtExit() throws Exception {
        Path classes = dir.resolve("agent/svc.classes");
        Path hookFile = dir.resolve("hook.txt");
        Lines out = new Lines();
        LaunchedProcess p = supervisor.launchPaused(new Launch("svc",
                ahead(io.github.hotreload.testing.HookedServer.class, "", hookFile.toString()), dir, Map.of()),
                out, Pattern.compile("accepting on"));

        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2))
                .until(() -> p.isAlive() && out.lines.isEmpty());
        p.release();

        assertThat(supervisor.awaitReady(p, new Readiness(null, 0, Pattern.compile("accepting on"),
                Duration.ofSeconds(30))).ready()).as("the service runs once released").isTrue();
        supervisor.stop(p, Duration.ofSeconds(10));
        assertThat(hookFile).hasContent("hook ran");
        assertThat(Files.readAllLines(classes)).as("the classes it used, for the next JVM started ahead")
                .contains("java.net.ServerSocket", io.github.hotreload.testing.HookedServer.class.getName());
    }

    @Test
    void aShellStartedAheadRunsTheCommandOnlyOnceReleasedAsItIsOnDiskThen() throws Exception {
        Lines out = new Lines();
        // the program does not exist yet when its shell starts; it reads its input to the end
        LaunchedProcess p = supervisor.launchAhead(new Launch("svc", "./prog arg", dir, Map.of()), out,
                Pattern.compile("prog ran"));
        Path prog = dir.resolve("prog");
        Files.writeString(prog, "#!/bin/sh\ncat\necho \"prog ran with $1, pid $$\"\nexec sleep 600\n");
        prog.toFile().setExecutable(true);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> p.isAlive() && out.lines.isEmpty());

        p.release();

        assertThat(supervisor.awaitReady(p, new Readiness(null, 0, Pattern.compile("prog ran"), Duration.ofSeconds(10)))
                .ready()).as("it runs once released, its input at its end").isTrue();
        assertThat(out.lines).containsExactly("prog ran with arg, pid " + p.pid())
                .as("the shell became the program: no shell stays between");
        // the script prints its line before its own exec: wait for that, not just look once
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(p.pid()).flatMap(h -> h.info().command()).orElse("").endsWith("sleep"));
    }

    @Test
    void aShellStartedAheadWhoseInputEndsWithoutTheWordRunsNothing() throws Exception {
        Lines out = new Lines();
        LaunchedProcess p = supervisor.launchAhead(new Launch("svc", "echo ran", dir, Map.of()), out, null);

        p.process().getOutputStream().close();

        assertThat(p.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.process().exitValue()).isZero();
        assertThat(out.lines).isEmpty();
    }

    /** The command of a JVM started ahead for {@code main}, with {@code options} before the main class. */
    private String ahead(Class<?> main, String options, String... args) throws Exception {
        Path jar = dir.resolve("agent/exit-agent.jar");
        ExitAgentJar.write(jar);
        String java = Commands.java(main, args);
        return java.replaceFirst(" -XX:", " " + String.join(" ", ExitAgentJar.prestartOptions(jar, dir.resolve("agent/svc.classes")))
                        + " " + options + " -XX:")
                .replace(" " + main.getName(), " " + ExitAgentJar.prestartMainClass() + " " + main.getName());
    }

    @Test
    void aJvmStartedAheadWarmsTheJdksDateFormattingAndBootstrapsBeforeTheGo() throws Exception {
        Path log = dir.resolve("init.log");
        Lines out = new Lines();
        LaunchedProcess p = supervisor.launchPaused(new Launch("svc",
                ahead(io.github.hotreload.testing.HookedServer.class, "-Xlog:class+init=info:file=" + log,
                        dir.resolve("hook.txt").toString()), dir, Map.of()), out, Pattern.compile("accepting on"));

        // HookedServer formats no date: only the warm-up initializes these, and it does before the go
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(log)
                && Files.readString(log).contains("Initializing 'java/time/format/DateTimeFormatter'")
                && Files.readString(log).contains("Initializing 'java/lang/invoke/StringConcatFactory'"));
        assertThat(out.lines).as("the service has not run").isEmpty();
        p.release();
        assertThat(supervisor.awaitReady(p, new Readiness(null, 0, Pattern.compile("accepting on"),
                Duration.ofSeconds(30))).ready()).isTrue();
        supervisor.stop(p, Duration.ofSeconds(10));
    }

    @Test
    void theWarmUpLeavesTheDefaultTimeZoneAndLocaleToTheService() throws Exception {
        Lines out = new Lines();
        LaunchedProcess p = supervisor.launchPaused(new Launch("svc",
                ahead(io.github.hotreload.testing.DefaultsReporter.class, ""), dir, Map.of()), out, null);
        p.release();
        p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        p.pump().done().get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(out.lines).as("what the service set in its main is what the JDK uses")
                // in Apia the epoch was still a Wednesday
                .contains("zone Pacific/Apia locale de-DE date Mittwoch Apia-Normalzeit");
    }

    @Test
    void aClosedSupervisorStartsNothing() throws Exception {
        ProcessSupervisor closed = new ProcessSupervisor();
        closed.close();
        assertThatThrownBy(() -> closed.launch(new Launch("svc", "sleep 600", dir, Map.of()), new Lines(), null))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("stopping");
        assertThat(Survivors.of(closed)).isEmpty();
    }

    /** A JVM that supervises a tree and writes its pids to {@code pidFile} (see {@link SupervisorHost}); its output in host.log. */
    private Process startHost(Path pidFile, String... more) throws java.io.IOException {
        String[] args = new String[more.length + 1];
        args[0] = pidFile.toString();
        System.arraycopy(more, 0, args, 1, more.length);
        return new ProcessBuilder(Arrays.asList("/bin/sh", "-c", "exec " + Commands.java(SupervisorHost.class, args)))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("host.log").toFile())
                .start();
    }

    @Test
    void theWatchdogStopsTheTreeWhenTheJvmIsKilled() throws Exception {
        Path pidFile = dir.resolve("host.pids");
        Process host = startHost(pidFile);
        try {
            List<Long> tree = pidsIn("host.pids");
            assertThat(tree).hasSize(2).allMatch(Survivors::running);

            host.destroyForcibly(); // SIGKILL: no shutdown hook runs
            host.waitFor();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tree).noneMatch(Survivors::running));
        } finally {
            host.destroyForcibly();
        }
    }

    @Test
    void theWatchdogRunsTheDeathCommandsAfterTheTreeIsStoppedWhenTheJvmIsKilled() throws Exception {
        Path pidFile = dir.resolve("host.pids");
        Path mark = dir.resolve("after-death");
        // the command sees whether the tree was stopped before it ran
        String command = "for p in $(cat " + pidFile + "); do kill -0 $p 2>/dev/null && echo alive $p; done > " + mark
                + "; echo ran >> " + mark;
        Process host = startHost(pidFile, command);
        try {
            List<Long> tree = pidsIn("host.pids");
            assertThat(mark).doesNotExist();

            host.destroyForcibly();
            host.waitFor();

            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(mark)
                    && Files.readString(mark).contains("ran"));
            assertThat(Files.readString(mark)).isEqualTo("ran\n");
            assertThat(tree).noneMatch(Survivors::running);
        } finally {
            host.destroyForcibly();
        }
    }

    @Test
    void aNormalCloseDoesNotRunTheDeathCommands() throws Exception {
        Path pidFile = dir.resolve("host.pids");
        Path mark = dir.resolve("after-death");
        Process host = startHost(pidFile, "touch " + mark, "close");
        long hostPid = host.pid();
        assertThat(host.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(host.exitValue()).as(Files.readString(dir.resolve("host.log"))).isZero();
        List<Long> tree = pidsIn("host.pids");
        assertThat(tree).noneMatch(Survivors::running);
        // the watchdog ends once told bye, without running the command
        await().atMost(Duration.ofSeconds(10)).until(() -> watchdogsOf(hostPid).isEmpty());
        assertThat(mark).doesNotExist();
    }

    /** The watchdogs of the JVM {@code pid}, found by their command line. */
    private static List<Path> watchdogsOf(long pid) throws java.io.IOException {
        String marker = "hotreload-watchdog\0" + pid + "-";
        List<Path> found = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                try {
                    if (new String(Files.readAllBytes(p.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8)
                            .contains(marker)) {
                        found.add(p);
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // not a process, or gone
                }
            }
        }
        return found;
    }
}
