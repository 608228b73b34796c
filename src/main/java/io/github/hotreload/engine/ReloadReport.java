package io.github.hotreload.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One completed reload of one service (or its first start).
 *
 * @param service the service
 * @param initial whether this was the first start rather than a reload
 * @param changes what changed, relative to the service directory (empty for a start or a forced rebuild)
 * @param build time the build took (zero without a build command)
 * @param restart from stopping the old process to the new one being ready
 * @param total from the first change (or the request) to ready
 * @param oldPid the process that was replaced, or -1
 * @param pid the new process
 */
public record ReloadReport(
        String service,
        boolean initial,
        List<Path> changes,
        Duration build,
        Duration restart,
        Duration total,
        long oldPid,
        long pid) {

    public ReloadReport {
        changes = List.copyOf(changes);
    }
}
