package io.github.hotreload.testing;

import io.github.hotreload.process.Launch;
import io.github.hotreload.process.LaunchedProcess;
import io.github.hotreload.process.ProcessSupervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A JVM that starts a process tree through a {@link ProcessSupervisor} and then waits forever,
 * so that a test can kill this JVM with SIGKILL and check that the tree does not survive it.
 *
 * <p>Arguments: {@code PIDFILE} [{@code COMMAND}]; the pids of the service's tree are written
 * there; the command, when given, is what the watchdog is to run when this JVM dies ({@link
 * ProcessSupervisor#onDeath}). With {@code close} as a third argument, the JVM closes the
 * supervisor once the pids are written and ends, as a session that stops normally.
 */
public final class SupervisorHost {

    private SupervisorHost() {}

    public static void main(String[] args) throws Exception {
        Path pidFile = Path.of(args[0]);
        ProcessSupervisor supervisor = new ProcessSupervisor();
        Path dir = pidFile.getParent();
        LaunchedProcess p = supervisor.launch(new Launch("victim", "sleep 600 & echo $! > child.pid; exec sleep 600", dir,
                Map.of()), line -> {}, null);
        while (!Files.exists(dir.resolve("child.pid")) || Files.readString(dir.resolve("child.pid")).isBlank()) {
            Thread.sleep(10);
        }
        if (args.length > 1) {
            supervisor.onDeath(args[1]);
        }
        Files.writeString(pidFile, p.pid() + " " + Files.readString(dir.resolve("child.pid")).trim() + "\n");
        if (args.length > 2 && args[2].equals("close")) {
            supervisor.close();
            return;
        }
        Thread.currentThread().join();
    }
}
