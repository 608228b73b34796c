package io.github.hotreload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.process.Survivors;
import io.github.hotreload.config.ServiceDefinition;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.testing.Commands;
import io.github.hotreload.testing.EngineHarness;
import io.github.hotreload.testing.RecordingListener;
import io.github.hotreload.testing.Specs;
import io.github.hotreload.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The engine with real directories, real file events and real processes. */
class ReloadSessionTest {

    /** Builds out/app.txt from src/app.txt, failing like a compiler when it says BROKEN. */
    static final String BUILD = "grep -q BROKEN src/app.txt && { echo 'error: src/app.txt:1: BROKEN' >&2; exit 3; }; "
            + "mkdir -p out && cp src/app.txt out/app.txt";

    @TempDir
    Path dir;

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private ProcessSupervisor supervisor() {
        return engine.supervisor();
    }
    private final RecordingListener events = engine.events;
    private ReloadSession session;

    private String console() {
        return engine.console();
    }

    private ReloadSession start(ServiceSpec... specs) throws Exception {
        session = engine.start(List.of(specs), 8);
        return session;
    }

    private ServiceSpec webService(int port, Consumer<ServiceDefinition> customize) throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/app.txt"), "v1");
        return Specs.exec(dir, "web", d -> {
            d.setBuild(BUILD);
            d.setRun(Commands.java(TestServer.class, Integer.toString(port), "out/app.txt"));
            d.setReadyUrl("http://127.0.0.1:" + port + "/");
            d.setReadyTimeout("30s");
            d.setExcludes(List.of("/out/"));
            customize.accept(d);
        });
    }

    private ServiceSpec sleeper(String name, Consumer<ServiceDefinition> customize) throws Exception {
        Path svc = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(svc.resolve("src"));
        // written a minute ago, as files of a checkout are: the start-up index takes them as baseline
        Files.setLastModifiedTime(Files.writeString(svc.resolve("src/a.txt"), "a"),
                FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        return Specs.exec(svc, name, d -> {
            d.setBuild("true");
            d.setRun("sleep 600");
            customize.accept(d);
        });
    }

    private void awaitReloads(int n) {
        await().atMost(Duration.ofSeconds(60)).until(() -> events.reloads.size() >= n);
    }

    @Test
    void startsThenRebuildsAndRestartsOnAnEdit() throws Exception {
        int port = Commands.freePort();
        start(webService(port, d -> {}));
        awaitReloads(1);
        assertThat(Commands.get(port)).isEqualTo("v1");
        long firstPid = events.lastReload().pid();

        Files.writeString(dir.resolve("src/app.txt"), "v2");
        awaitReloads(2);

        assertThat(Commands.get(port)).isEqualTo("v2");
        ReloadReport report = events.lastReload();
        assertThat(report.initial()).isFalse();
        assertThat(report.changes()).containsExactly(Path.of("src/app.txt"));
        assertThat(report.oldPid()).isEqualTo(firstPid);
        assertThat(report.pid()).isNotEqualTo(firstPid);
        assertThat(Survivors.running(firstPid)).isFalse();
        assertThat(events.builds).hasSize(2);
        assertThat(console()).contains("[web     ] » reloaded (src/app.txt) · build ").contains(" · restart ").contains(" · total ");
        assertThat(console()).contains("[web     ] test-server ready on " + port + " serving v2");
        assertThat(console()).doesNotContain("trigger itself");
    }

    @Test
    void aBuildThatTriggersItselfIsNamedWithTheExcludeThatEndsIt() throws Exception {
        // the build writes a watched file with new content every time
        start(sleeper("stamp", d -> d.setBuild("date +%s%N > stamp.txt")));
        await().atMost(Duration.ofSeconds(60)).until(() -> events.builds.size() >= 6);

        String warning = "the build seems to trigger itself: stamp.txt changed while each of the last 3 builds ran";
        assertThat(console()).contains(warning)
                .contains("add <exclude>/stamp.txt</exclude> to the <excludes> of service 'stamp'");
        assertThat(console().split(java.util.regex.Pattern.quote(warning), -1)).as("said once").hasSize(2);
    }

    @Test
    void aFailedBuildLeavesTheOldProcessServingAndShowsTheErrors() throws Exception {
        int port = Commands.freePort();
        start(webService(port, d -> {}));
        awaitReloads(1);
        long pid = events.lastReload().pid();

        Files.writeString(dir.resolve("src/app.txt"), "v2 BROKEN");
        await().atMost(Duration.ofSeconds(30)).until(() -> !events.failures.isEmpty());

        assertThat(events.failures.get(0).step()).isEqualTo(ReloadStep.BUILD);
        assertThat(events.failures.get(0).tail()).contains("error: src/app.txt:1: BROKEN");
        assertThat(Survivors.running(pid)).isTrue();
        assertThat(Commands.get(port)).isEqualTo("v1");
        assertThat(console()).contains("[web     ] error: src/app.txt:1: BROKEN")
                .contains("build failed with exit code 3").contains("the previous version keeps running");

        Files.writeString(dir.resolve("src/app.txt"), "v3");
        awaitReloads(2);
        assertThat(Commands.get(port)).isEqualTo("v3");
        assertThat(Survivors.running(pid)).isFalse();
    }

    /** Starts the service and waits until its first start is done and its files are fingerprinted. */
    private void startIndexed(ServiceSpec spec) throws Exception {
        start(spec);
        awaitReloads(1);
        assertThat(session.awaitIndexed(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aBurstOfAThousandFilesGivesExactlyOneRestartWithEveryFile() throws Exception {
        // a.txt is known to be unchanged, so that if the system drops events (a busy machine), the
        // comparison that makes up for them finds exactly the burst
        startIndexed(sleeper("storm", d -> d.setDelay("300ms")));
        Path src = dir.resolve("storm/src");

        for (int i = 0; i < 1000; i++) {
            Files.writeString(src.resolve("file-" + i + ".txt"), "content " + i);
        }
        awaitReloads(2);

        // nothing more comes: one restart for the whole burst, after a build that had every file
        // (a pause within the burst may start an early build, which the rest of it cancels)
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> events.reloads.size() == 2);
        assertThat(events.lastReload().changes()).hasSize(1000);
        assertThat(events.builds.get(events.builds.size() - 1)).hasSize(1000);
        assertThat(events.started).hasSize(2);
        // the watcher's thread only passes the events on, and the files are read on a thread of the
        // service's own: the JDK keeps at most 512 events per directory until that thread takes them
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains("hotreload-storm-reader");
    }

    @Test
    void afterACancelledBuildTheNextStartsAQuietPeriodAfterItNotAfterTheLastChange() throws Exception {
        // the build is slow while a.txt says slow and b.txt does not exist: b's change cancels it
        startIndexed(sleeper("storm2", d -> {
            d.setDelay("2s");
            d.setBuild("if grep -q slow src/a.txt && [ ! -f src/b.txt ]; then sleep 30; fi");
        }));
        Files.writeString(dir.resolve("storm2/src/a.txt"), "slow");
        await().atMost(Duration.ofSeconds(10)).until(() -> times(ReloadEvent.BuildStarted.class).size() == 2);
        Instant cancelled = times(ReloadEvent.BuildStarted.class).get(1);
        // the storm goes on: one more change, a second after the early build began
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), cancelled.plusSeconds(1)).toMillis()));
        Instant last = Instant.now();
        Files.writeString(dir.resolve("storm2/src/b.txt"), "new");
        awaitReloads(2);

        Instant next = times(ReloadEvent.BuildStarted.class).get(2);
        assertThat(console()).contains("build cancelled: src/b.txt changed");
        assertThat(Duration.between(cancelled, next)).as("no sooner than a quiet period after the cancelled build began")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1990));
        assertThat(Duration.between(last, next)).as("not the whole quiet period after the last change")
                .isLessThan(Duration.ofMillis(1700));
        assertThat(events.lastReload().changes()).containsExactlyInAnyOrder(Path.of("src/a.txt"), Path.of("src/b.txt"));
        assertThat(events.started).as("one restart").hasSize(2);
        assertThat(events.builds).hasSize(3);
    }

    private List<Instant> times(Class<? extends ReloadEvent> kind) {
        return events.all.stream().filter(kind::isInstance).map(ReloadEvent::time).toList();
    }

    @Test
    void theBuildRunsDuringTheQuietPeriodAndOnlyTheRestartWaitsForItsEnd() throws Exception {
        startIndexed(sleeper("early", d -> d.setDelay("2s")));

        Instant saved = Instant.now();
        Files.writeString(dir.resolve("early/src/a.txt"), "edited");
        awaitReloads(2);

        Instant built = times(ReloadEvent.BuildStarted.class).get(1);
        Instant restarted = times(ReloadEvent.ProcessStarted.class).get(1);
        assertThat(Duration.between(saved, built)).as("the build starts well before the 2 s are over")
                .isLessThan(Duration.ofMillis(1500));
        assertThat(Duration.between(saved, restarted)).as("the restart waits for the quiet period")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1990));
    }

    @Test
    void aChangeAfterAnEarlyBuildBeforeTheQuietPeriodEndsGivesOneMoreBuildAndOneRestart() throws Exception {
        startIndexed(sleeper("twice", d -> d.setDelay("3s")));
        Path a = dir.resolve("twice/src/a.txt");
        Path b = dir.resolve("twice/src/b.txt");

        Files.writeString(a, "edited");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.buildResults.size() == 2); // the early build is done
        Files.writeString(b, "new, within the quiet period");
        awaitReloads(2);

        assertThat(console()).contains("build cancelled: src/b.txt changed");
        assertThat(events.lastReload().changes()).containsExactlyInAnyOrder(Path.of("src/a.txt"), Path.of("src/b.txt"));
        assertThat(events.started).as("one restart, with both changes").hasSize(2);
        assertThat(events.builds).hasSize(3);
    }

    /**
     * Starts a service without a build and edits its src/a.txt; returns once its first process,
     * whose pid goes into {@code first[0]}, is gone.
     */
    private Instant editWithoutABuild(String name, String delay, long[] first) throws Exception {
        startIndexed(sleeper(name, d -> {
            d.setBuild(null);
            d.setDelay(delay);
        }));
        long pid = events.lastReload().pid();
        first[0] = pid;
        Instant saved = Instant.now();
        Files.writeString(dir.resolve(name + "/src/a.txt"), "edited");
        await().atMost(Duration.ofSeconds(10)).until(() -> !Survivors.running(pid));
        return saved;
    }

    @Test
    void withoutABuildTheOldProcessStopsDuringTheQuietPeriodAndTheNewOneStartsAtItsEnd() throws Exception {
        long[] first = new long[1];
        Instant saved = editWithoutABuild("plain", "2s", first);
        Duration stopped = Duration.between(saved, Instant.now());
        awaitReloads(2);

        Instant restarted = times(ReloadEvent.ProcessStarted.class).get(1);
        assertThat(stopped).as("the old process is gone well before the 2 s are over").isLessThan(Duration.ofMillis(1500));
        assertThat(Duration.between(saved, restarted)).as("the new one starts after the quiet period")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1990));
        assertThat(events.lastReload().oldPid()).isEqualTo(first[0]);
        assertThat(events.exits).as("its stop is not taken for a crash").isEmpty();
        assertThat(times(ReloadEvent.RestartScheduled.class)).isEmpty();
        assertThat(events.started).hasSize(2);
    }

    @Test
    void withoutABuildAChangeAfterTheOldProcessStoppedGivesOneStartAfterTheLastChangesQuietPeriod() throws Exception {
        long[] first = new long[1];
        editWithoutABuild("later", "3s", first);
        Instant again = Instant.now();
        Files.writeString(dir.resolve("later/src/b.txt"), "new, within the quiet period");
        awaitReloads(2);

        assertThat(console()).contains("start postponed: src/b.txt changed; starting once changes are quiet")
                .doesNotContain("build cancelled");
        assertThat(Duration.between(again, times(ReloadEvent.ProcessStarted.class).get(1)))
                .as("the whole quiet period after the last change").isGreaterThanOrEqualTo(Duration.ofMillis(2990));
        assertThat(events.lastReload().changes()).containsExactlyInAnyOrder(Path.of("src/a.txt"), Path.of("src/b.txt"));
        assertThat(events.lastReload().oldPid()).isEqualTo(first[0]);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> events.started.size() == 2);
        assertThat(events.exits).isEmpty();
    }

    @Test
    void withoutABuildTheOldProcessStopsWhileTheRestOfTheChangesAreCompared() throws Exception {
        Path stoppedAt = dir.resolve("overlap.stopped");
        ServiceSpec spec = sleeper("overlap", d -> {
            d.setBuild(null);
            d.setDelay("1s");
            // records when it is told to stop
            d.setRun("trap 'date +%s%N > ../overlap.stopped; exit 0' TERM; sleep 600 & wait");
        });
        addBigFile("overlap");
        startIndexed(spec);
        long first = events.lastReload().pid();
        // both changes in one batch: held while paused, the sparse 1 GiB file first, a.txt newest
        session.pause(List.of("overlap"), true, "the test");
        try (var f = new java.io.RandomAccessFile(dir.resolve("overlap/src/big.bin").toFile(), "rw")) {
            f.seek((1L << 30) - 1);
            f.write('x');
        }
        Files.writeString(dir.resolve("overlap/src/a.txt"), "edited");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.of(ReloadEvent.ChangesHeld.class).stream()
                .anyMatch(h -> h.held() == 2));
        session.pause(List.of("overlap"), false, "the test");
        awaitReloads(2);

        Instant compared = times(ReloadEvent.BuildStarted.class).get(1); // told once the comparison is done
        Instant stopped = Instant.ofEpochSecond(0, Long.parseLong(Files.readString(stoppedAt).trim()));
        assertThat(stopped).as("the old process was stopped before the 1 GiB file was compared").isBefore(compared);
        assertThat(events.lastReload().changes()).containsExactly(Path.of("src/big.bin"), Path.of("src/a.txt"));
        assertThat(events.lastReload().oldPid()).isEqualTo(first);
        assertThat(events.exits).as("its stop is not taken for a crash").isEmpty();
        assertThat(events.started).hasSize(2);
    }

    /** A service without a build that takes 1.5 s to be ready, with a quiet period of 1 s. */
    private ServiceSpec slowStarter(String name) throws Exception {
        return sleeper(name, d -> {
            d.setBuild(null);
            d.setDelay("1s");
            d.setRun("sleep 1.5; echo up; exec sleep 600");
            d.setReadyLog("up");
        });
    }

    @Test
    void withoutABuildAServiceSlowerToStartThanTheQuietPeriodStartsAtOnce() throws Exception {
        startIndexed(slowStarter("slow"));
        long first = events.lastReload().pid();
        Instant saved = Instant.now();
        Files.writeString(dir.resolve("slow/src/a.txt"), "edited");
        awaitReloads(2);

        Instant restarted = times(ReloadEvent.ProcessStarted.class).get(1);
        assertThat(Duration.between(saved, restarted)).as("started within the quiet period, not at its end")
                .isLessThan(Duration.ofMillis(700));
        assertThat(events.lastReload().oldPid()).isEqualTo(first);
        assertThat(Survivors.running(first)).isFalse();
        assertThat(events.exits).isEmpty();
        assertThat(events.started).hasSize(2);
    }

    @Test
    void withoutABuildAChangeWhileTheEarlyStartIsNotReadyStopsItAndStartsOnceMore() throws Exception {
        startIndexed(slowStarter("again"));
        long first = events.lastReload().pid();
        Files.writeString(dir.resolve("again/src/a.txt"), "edited");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.started.size() == 2); // started early
        long early = times(ReloadEvent.ProcessStarted.class).size();
        Files.writeString(dir.resolve("again/src/b.txt"), "new, within the quiet period");
        awaitReloads(2);

        assertThat(early).isEqualTo(2);
        assertThat(console()).contains("start postponed: src/b.txt changed; starting once changes are quiet");
        assertThat(events.lastReload().changes()).containsExactlyInAnyOrder(Path.of("src/a.txt"), Path.of("src/b.txt"));
        assertThat(events.lastReload().oldPid()).as("the process that served before").isEqualTo(first);
        assertThat(events.started).as("the early start, stopped before it was ready, and the one that serves").hasSize(3);
        assertThat(events.reloads).hasSize(2);
        assertThat(events.exits).as("the stops are not taken for crashes").isEmpty();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> events.reloads.size() == 2);
    }

    @Test
    void aTouchOrAnUndoneEditDoesNotRebuild() throws Exception {
        startIndexed(sleeper("calm", d -> {}));
        Path a = dir.resolve("calm/src/a.txt");

        Files.setLastModifiedTime(a, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.ignored.size() == 1);
        Files.writeString(a, "b");
        Files.writeString(a, "a");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.ignored.size() == 2);

        assertThat(events.builds).hasSize(1);
        Files.writeString(a, "really changed");
        awaitReloads(2);
        assertThat(events.builds).hasSize(2);
    }

    /**
     * A service whose src/big.bin is a sparse file of 1 GiB: comparing it with the index reads all
     * of it (files over 1 MiB are not read as their events arrive), long enough for a build started
     * ahead of the comparison to have done its first steps. The build prints a line and records
     * its pid in {@code ../<name>.pid} (outside the watched tree) when {@code ../<name>.armed}
     * exists, and then runs for a while; otherwise it does nothing.
     */
    private ServiceSpec slowToCompare(String name) throws Exception {
        ServiceSpec spec = sleeper(name, d -> d.setBuild("if [ -f ../" + name + ".armed ]; then echo building ahead;"
                + " echo $$ > ../" + name + ".pid; exec sleep 30; fi"));
        addBigFile(name);
        return spec;
    }

    /** Adds src/big.bin, a sparse file of 1 GiB written a minute ago, to service {@code name}. */
    private void addBigFile(String name) throws java.io.IOException {
        Path big = dir.resolve(name + "/src/big.bin");
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(1L << 30);
        }
        Files.setLastModifiedTime(big, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    }

    @Test
    void aBuildCommandStartsBeforeTheComparisonAndIsStoppedUnseenWhenNothingChanged() throws Exception {
        startIndexed(slowToCompare("ahead"));
        Files.writeString(dir.resolve("ahead.armed"), "");
        Path pidFile = dir.resolve("ahead.pid");

        Files.setLastModifiedTime(dir.resolve("ahead/src/big.bin"), FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        await().atMost(Duration.ofSeconds(30)).until(() -> events.ignored.size() == 1);

        // the build ran while the file was read: it did not wait for the comparison
        assertThat(pidFile).as("the build started before the comparison was done").exists();
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        await().atMost(Duration.ofSeconds(10)).until(() -> !Survivors.running(pid));
        assertThat(events.builds).as("only the first; the stopped one is not told of").hasSize(1);
        assertThat(events.of(ReloadEvent.BuildCancelled.class)).isEmpty();
        assertThat(events.of(ReloadEvent.Output.class)).extracting(ReloadEvent.Output::line).doesNotContain("building ahead");
        assertThat(console()).doesNotContain("] building ahead");
        assertThat(events.reloads).hasSize(1);
        assertThat(events.failures).isEmpty();
    }

    @Test
    void aBuildStartedBeforeTheComparisonShowsItsOutputAfterItsStartWhenTheContentChanged() throws Exception {
        startIndexed(slowToCompare("shown"));
        Files.writeString(dir.resolve("shown.armed"), "");

        try (var f = new java.io.RandomAccessFile(dir.resolve("shown/src/big.bin").toFile(), "rw")) {
            f.seek((1L << 30) - 1);
            f.write('x');
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> events.of(ReloadEvent.Output.class).stream()
                .anyMatch(o -> o.line().equals("building ahead")));

        List<ReloadEvent> all = List.copyOf(events.all);
        int started = all.indexOf(events.of(ReloadEvent.BuildStarted.class).get(1));
        int line = all.indexOf(events.of(ReloadEvent.Output.class).stream()
                .filter(o -> o.line().equals("building ahead")).findFirst().orElseThrow());
        assertThat(line).as("its output comes after the build is told of, though it was printed during the comparison")
                .isGreaterThan(started);
        assertThat(events.builds.get(1)).containsExactly(Path.of("src/big.bin"));
    }

    @Test
    void theNextProcessIsTheShellStartedAheadOnceTheLastWasReady() throws Exception {
        startIndexed(sleeper("spare", d -> {}));
        long first = events.lastReload().pid();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("spare").anyMatch(p -> p.pid() != first));
        long ahead = runs("spare").filter(p -> p.pid() != first).findFirst().orElseThrow().pid();

        Files.writeString(dir.resolve("spare/src/a.txt"), "changed");
        awaitReloads(2);

        assertThat(events.lastReload().pid()).as("no process spawned on the way: the one waiting runs").isEqualTo(ahead);
        assertThat(Survivors.running(first)).isFalse();
        // ready (no probe) can come before the released shell's exec of sleep: wait for it
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(ahead).flatMap(h -> h.info().command()).orElse("").endsWith("sleep"));
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("spare").count() == 2); // and the next one waits
    }

    @Test
    void aShellWaitsAheadAlsoAfterAStartThatFailed() throws Exception {
        String run = "grep -q fixed src/a.txt || exit 3; echo up; exec sleep 600";
        start(sleeper("flaky", d -> {
            d.setRun(run);
            d.setReadyLog("up");
            d.setRestart("never"); // so that only a change starts it again
        }));
        assertThat(session.awaitIndexed(Duration.ofSeconds(10))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> console().contains("not ready"));
        // the first start never got ready; the next one's shell waits all the same
        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor().live().stream()
                .anyMatch(p -> p.service().equals("flaky") && p.command().equals(run) && p.isAlive()));
        long ahead = supervisor().live().stream().filter(p -> p.command().equals(run) && p.isAlive())
                .findFirst().orElseThrow().pid();

        Files.writeString(dir.resolve("flaky/src/a.txt"), "fixed");
        awaitReloads(1);

        assertThat(events.lastReload().pid()).as("the fix's start spawned nothing: the shell waiting ran").isEqualTo(ahead);
    }

    /** The live processes of service {@code name} that run its run command (the sleeper's). */
    private java.util.stream.Stream<io.github.hotreload.process.LaunchedProcess> runs(String name) {
        return supervisor().live().stream().filter(p -> p.service().equals(name) && p.command().equals("sleep 600"));
    }

    @Test
    void eachBuildRunsInTheShellStartedAheadOfIt() throws Exception {
        Path builders = dir.resolve("builders.txt"); // outside the watched tree
        startIndexed(sleeper("builds", d -> d.setBuild("echo $$ >> " + builders)));
        java.util.function.Supplier<java.util.Set<Long>> waiting = () -> supervisor().live().stream()
                .filter(p -> p.service().equals("builds") && p.command().startsWith("echo"))
                .map(io.github.hotreload.process.LaunchedProcess::pid).collect(java.util.stream.Collectors.toSet());
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting.get().size() == 1);
        long ahead = waiting.get().iterator().next();

        Files.writeString(dir.resolve("builds/src/a.txt"), "changed");
        awaitReloads(2);

        List<String> shells = Files.readAllLines(builders);
        assertThat(shells).hasSize(2);
        assertThat(Long.parseLong(shells.get(1))).as("no shell spawned on the way: the one waiting built").isEqualTo(ahead);
        assertThat(events.failures).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting.get().size() == 1
                && !waiting.get().contains(ahead)); // and the next one waits
        long next = waiting.get().iterator().next();
        session.close();
        assertThat(Survivors.running(next)).as("the shell that waited stops with the session").isFalse();
        assertThat(waiting.get()).isEmpty();
    }

    @Test
    void aProcessStartedAheadInADirectoryRemovedSinceIsToldApart() throws Exception {
        Path gone = Files.createDirectories(dir.resolve("gone"));
        try (ProcessSupervisor own = new ProcessSupervisor()) {
            var p = own.launch(new io.github.hotreload.process.Launch("gone", "sleep 600", gone, java.util.Map.of()),
                    line -> {}, null);
            assertThat(Spare.inRemovedDirectory(p)).isFalse();

            Files.delete(gone);
            Files.createDirectories(gone); // made again, as a branch switch does

            assertThat(Spare.inRemovedDirectory(p)).as("it would run in the old directory").isTrue();
        }
    }

    @Test
    void aChangeDuringABuildCancelsItAndOneMoreBuildServesEveryChange() throws Exception {
        Path marker = dir.resolve("slow/building");
        Path pids = dir.resolve("slow/build.pids");
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, "the first build is quick");
        // each build records its shell and a child; a build without the marker makes it and takes 30 s
        start(sleeper("slow", d -> {
            d.setBuild("echo $$ >> " + pids + "; if [ -e " + marker + " ]; then exit 0; fi; "
                    + "touch " + marker + "; sleep 30 & echo $! >> " + pids + "; wait");
            d.setExcludes(List.of("/building", "/build.pids"));
        }));
        awaitReloads(1);
        Files.deleteIfExists(marker);
        Files.deleteIfExists(pids);
        Path src = dir.resolve("slow/src");

        Files.writeString(src.resolve("a.txt"), "first");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(marker) && Files.exists(pids)
                && Files.readAllLines(pids).size() == 2);
        List<Long> cancelled = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        for (int i = 0; i < 3; i++) {
            Files.writeString(src.resolve("during-" + i + ".txt"), "x");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> events.reloads.size() == 2);

        assertThat(events.of(ReloadEvent.BuildCancelled.class)).hasSize(1);
        assertThat(cancelled).as("the cancelled build's whole tree").noneMatch(Survivors::running);
        assertThat(events.failures).as("a cancelled build is no failed reload").isEmpty();
        // the build after the cancel has every change, the first one included
        assertThat(events.lastReload().changes()).contains(Path.of("src/a.txt"), Path.of("src/during-0.txt"),
                Path.of("src/during-1.txt"), Path.of("src/during-2.txt"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> events.builds.size() == 3);
        assertThat(console()).contains("» build cancelled: ").doesNotContain("build failed");
    }

    @Test
    void aChangeToWhatTheBuildItselfWritesDoesNotCancelIt() throws Exception {
        Path svc = Files.createDirectories(dir.resolve("crate"));
        Files.createDirectories(svc.resolve("src"));
        Files.writeString(svc.resolve("Cargo.toml"), "[package]\nname = \"crate\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
        Files.writeString(svc.resolve("Cargo.lock"), "# v1\n");
        Files.writeString(svc.resolve("src/main.rs"), "fn main() {}\n");
        // a cargo service whose "build" rewrites Cargo.lock, as cargo does, then takes a while
        ServiceSpec spec = Specs.exec(svc, "crate", d -> {
            d.setPreset("cargo");
            d.setBuild("date +%N > Cargo.lock; sleep 0.5");
            d.setRun("sleep 600");
        });
        start(spec);
        awaitReloads(1);
        Files.writeString(svc.resolve("src/main.rs"), "fn main() { }\n");
        awaitReloads(2);
        assertThat(events.of(ReloadEvent.BuildCancelled.class)).isEmpty();
    }

    @Test
    void ignoredFilesAndTheBuildsOwnOutputNeverTrigger() throws Exception {
        // the build writes into the service directory: out/ is excluded, target/ always ignored
        start(sleeper("quiet", d -> {
            d.setBuild("mkdir -p out target && date +%N > out/stamp && date +%N > target/stamp");
            d.setExcludes(List.of("/out/", "*.log"));
        }));
        awaitReloads(1);
        Path svc = dir.resolve("quiet");
        Files.createDirectories(svc.resolve(".git"));
        Files.writeString(svc.resolve(".git/HEAD"), "ref");
        Files.writeString(svc.resolve("src/.a.txt.swp"), "swap");
        Files.writeString(svc.resolve("src/a.txt~"), "backup");
        Files.writeString(svc.resolve("src/4913"), "vim probe");
        Files.writeString(svc.resolve("server.log"), "log");
        Files.writeString(svc.resolve("target/other"), "build output");

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> events.builds.size() == 1 && events.ignored.isEmpty());

        Files.writeString(svc.resolve("src/a.txt"), "edit");
        awaitReloads(2);
        // the second build rewrote out/ and target/ again: still no third build
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> events.builds.size() == 2);
    }

    @Test
    void newDirectoriesAreWatched() throws Exception {
        start(sleeper("deep", d -> {}));
        awaitReloads(1);
        Path nested = Files.createDirectories(dir.resolve("deep/src/a/b/c"));
        Files.writeString(nested.resolve("x.txt"), "x");
        awaitReloads(2);
        assertThat(events.lastReload().changes()).contains(Path.of("src/a/b/c/x.txt"));
    }

    @Test
    void servicesReloadIndependently() throws Exception {
        start(sleeper("one", d -> {}), sleeper("two", d -> {}));
        awaitReloads(2);
        Files.writeString(dir.resolve("two/src/a.txt"), "changed");
        awaitReloads(3);
        assertThat(events.lastReload().service()).isEqualTo("two");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> events.builds.size() == 3);
    }

    @Test
    void aServiceThatExitsIsReportedAndStartedAgainOnTheNextChange() throws Exception {
        start(sleeper("crashy", d -> {
            d.setRun("echo started; sleep 0.3; exit 3");
            d.setRestart("never"); // so that only the change can start it again
        }));
        awaitReloads(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.exits.size() == 1);
        assertThat(events.exits.get(0).code()).isEqualTo(3);
        assertThat(console()).contains("exited with code 3");
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> events.reloads.size() == 1);

        Files.writeString(dir.resolve("crashy/src/a.txt"), "fix");
        awaitReloads(2);
        assertThat(events.lastReload().kind()).isEqualTo(ReloadReport.Kind.RELOAD);
        assertThat(events.lastReload().changes()).containsExactly(Path.of("src/a.txt"));
    }

    @Test
    void theSummaryOfEachReloadComesAfterTheLineThatMadeItReady() throws Exception {
        start(sleeper("logs", d -> {
            d.setRun("echo booting; echo \"Server started on :$$\"; exec sleep 600");
            d.setReadyLog("Server started on");
        }));
        awaitReloads(1);
        for (int i = 2; i <= 12; i++) {
            session.rebuild(List.of(), false).get(0).get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        awaitReloads(12);

        int readyLines = 0;
        int summaries = 0;
        for (String line : console().split("\n")) {
            if (line.contains("» ready in") || line.contains("» reloaded")) {
                summaries++;
                assertThat(readyLines).as("ready lines printed before summary " + summaries + ":%n" + console())
                        .isEqualTo(summaries);
            } else if (line.contains("Server started on")) {
                readyLines++;
            }
        }
        assertThat(summaries).isEqualTo(12);
    }

    @Test
    void closingStopsEveryTreeAndFreesThePorts() throws Exception {
        int port = Commands.freePort();
        ServiceSpec web = webService(port, d -> d.setRun("sleep 600 & sleep 600 & "
                + Commands.java(TestServer.class, Integer.toString(port), "out/app.txt")));
        start(web, sleeper("other", d -> d.setRun("sh -c 'sleep 600 & wait'")));
        awaitReloads(2);
        assertThat(Survivors.of(supervisor())).hasSizeGreaterThanOrEqualTo(6);

        session.close();

        assertThat(Survivors.of(supervisor())).isEmpty();
        assertThat(Commands.listening(port)).isFalse();
    }

    @Test
    void closingDuringABuildStopsTheBuild() throws Exception {
        Path started = dir.resolve("long/started");
        start(sleeper("long", d -> {
            d.setBuild("touch " + started + "; sleep 600");
            d.setExcludes(List.of("/started"));
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(started));
        assertThat(Survivors.of(supervisor())).isNotEmpty();

        session.close();

        assertThat(Survivors.of(supervisor())).isEmpty();
        assertThat(events.reloads).isEmpty();
    }
}
