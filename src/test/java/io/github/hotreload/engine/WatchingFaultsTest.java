package io.github.hotreload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.config.ServiceDefinition;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.testing.EngineHarness;
import io.github.hotreload.testing.RecordingListener;
import io.github.hotreload.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** How watching copes with what editors, tools and the system do to a tree. */
class WatchingFaultsTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private ProcessSupervisor supervisor() {
        return engine.supervisor();
    }
    private final RecordingListener events = engine.events;
    private ReloadSession session;
    private ServiceLoop loop;

    @AfterEach
    void stopTheLoop() {
        // before the harness closes the session and the supervisor
        if (loop != null) {
            loop.requestStop();
        }
    }

    private Path src() {
        return dir.resolve("src");
    }

    private void start(Consumer<ServiceDefinition> customize) throws Exception {
        Files.createDirectories(src().resolve("pkg"));
        Files.writeString(src().resolve("main.txt"), "main");
        Files.writeString(src().resolve("pkg/util.txt"), "util");
        ServiceSpec spec = Specs.exec(dir, "svc", d -> {
            d.setBuild("true");
            d.setDelay("200ms");
            customize.accept(d);
        });
        session = engine.start(List.of(spec), 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.reloads.size() == 1);
        assertThat(session.awaitIndexed(Duration.ofSeconds(10))).isTrue();
    }

    /** Waits for the next reload and checks that exactly one happens for what was done. */
    private void expectExactlyOneReload(Path... changed) {
        int before = 1;
        await().atMost(Duration.ofSeconds(10)).until(() -> events.reloads.size() == before + 1);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> events.builds.size() == before + 1);
        List<Path> expected = java.util.Arrays.stream(changed).map(dir::relativize).toList();
        assertThat(events.lastReload().changes()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aDirectoryDeletedAndCreatedAgainIsWatchedAgain() throws Exception {
        start(d -> {});
        Path pkg = src().resolve("pkg");
        Files.delete(pkg.resolve("util.txt"));
        Files.delete(pkg);
        Files.createDirectories(pkg);
        Files.writeString(pkg.resolve("util.txt"), "util");
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.ignored.isEmpty() || events.builds.size() > 1);
        int builds = events.builds.size();

        Files.writeString(pkg.resolve("new.txt"), "seen?");

        await().atMost(Duration.ofSeconds(10)).until(() -> events.builds.size() == builds + 1);
        assertThat(events.builds.get(builds)).contains(dir.relativize(pkg.resolve("new.txt")));
    }

    @Test
    void vimWritingABackupAndANewFileGivesOneRebuild() throws Exception {
        start(d -> {});
        Path main = src().resolve("main.txt");
        // vim's default save: probe with 4913, rename the original to a backup, write anew, drop the backup
        Files.writeString(src().resolve("4913"), "");
        Files.delete(src().resolve("4913"));
        Files.move(main, src().resolve("main.txt~"));
        Files.writeString(main, "main, edited in vim");
        Files.delete(src().resolve("main.txt~"));
        Files.writeString(src().resolve(".main.txt.swp"), "swap");

        expectExactlyOneReload(main);
    }

    @Test
    void aJetBrainsSafeWriteGivesOneRebuild() throws Exception {
        start(d -> {});
        Path main = src().resolve("main.txt");
        Path tmp = src().resolve("main.txt___jb_tmp___");
        Path old = src().resolve("main.txt___jb_old___");
        Files.writeString(tmp, "main, edited in an IDE");
        Files.move(main, old);
        Files.move(tmp, main);
        Files.delete(old);

        expectExactlyOneReload(main);
    }

    /** A build that fails, like a compiler, when it reads a half-written (empty) main.txt. */
    private static final String STRICT_BUILD = "test -s src/main.txt || { echo 'error: src/main.txt is empty' >&2; exit 1; }";

    @Test
    void aTruncateThenWriteSaveAtTheDefaultQuietPeriodGivesOneReloadAndNoFailedBuild() throws Exception {
        start(d -> {
            d.setDelay(null); // the preset's default
            d.setBuild(STRICT_BUILD);
        });
        Path main = src().resolve("main.txt");
        for (int i = 0; i < 5; i++) {
            int before = events.reloads.size();
            // as VS Code and nano save: truncate the file in place, then write the new content
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(main,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(0);
                ch.force(true);
                ch.write(java.nio.ByteBuffer.wrap(("main, edit " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> events.reloads.size() == before + 1);
        }
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> events.reloads.size() == 6);
        assertThat(events.failures).as("a half-written file is never shown as a failed build").isEmpty();
    }

    @Test
    void aSaveThatPausesLongerThanTheQuietPeriodShowsNoFailedBuild() throws Exception {
        start(d -> {
            d.setDelay(null);
            d.setBuild(STRICT_BUILD);
        });
        Path main = src().resolve("main.txt");
        for (int i = 0; i < 3; i++) {
            int before = events.reloads.size();
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(main,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(0);
                ch.force(true);
                Thread.sleep(80); // the editor's pause: longer than the 50 ms quiet period, so the build sees an empty file
                ch.write(java.nio.ByteBuffer.wrap(("main, slow save " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> events.reloads.size() == before + 1);
        }
        assertThat(events.failures).as("the half-written file's failed build is not shown").isEmpty();
        assertThat(engine.console()).doesNotContain("build failed");
    }

    @Test
    void aSaveOfSeveralFilesAtOnceGivesOneReload() throws Exception {
        start(d -> d.setDelay(null));
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            files.add(Files.writeString(src().resolve("pkg/saved-" + i + ".txt"), "saved " + i));
        }
        expectExactlyOneReload(files.toArray(Path[]::new));
    }

    @Test
    void anAtomicRenameOverTheOriginalGivesOneRebuild() throws Exception {
        start(d -> {});
        Path main = src().resolve("main.txt");
        Path tmp = src().resolve(".main.txt.tmp");
        Files.writeString(tmp, "main, written by a formatter");
        Files.move(tmp, main, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        expectExactlyOneReload(main);
    }

    @Test
    void symbolicLinkLoopsNeitherHangNorFlood() throws Exception {
        Files.createDirectories(src().resolve("pkg"));
        Files.createSymbolicLink(src().resolve("pkg/loop"), src()); // present at start
        start(d -> {});
        Files.createSymbolicLink(src().resolve("self"), Path.of(".")); // created while watching

        Files.writeString(src().resolve("pkg/util.txt"), "util, edited");

        // the new link is a new entry of the tree, so it is one of the changes; nothing is followed
        expectExactlyOneReload(src().resolve("self"), src().resolve("pkg/util.txt"));
    }

    @Test
    void lostEventsAreMadeUpForByComparingEveryWatchedFile() throws Exception {
        // the poller's next walk comes a minute later: within this test, only the comparison sees changes
        start(d -> d.setPoll("1m"));
        ServiceLoop svc = session.loop("svc");
        Path main = src().resolve("main.txt");
        Path util = src().resolve("pkg/util.txt");

        svc.onOverflow(); // what the watcher reports when the system dropped events
        // both were written a moment before the start, too recently to be fingerprinted: they count
        await().atMost(Duration.ofSeconds(10)).until(() -> events.reloads.size() == 2);
        assertThat(events.lastReload().changes()).containsExactlyInAnyOrder(dir.relativize(main), dir.relativize(util));

        Files.writeString(main, "main, edited");
        Path added = Files.writeString(Files.createDirectories(src().resolve("new")).resolve("added.txt"), "added");
        Files.delete(util);
        svc.onOverflow();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.reloads.size() == 3);
        assertThat(events.lastReload().changes())
                .containsExactlyInAnyOrder(dir.relativize(main), dir.relativize(added), dir.relativize(util));
        assertThat(engine.console()).contains("the system dropped file events; compared every watched file to find what changed: 3 file(s)");

        // the content now is the baseline: lost events that changed nothing rebuild nothing
        Files.setLastModifiedTime(main, java.nio.file.attribute.FileTime.fromMillis(0));
        svc.onOverflow();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.ignored.size() == 1);
        assertThat(events.builds).hasSize(3);
    }

    @Test
    void pollingSeesChangesWithoutFileEvents() throws Exception {
        start(d -> d.setPoll("200ms"));
        Files.writeString(src().resolve("pkg/util.txt"), "util, edited");
        Files.writeString(src().resolve("pkg/added.txt"), "new");

        await().atMost(Duration.ofSeconds(10)).until(() -> events.reloads.size() == 2);
        assertThat(events.lastReload().changes())
                .containsExactlyInAnyOrder(Path.of("src/pkg/util.txt"), Path.of("src/pkg/added.txt"));
        Files.delete(src().resolve("pkg/added.txt"));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.reloads.size() == 3);
        assertThat(events.lastReload().changes()).containsExactly(Path.of("src/pkg/added.txt"));
    }
}
