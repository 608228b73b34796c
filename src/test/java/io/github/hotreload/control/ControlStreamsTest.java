package io.github.hotreload.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.console.EventText;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.engine.SessionOptions;
import io.github.hotreload.logs.LogHub;
import io.github.hotreload.logs.LogLine;
import io.github.hotreload.status.StatusBoard;
import io.github.hotreload.testing.EngineHarness;
import io.github.hotreload.testing.Specs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The live streams of a running watch: followers of its log, and one that stops reading. */
class ControlStreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @RegisterExtension
    final EngineHarness engine = new EngineHarness().quiet();

    private ReloadSession session;
    private LogHub hub;
    private ControlServer server;
    private ControlFile control;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("lines.txt"), "3");
        // each build prints as many lines as lines.txt says, the last one "last line N"
        ServiceSpec spec = Specs.exec(dir, "api", d -> {
            d.setBuild("n=$(cat lines.txt); seq 1 $((n - 1)) | sed 's/^/build line /'; echo \"last line $n\"");
            d.setRun("echo serving; exec sleep 600");
            d.setReadyLog("serving");
            d.setExcludes(List.of("/state/")); // the control file, written after the start, is no source
        });
        session = engine.create(List.of(spec), 3, SessionOptions.unbounded());
        StatusBoard board = new StatusBoard(List.of(spec), ProcessHandle.current().pid(), Instant.now());
        hub = new LogHub(new EventText(List.of(spec)), LogHub.DEFAULT_CAPACITY);
        session.addListener(board);
        session.addListener(hub);
        session.start();
        await().atMost(WAIT).until(() -> board.snapshot().allReady());
        server = ControlServer.start(session, dir.resolve("state/control.properties"), board, hub, false);
        control = ControlFile.read(dir.resolve("state/control.properties")).orElseThrow();
    }

    @AfterEach
    void stop() {
        server.close();
        hub.close();
    }

    /** Follows the log on a thread of its own; the lines it got, until the watch ends. */
    private List<LogLine> follow(Map<String, String> query, int tail, AtomicBoolean ended) {
        List<LogLine> got = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try {
                new ControlClient(control).logs(query, tail, true, got::add, n -> {});
            } catch (Exception e) {
                got.add(new LogLine(Instant.now(), null, LogLine.Source.EVENT, EventText.Style.ERROR, e.toString()));
            } finally {
                ended.set(true);
            }
        });
        t.setDaemon(true);
        t.start();
        return got;
    }

    @Test
    void aFollowerGetsTheRecentLinesThenTheNewOnesUntilTheWatchEnds() throws Exception {
        AtomicBoolean ended = new AtomicBoolean();
        List<LogLine> got = follow(Map.of("stream", "build"), 2, ended);
        await().atMost(WAIT).until(() -> got.size() == 2);
        assertThat(got).extracting(LogLine::text).containsExactly("build line 2", "last line 3");

        Files.writeString(dir.resolve("lines.txt"), "5");
        await().atMost(WAIT).until(() -> got.stream().anyMatch(l -> l.text().equals("last line 5")));
        assertThat(got).allMatch(l -> l.source() == LogLine.Source.BUILD && "api".equals(l.service()));
        assertThat(ended).isFalse();

        server.close();
        await().atMost(Duration.ofSeconds(10)).untilTrue(ended);
    }

    @Test
    void aFollowerThatStopsReadingBlocksNothingAndIsToldWhatItMissed() throws Exception {
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            stuck.getOutputStream().write(("GET /api/logs?follow=true&tail=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + control.token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            stuck.getOutputStream().flush();
            AtomicBoolean ended = new AtomicBoolean();
            List<LogLine> healthy = follow(Map.of(), -1, ended);
            await().atMost(WAIT).until(() -> !healthy.isEmpty());

            // 100,000 lines of build output, far more than the stuck client's queue and socket hold
            Files.writeString(dir.resolve("lines.txt"), "100000");
            List<ControlClient.Result> rebuilt = new ControlClient(control).rebuild(List.of(), false,
                    Duration.ofMinutes(2), l -> {});

            assertThat(rebuilt).singleElement().satisfies(r -> assertThat(r.ok()).as(r.detail()).isTrue());
            await().atMost(WAIT).until(() -> healthy.stream().anyMatch(l -> l.text().equals("last line 100000")));
            BufferedReader in = new BufferedReader(new InputStreamReader(stuck.getInputStream(), StandardCharsets.UTF_8));
            stuck.setSoTimeout(30_000);
            // the stuck one reads at last: it is told how many lines it missed, then gets the latest
            AtomicInteger dropped = new AtomicInteger();
            String line;
            while ((line = in.readLine()) != null && !line.endsWith("\tlast line 100000")) {
                if (line.startsWith("#dropped\t")) {
                    dropped.addAndGet(Integer.parseInt(line.substring(9)));
                }
            }
            assertThat(line).as("the newest line reaches it").isNotNull();
            assertThat(dropped.get()).as("lines it missed").isPositive();
        }
    }
}
