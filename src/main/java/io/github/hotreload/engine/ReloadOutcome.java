package io.github.hotreload.engine;

import java.util.List;

/**
 * How one requested rebuild of one service ended.
 *
 * @param service the service
 * @param report the completed reload, or null when it failed
 * @param failedStep the step that failed, or null
 * @param reason why it failed, or null
 * @param tail the last output lines of the failing process
 */
public record ReloadOutcome(
        String service, ReloadReport report, ReloadStep failedStep, String reason, List<String> tail) {

    public ReloadOutcome {
        tail = List.copyOf(tail);
    }

    public boolean succeeded() {
        return report != null;
    }

    static ReloadOutcome ok(ReloadReport report) {
        return new ReloadOutcome(report.service(), report, null, null, List.of());
    }

    /** A request whose answer did not come in time. */
    public static ReloadOutcome unanswered(String service, String reason) {
        return new ReloadOutcome(service, null, ReloadStep.BUILD, reason, List.of());
    }

    static ReloadOutcome failed(String service, ReloadStep step, String reason, List<String> tail) {
        return new ReloadOutcome(service, null, step, reason, tail);
    }
}
