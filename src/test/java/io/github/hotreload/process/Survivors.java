package io.github.hotreload.process;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Finds processes that a supervisor started and that are still running. */
public final class Survivors {

    private Survivors() {}

    /** Every running process tagged by this supervisor, whatever its parent or group. */
    public static List<Long> of(ProcessSupervisor supervisor) {
        return ProcessTable.find(0,
                (ProcessSupervisor.TAG_VARIABLE + "=" + supervisor.sessionTag() + "/").getBytes(StandardCharsets.UTF_8),
                true);
    }

    /** Whether the process exists and has not exited. */
    public static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessTable::isRunning).orElse(false);
    }
}
