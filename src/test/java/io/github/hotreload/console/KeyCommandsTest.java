package io.github.hotreload.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.engine.SessionOptions;
import io.github.hotreload.process.Survivors;
import io.github.hotreload.testing.RecordingListener;
import io.github.hotreload.testing.Specs;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCommandsTest {

    @TempDir
    Path dir;

    @Test
    void rRebuildsHListsTheKeysQQuits() throws Exception {
        RecordingListener events = new RecordingListener();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), false, 3);
        var specs = List.of(Specs.exec(dir, "svc", d -> d.setBuild("true")));
        ReloadSession session = new ReloadSession(specs, SessionOptions.unbounded());
        session.addListener(new ConsoleReporter(console, specs));
        session.addListener(events);
        session.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.reloads.size() == 1);
        PipedOutputStream keyboard = new PipedOutputStream();
        new KeyCommands(new PipedInputStream(keyboard), session, console).start();

        keyboard.write("h\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        await().atMost(Duration.ofSeconds(5)).until(() -> out.toString(StandardCharsets.UTF_8).contains(KeyCommands.HELP));
        keyboard.write("r\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.reloads.size() == 2);
        assertThat(events.lastReload().changes()).isEmpty();
        keyboard.write("x\nq\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();

        assertThat(session.awaitEnd()).isEqualTo(ReloadSession.End.CLOSED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("unknown key 'x'").contains("quitting");
        assertThat(Survivors.of(session.supervisor())).isEmpty();
    }

    @Test
    void pPausesURresumesRsRestartsSShowsTheStatusDPrintsALinkEachForTheNamedServices() throws Exception {
        RecordingListener events = new RecordingListener();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), false, 3);
        var specs = List.of(Specs.exec(java.nio.file.Files.createDirectories(dir.resolve("a")), "a", d -> {}),
                Specs.exec(java.nio.file.Files.createDirectories(dir.resolve("b")), "b", d -> {}));
        ReloadSession session = new ReloadSession(specs, SessionOptions.unbounded());
        io.github.hotreload.status.StatusBoard board = new io.github.hotreload.status.StatusBoard(specs, 1,
                java.time.Instant.now());
        session.addListener(new ConsoleReporter(console, specs));
        session.addListener(events);
        session.addListener(board);
        session.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.reloads.size() == 2);
        PipedOutputStream keyboard = new PipedOutputStream();
        new KeyCommands(new PipedInputStream(keyboard), session, console, board::snapshot, () -> "http://link").start();
        long bPid = session.currentPid("b");

        type(keyboard, "p b");
        await().atMost(Duration.ofSeconds(5)).until(() -> board.snapshot().services().get(1).paused());
        assertThat(board.snapshot().services().get(0).paused()).isFalse();
        type(keyboard, "s");
        await().atMost(Duration.ofSeconds(5)).until(() -> out.toString(StandardCharsets.UTF_8).contains("ready, paused"));
        type(keyboard, "u");
        await().atMost(Duration.ofSeconds(5)).until(() -> !board.snapshot().services().get(1).paused());
        type(keyboard, "rs b");
        await().atMost(Duration.ofSeconds(10)).until(() -> session.currentPid("b") != bPid && session.currentPid("b") > 0);
        type(keyboard, "d");
        type(keyboard, "p nope");
        await().atMost(Duration.ofSeconds(5)).until(() -> out.toString(StandardCharsets.UTF_8)
                .contains("unknown service(s) nope; this session runs a, b"));

        String shown = out.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("[b  ] » paused by the p key").contains("[b  ] » resumed by the u key")
                .contains("restart of b requested by the rs key").contains("dashboard (the link opens once): http://link");
        assertThat(events.reloads).filteredOn(r -> r.service().equals("a")).hasSize(1);
        session.close();
        assertThat(Survivors.of(session.supervisor())).isEmpty();
    }

    private static void type(PipedOutputStream keyboard, String line) throws java.io.IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }
}
