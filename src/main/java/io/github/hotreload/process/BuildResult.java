package io.github.hotreload.process;

import java.time.Duration;
import java.util.List;

/**
 * How a build command ended.
 *
 * @param exitCode the exit code; 0 is success
 * @param duration from start to exit
 * @param tail the last lines it printed
 */
public record BuildResult(int exitCode, Duration duration, List<String> tail) {

    public BuildResult {
        tail = List.copyOf(tail);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
