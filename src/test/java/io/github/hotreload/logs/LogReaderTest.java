package io.github.hotreload.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hotreload.console.EventText;
import io.github.hotreload.console.EventText.Style;
import io.github.hotreload.engine.ReloadEvent;
import io.github.hotreload.logs.LogLine.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {

    private static final Instant T0 = Instant.parse("2026-12-01T11:00:00Z");

    @TempDir
    Path root;

    private Path dir;

    private static LogLine at(int second, String service, Source source, String text) {
        return new LogLine(T0.plusSeconds(second), service, source, source == Source.EVENT ? Style.STATUS : Style.OUTPUT,
                text);
    }

    private static void write(Path file, LogLine... lines) throws IOException {
        List<String> encoded = new ArrayList<>();
        for (LogLine l : lines) {
            encoded.add(l.encode());
        }
        Files.write(file, encoded, StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(LogLine::text).toList();
    }

    /** api rotated twice, web once, and the session's log beside the directory. */
    @BeforeEach
    void files() throws IOException {
        dir = Files.createDirectories(root.resolve("logs"));
        write(dir.resolve("api.log.2"), at(1, "api", Source.BUILD, "api 1 build"), at(3, "api", Source.RUN, "api 3"));
        write(dir.resolve("api.log.1"), at(5, "api", Source.RUN, "api 5 \u001B[31mERR\u001B[0mOR"),
                at(7, "api", Source.EVENT, "api 7 ready"));
        write(dir.resolve("api.log"), at(9, "api", Source.RUN, "api 9"));
        write(dir.resolve("web.log.1"), at(2, "web", Source.BUILD, "web 2 build"), at(5, "web", Source.RUN, "web 5"));
        write(dir.resolve("web.log"), at(8, "web", Source.RUN, "web 8 ERROR"));
        write(root.resolve("session.log"), at(0, null, Source.EVENT, "watch started"),
                at(10, null, Source.EVENT, "stopping"));
    }

    @Test
    void mergesEveryServiceAndTheSessionByTimeAcrossRotatedFiles() throws IOException {
        List<LogLine> lines = LogReader.read(dir, List.of(), Set.of(), null, 0);
        assertThat(texts(lines)).containsExactly("watch started", "api 1 build", "web 2 build", "api 3",
                "api 5 \u001B[31mERR\u001B[0mOR", "web 5", "api 7 ready", "web 8 ERROR", "api 9", "stopping");
        assertThat(lines.get(1).service()).isEqualTo("api");
        assertThat(lines.get(0).service()).isNull();
    }

    @Test
    void theTailIsTheLastLinesOfAllTogether() throws IOException {
        assertThat(texts(LogReader.read(dir, List.of(), Set.of(), null, 3))).containsExactly("web 8 ERROR", "api 9",
                "stopping");
        assertThat(texts(LogReader.read(dir, List.of("api"), Set.of(), null, 4)))
                .containsExactly("api 3", "api 5 \u001B[31mERR\u001B[0mOR", "api 7 ready", "api 9");
        assertThat(LogReader.read(dir, List.of(), Set.of(), null, 100)).hasSize(10);
        assertThat(LogReader.read(dir, List.of(), Set.of(), null, -1)).hasSize(10);
    }

    @Test
    void chosenServicesOnlyWithoutTheSession() throws IOException {
        assertThat(texts(LogReader.read(dir, List.of("web"), Set.of(), null, 0)))
                .containsExactly("web 2 build", "web 5", "web 8 ERROR");
        assertThat(LogReader.read(dir, List.of("nope"), Set.of(), null, 0)).isEmpty();
    }

    @Test
    void grepMatchesThePlainTextAcrossRotatedFiles() throws IOException {
        assertThat(texts(LogReader.read(dir, List.of(), Set.of(), Pattern.compile("ERROR"), 0)))
                .containsExactly("api 5 \u001B[31mERR\u001B[0mOR", "web 8 ERROR");
    }

    @Test
    void sourcesFilterAcrossRotatedFilesAndTheTailCountsOnlyWhatPasses() throws IOException {
        assertThat(texts(LogReader.read(dir, List.of(), Set.of(Source.BUILD), null, 0)))
                .containsExactly("api 1 build", "web 2 build");
        assertThat(texts(LogReader.read(dir, List.of(), Set.of(Source.EVENT), null, 2)))
                .containsExactly("api 7 ready", "stopping");
        assertThat(texts(LogReader.read(dir, List.of("api", "web"), Set.of(Source.RUN), Pattern.compile("5"), 1)))
                .containsExactly("web 5");
    }

    @Test
    void equalTimesKeepTheOrderOfEachFile() throws IOException {
        write(dir.resolve("api.log"), at(9, "api", Source.RUN, "api 9 a"), at(9, "api", Source.RUN, "api 9 b"),
                at(9, "api", Source.RUN, "api 9 c"), at(8, "api", Source.RUN, "api 8 written later"));
        assertThat(texts(LogReader.read(dir, List.of("api"), Set.of(), null, 0)))
                .endsWith("api 9 a", "api 9 b", "api 9 c", "api 8 written later");
    }

    @Test
    void damagedLinesAreSkipped() throws IOException {
        byte[] good = (at(9, "api", Source.RUN, "api 9").encode() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] junk = {(byte) 0xC3, (byte) 0x28, '\t', 'x', '\n', 'n', 'o', 't', ' ', 'a', ' ', 'l', 'i', 'n', 'e', '\n'};
        byte[] both = new byte[junk.length + good.length];
        System.arraycopy(junk, 0, both, 0, junk.length);
        System.arraycopy(good, 0, both, junk.length, good.length);
        Files.write(dir.resolve("api.log"), both);
        Files.writeString(dir.resolve("notes.txt"), "not a log");
        assertThat(texts(LogReader.read(dir, List.of("api"), Set.of(), null, 0))).endsWith("api 7 ready", "api 9");
    }

    @Test
    void aMissingDirectoryHasNoLines() throws IOException {
        assertThat(LogReader.read(root.resolve("none"), List.of(), Set.of(), null, 0)).isEmpty();
        assertThat(LogReader.read(root.resolve("none"), List.of("api"), Set.of(), null, 0)).isEmpty();
    }

    @Test
    void readsBackWhatLogFilesWroteAndRotated() throws IOException {
        Path fresh = root.resolve("fresh/logs");
        int n = 2_000;
        try (LogFiles files = new LogFiles(fresh, new EventText(List.of()), 4_096, 3)) {
            for (int i = 0; i < n; i++) {
                files.on(new ReloadEvent.Output(i % 2 == 0 ? "api" : "web", T0.plusMillis(i), ReloadEvent.Stream.RUN,
                        "line " + i));
            }
        }
        assertThat(fresh.resolve("api.log.3")).exists();
        List<String> all = texts(LogReader.read(fresh, List.of("api", "web"), Set.of(), null, 0));
        assertThat(all).hasSizeLessThan(n).endsWith("line " + (n - 2), "line " + (n - 1));
        int first = Integer.parseInt(all.get(0).substring(5));
        for (int i = 1; i < all.size(); i++) {
            assertThat(Integer.parseInt(all.get(i).substring(5))).as("line %d of %s", i, all.size())
                    .isGreaterThan(Integer.parseInt(all.get(i - 1).substring(5)));
        }
        assertThat(first).isPositive();
        assertThat(texts(LogReader.read(fresh, List.of("api", "web"), Set.of(), null, 2)))
                .containsExactly("line " + (n - 2), "line " + (n - 1));
        assertThat(LogReader.read(fresh, List.of(), Set.of(), null, 0)).as("the session's too")
                .anyMatch(l -> l.service() == null && l.text().startsWith("watch started"));
    }
}
