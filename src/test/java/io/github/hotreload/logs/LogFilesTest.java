package io.github.hotreload.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.hotreload.console.EventText;
import io.github.hotreload.engine.ReloadEvent;
import io.github.hotreload.logs.LogLine.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {

    private static final EventText TEXT = new EventText(List.of());

    @TempDir
    Path root;

    private Path dir() {
        return root.resolve("logs");
    }

    private static ReloadEvent.Output out(String service, String line) {
        return new ReloadEvent.Output(service, Instant.now(), ReloadEvent.Stream.RUN, line);
    }

    private static List<LogLine> decoded(Path file, String service) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(l -> LogLine.decode(service, l)).filter(Objects::nonNull).toList();
    }

    private static List<String> texts(Path file, String service) throws IOException {
        return decoded(file, service).stream().map(LogLine::text).toList();
    }

    @Test
    void eachServiceHasItsFileAndTheSessionItsOwnBesideTheDirectory() throws IOException {
        try (LogFiles files = new LogFiles(dir(), TEXT, LogFiles.DEFAULT_MAX_BYTES, LogFiles.DEFAULT_KEEP)) {
            files.on(out("api", "listening\non two lines"));
            files.on(new ReloadEvent.Output("web", Instant.now(), ReloadEvent.Stream.BUILD, "Compiling web"));
            files.on(new ReloadEvent.Warning("web", Instant.now(), "slow"));
            files.on(new ReloadEvent.Stopping(null, Instant.now(), true));
        }
        assertThat(texts(dir().resolve("api.log"), "api")).containsExactly("listening\non two lines");
        assertThat(decoded(dir().resolve("web.log"), "web")).extracting(LogLine::source, LogLine::style, LogLine::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Source.BUILD, EventText.Style.OUTPUT, "Compiling web"),
                        org.assertj.core.groups.Tuple.tuple(Source.EVENT, EventText.Style.WARNING, "slow"));
        assertThat(texts(root.resolve("session.log"), null)).containsExactly(
                "watch started (pid " + ProcessHandle.current().pid() + ")", "stopping every service (Ctrl-C or SIGTERM)");
    }

    @Test
    void aLaterSessionAppendsToTheFilesOfEarlierOnes() throws IOException {
        try (LogFiles files = new LogFiles(dir(), TEXT, LogFiles.DEFAULT_MAX_BYTES, LogFiles.DEFAULT_KEEP)) {
            files.on(out("api", "first session"));
        }
        try (LogFiles files = new LogFiles(dir(), TEXT, LogFiles.DEFAULT_MAX_BYTES, LogFiles.DEFAULT_KEEP)) {
            files.on(out("api", "second session"));
        }
        assertThat(texts(dir().resolve("api.log"), "api")).containsExactly("first session", "second session");
        assertThat(texts(root.resolve("session.log"), null)).hasSize(2).allMatch(t -> t.startsWith("watch started"));
    }

    @Test
    void closeWritesEverythingQueued() throws IOException {
        LogFiles files = new LogFiles(dir(), TEXT, LogFiles.DEFAULT_MAX_BYTES, LogFiles.DEFAULT_KEEP);
        for (int i = 0; i < 10_000; i++) {
            files.on(out("api", "line " + i));
        }
        files.close();
        files.on(out("api", "after close"));
        List<String> texts = texts(dir().resolve("api.log"), "api");
        assertThat(texts).hasSize(10_000).startsWith("line 0").endsWith("line 9999");
        assertThat(files.dropped()).isZero();
        assertThat(files.failure()).isEmpty();
    }

    @Test
    void aFileThatWouldPassTheCapIsRotatedKeepingTheNewestFiles() throws IOException {
        long cap = 1_000;
        int lineBytes = new LogLine(Instant.now(), "api", Source.RUN, EventText.Style.OUTPUT, "line 0000").encode().length() + 1;
        int perFile = (int) (cap / lineBytes);
        int lines = perFile * 5 + 3; // five full files and three lines
        try (LogFiles files = new LogFiles(dir(), TEXT, cap, 2)) {
            for (int i = 0; i < lines; i++) {
                files.on(out("api", "line %04d".formatted(i)));
            }
        }
        Path current = dir().resolve("api.log");
        Path one = dir().resolve("api.log.1");
        Path two = dir().resolve("api.log.2");
        assertThat(dir().resolve("api.log.3")).as("keep 2").doesNotExist();
        for (Path file : List.of(current, one, two)) {
            assertThat(Files.size(file)).as(file.toString()).isLessThanOrEqualTo(cap);
        }
        assertThat(texts(current, "api")).hasSize(3).endsWith("line %04d".formatted(lines - 1));
        assertThat(texts(one, "api")).hasSize(perFile).startsWith("line %04d".formatted(perFile * 4));
        assertThat(texts(two, "api")).hasSize(perFile).startsWith("line %04d".formatted(perFile * 3));
    }

    @Test
    void keepZeroStartsTheFileAfreshAtTheCap() throws IOException {
        try (LogFiles files = new LogFiles(dir(), TEXT, 100, 0)) {
            for (int i = 0; i < 20; i++) {
                files.on(out("api", "line %02d".formatted(i)));
            }
        }
        assertThat(dir().resolve("api.log.1")).doesNotExist();
        assertThat(Files.size(dir().resolve("api.log"))).isLessThanOrEqualTo(100);
        assertThat(texts(dir().resolve("api.log"), "api")).isNotEmpty().endsWith("line 19");
    }

    @Test
    void aSlowDiskNeverHoldsUpOnAndTheDroppedLinesAreCountedInTheFile() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch disk = new CountDownLatch(1);
        LogFiles files = new LogFiles(dir(), TEXT, LogFiles.DEFAULT_MAX_BYTES, LogFiles.DEFAULT_KEEP, 100, () -> {
            writing.countDown();
            try {
                disk.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            writing.await(); // the writer holds the session's first line and waits for the disk
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 0; i < 1_000; i++) {
                    files.on(out("api", "line " + i));
                }
            }, "on() waited for the disk");
            assertThat(files.dropped()).isEqualTo(900);
        } finally {
            disk.countDown();
            files.close();
        }
        List<String> texts = texts(dir().resolve("api.log"), "api");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add("line " + i);
        }
        expected.add("900 line(s) dropped: the disk was too slow");
        assertThat(texts).containsExactlyElementsOf(expected);
    }

    @Test
    void theDroppedLineIsWrittenAsSoonAsTheWriterCatchesUpNotOnlyAtClose() throws Exception {
        CountDownLatch disk = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        try (LogFiles files = new LogFiles(dir(), TEXT, LogFiles.DEFAULT_MAX_BYTES, LogFiles.DEFAULT_KEEP, 10, () -> {
            writing.countDown();
            try {
                disk.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            try {
                writing.await();
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                    for (int i = 0; i < 15; i++) {
                        files.on(out("api", "line " + i));
                    }
                }, "on() waited for the disk");
            } finally {
                disk.countDown();
            }
            Path api = dir().resolve("api.log");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(api)
                    && texts(api, "api").contains("5 line(s) dropped: the disk was too slow"));
        }
    }
}
