package io.github.hotreload.engine;

/**
 * Told of every {@link ReloadEvent} of a session: the console, the log files, the control server,
 * verify-reload and tests are such listeners. Called on the thread where the event happened (a
 * service's loop, a process's output pump, the session's), so it must return quickly; a consumer
 * that may be slow (a remote client) queues the events. An exception a listener throws is reported
 * and does not reach the engine.
 */
@FunctionalInterface
public interface ReloadListener {

    void on(ReloadEvent event);
}
