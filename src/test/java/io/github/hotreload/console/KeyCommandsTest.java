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
}
