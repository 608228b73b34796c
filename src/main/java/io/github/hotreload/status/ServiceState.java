package io.github.hotreload.status;

import java.util.Locale;

/** Where a service is, as {@code hotreload:status} and the dashboard show it. */
public enum ServiceState {
    /** Its build runs (the previous process, if any, keeps serving). */
    BUILDING,
    /** Built, it waits for the services it depends on to be ready before it starts. */
    WAITING,
    /** Its process was started and is not ready yet. */
    STARTING,
    /** Its process runs and passed its readiness check. */
    READY,
    /** The last build failed; the previous process, if any, keeps serving. */
    BUILD_FAILED,
    /** The last start failed: the process exited or was not ready in time. */
    START_FAILED,
    /** The process exited by itself with a non-zero code. */
    CRASHED,
    /** The process exited by itself with code 0. */
    EXITED,
    /** It exited and is waiting to be started again. */
    BACKING_OFF,
    /** The session stopped it. */
    STOPPED;

    /** The name in the JSON and the table: {@code build-failed}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ServiceState ofId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
