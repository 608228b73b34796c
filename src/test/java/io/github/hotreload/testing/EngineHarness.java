package io.github.hotreload.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hotreload.console.Console;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.engine.SessionOptions;
import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.process.Survivors;
import io.github.hotreload.config.ServiceSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What an engine test needs: a supervisor, a recording listener, a console whose output it can
 * read, and the session it starts. Registered with {@code @RegisterExtension}; after each test
 * (after the test's own {@code @AfterEach}) it closes the session and the supervisor and asserts
 * that no process they started is left.
 */
public final class EngineHarness implements AfterEachCallback {

    public final ProcessSupervisor supervisor = new ProcessSupervisor();
    public final RecordingListener events = new RecordingListener();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private boolean quiet;
    private ReloadSession session;

    /** Discards what the console prints, for tests that measure the heap. */
    public EngineHarness quiet() {
        quiet = true;
        return this;
    }

    /** A session with the recording listener, not started yet; names are padded to {@code width}. */
    public ReloadSession create(List<ServiceSpec> specs, int width, SessionOptions options) {
        PrintStream out = quiet ? new PrintStream(OutputStream.nullOutputStream())
                : new PrintStream(output, true, StandardCharsets.UTF_8);
        Console console = new Console(out, false, width);
        session = new ReloadSession(specs, supervisor, console, options);
        session.addListener(events);
        return session;
    }

    /** An unbounded session, started. */
    public ReloadSession start(List<ServiceSpec> specs, int width) throws IOException {
        create(specs, width, SessionOptions.unbounded()).start();
        return session;
    }

    /** Everything the console printed so far. */
    public String console() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (session != null) {
            session.close();
        }
        supervisor.close();
        assertThat(Survivors.of(supervisor)).as("processes left behind").isEmpty();
    }
}
