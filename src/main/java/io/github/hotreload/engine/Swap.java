package io.github.hotreload.engine;

import io.github.hotreload.process.LaunchedProcess;
import java.util.function.Consumer;

/**
 * Puts a new version of a service in place of the old one once its build succeeded: a process on
 * the host ({@link ProcessSwap}) or a compose container ({@link ContainerSwap}).
 */
interface Swap {

    /**
     * Stops {@code old} (when not null), then starts the service. {@code onStarted} is told of the
     * new process as soon as it runs, before the readiness wait, so that a stop request during the
     * wait finds it.
     */
    ProcessSwap.Result replace(LaunchedProcess old, Consumer<LaunchedProcess> onStarted) throws InterruptedException;

    /**
     * Stops the service for good, as the session ends: {@code current} is its process, or null
     * when none runs.
     *
     * @throws IllegalStateException when something survived SIGKILL
     */
    void stop(LaunchedProcess current) throws InterruptedException;

    /** Drops what was prepared for the next start, if anything. */
    void dropSpare();

    /**
     * Prepares the stop of {@code current} while its replacement is built, so that the swap after
     * the build stops it sooner; nothing by default.
     */
    default void prepareStop(LaunchedProcess current) {}
}
