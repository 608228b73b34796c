package io.github.hotreload.testing;

import java.util.Set;
import java.util.stream.Collectors;

/** The test JVM's child processes, to check that a goal started none. */
public final class ChildProcesses {

    private ChildProcesses() {}

    /** The pids of the running children now. */
    public static Set<Long> now() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** The children running now that did not run at {@code before}. */
    public static Set<Long> startedSince(Set<Long> before) {
        Set<Long> now = now();
        now.removeAll(before);
        return now;
    }
}
