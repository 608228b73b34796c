package io.github.hotreload.testing;

import io.github.hotreload.console.Console;
import io.github.hotreload.console.ConsoleReporter;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.engine.SessionOptions;
import io.github.hotreload.config.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A JVM that runs a session of one service with a state directory, so that a test can kill it
 * (and its watchdog) with SIGKILL and start the next session.
 *
 * <p>Arguments: {@code SERVICE_DIR STATE_DIR}; writes {@code ready} to {@code SERVICE_DIR/host.ready}.
 */
public final class SessionHost {

    private SessionHost() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ServiceSpec spec = Specs.exec(dir, "left", d -> {
            d.setRun("sleep 600 & echo $! > run/child.pid; echo started; exec sleep 600");
            d.setReadyLog("started");
            d.setExcludes(List.of("/run/", "host.ready"));
        });
        ReloadSession session = new ReloadSession(List.of(spec), new SessionOptions(0, null, Path.of(args[1]), false));
        session.addListener(new ConsoleReporter(new Console(System.out, false, 4), List.of(spec)));
        session.start();
        while (session.currentPid("left") < 0) {
            Thread.sleep(10);
        }
        Files.writeString(dir.resolve("host.ready"), session.currentPid("left") + "\n");
        Thread.currentThread().join();
    }
}
