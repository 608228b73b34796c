package io.github.hotreload.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One completed reload of one service, its first start, or a restart after it exited.
 *
 * @param service the service
 * @param kind why the process was (re)started
 * @param changes what changed, relative to the service directory (empty for a start, a restart or a forced rebuild)
 * @param build time the build took (zero without a build command)
 * @param restart from stopping the old process to the new one being ready
 * @param total from the first change (or the request) to ready
 * @param oldPid the process that was replaced, or -1
 * @param pid the new process
 */
public record ReloadReport(
        String service,
        Kind kind,
        List<Path> changes,
        Duration build,
        Duration restart,
        Duration total,
        long oldPid,
        long pid) {

    /** Why a process was (re)started. */
    public enum Kind {
        /** The first start of the session. */
        START,
        /** A change or a request rebuilt it. */
        RELOAD,
        /** It exited and its restart policy started it again. */
        RESTART
    }

    public ReloadReport {
        changes = List.copyOf(changes);
    }

    /** Whether this was a first start or a restart rather than a reload. */
    public boolean initial() {
        return kind != Kind.RELOAD;
    }
}
