package io.github.hotreload.testing;

import io.github.hotreload.console.Console;
import io.github.hotreload.console.ConsoleReporter;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.engine.SessionOptions;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.verify.ProbeFiles;
import io.github.hotreload.verify.ReloadVerifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A JVM that verifies one service whose build hangs once the probe is written, so that a test can
 * kill it with SIGKILL in the middle of a verification.
 *
 * <p>Arguments: {@code SERVICE_DIR JOURNAL_DIR}.
 */
public final class VerifierHost {

    private VerifierHost() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ServiceSpec spec = Specs.exec(dir, "victim", d -> {
            d.setBuild("if grep -q hotreload src/app.txt; then sleep 600; fi");
            d.setRun("sleep 600");
            d.setProbe(probe("src/app.txt"));
        });
        ReloadSession session = new ReloadSession(List.of(spec), SessionOptions.unbounded());
        session.addListener(new ConsoleReporter(new Console(System.out, false, 6), List.of(spec)));
        new ReloadVerifier(session, List.of(spec), new ProbeFiles(Path.of(args[1])), Duration.ofMinutes(10),
                System.out::println).run();
    }

    static io.github.hotreload.config.ProbeDefinition probe(String file) {
        io.github.hotreload.config.ProbeDefinition p = new io.github.hotreload.config.ProbeDefinition();
        p.setFile(file);
        return p;
    }
}
