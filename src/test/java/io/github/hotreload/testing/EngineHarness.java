package io.github.hotreload.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.console.Console;
import io.github.hotreload.console.ConsoleReporter;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.engine.SessionOptions;
import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.process.Survivors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What an engine test needs: a recording listener, a console whose output it can read, and the
 * sessions it creates (each with its own supervisor). Registered with {@code @RegisterExtension};
 * after each test (after the test's own {@code @AfterEach}) it closes every session and asserts
 * that no process they started is left.
 */
public final class EngineHarness implements AfterEachCallback {

    public final RecordingListener events = new RecordingListener();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final List<ReloadSession> sessions = new ArrayList<>();
    private boolean quiet;
    private ReloadSession session;

    /** Discards what the console prints, for tests that measure the heap. */
    public EngineHarness quiet() {
        quiet = true;
        return this;
    }

    /** A session with the recording listener and the console, not started yet; names are padded to {@code width}. */
    public ReloadSession create(List<ServiceSpec> specs, int width, SessionOptions options) {
        PrintStream out = quiet ? new PrintStream(OutputStream.nullOutputStream())
                : new PrintStream(output, true, StandardCharsets.UTF_8);
        Console console = new Console(out, false, width);
        session = new ReloadSession(specs, options);
        session.addListener(new ConsoleReporter(console, specs));
        session.addListener(events);
        sessions.add(session);
        return session;
    }

    /** An unbounded session, started. */
    public ReloadSession start(List<ServiceSpec> specs, int width) throws IOException {
        create(specs, width, SessionOptions.unbounded()).start();
        return session;
    }

    /** The supervisor of the latest session. */
    public ProcessSupervisor supervisor() {
        return session.supervisor();
    }

    /** Everything the console printed so far. */
    public String console() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (ReloadSession s : sessions) {
            s.close();
        }
        for (ReloadSession s : sessions) {
            assertThat(Survivors.of(s.supervisor())).as("processes left behind").isEmpty();
        }
    }
}
