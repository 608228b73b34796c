package io.github.hotreload.verify;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of verifying one service's hot reload.
 *
 * @param service the service
 * @param failedStep null when it passed; else the step that did not happen, in a few words
 * @param message what went wrong, for people
 * @param tail the last output lines that explain it
 * @param detected from writing the probe to the start of the rebuild
 * @param build the build's duration
 * @param restart from stopping the old process to the new one being ready
 * @param readyAfter from starting the new process to it being ready
 * @param total from writing the probe to ready
 */
public record ServiceVerification(
        String service,
        String failedStep,
        String message,
        List<String> tail,
        Duration detected,
        Duration build,
        Duration restart,
        Duration readyAfter,
        Duration total) {

    public ServiceVerification {
        tail = List.copyOf(tail);
    }

    public boolean passed() {
        return failedStep == null;
    }
}
