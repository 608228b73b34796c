package io.github.hotreload.engine;

import io.github.hotreload.process.BuildResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Told of each step of every service's reloads, on the service's own thread. Used by the goals
 * that report on reloads and by tests; the console output does not depend on it.
 */
public interface ReloadListener {

    /** The step of a reload that did not happen. */
    enum Step {
        BUILD,
        STOP,
        START,
        READY
    }

    /** Changes arrived and will be built; {@code changes} is empty for a forced rebuild. */
    default void buildStarted(String service, Set<Path> changes) {}

    default void buildFinished(String service, BuildResult result) {}

    /** Changes arrived but every file's content is as it was at the last build. */
    default void changesIgnored(String service, Set<Path> paths) {}

    default void processStarted(String service, long pid) {}

    /** The new process is ready. */
    default void reloaded(ReloadReport report) {}

    /** The reload stopped at {@code step}; the old process, if any, is still running unless it was stopped. */
    default void reloadFailed(String service, Step step, String reason, List<String> tail) {}

    /** The service's process exited by itself. */
    default void processExited(String service, long pid, int exitCode) {}
}
