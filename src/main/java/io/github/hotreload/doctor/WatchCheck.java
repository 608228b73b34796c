package io.github.hotreload.doctor;

import io.github.hotreload.status.ServiceState;
import io.github.hotreload.status.ServiceStatus;
import io.github.hotreload.status.StatusTable;
import io.github.hotreload.status.WatchStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a watch runs for this project: its pid, uptime and its services' states; a service
 * whose last build or start failed is a problem. A control file left by a watch that is gone is
 * a note: the next watch replaces it.
 */
public final class WatchCheck implements DoctorCheck {

    private static final Set<ServiceState> FAILED = Set.of(ServiceState.BUILD_FAILED, ServiceState.START_FAILED,
            ServiceState.CRASHED);

    @Override
    public List<Finding> run(Examination project) {
        WatchState w = project.watch();
        if (w.control() == null) {
            return List.of(Finding.note("no watch is running for this project"));
        }
        if (!w.live()) {
            return List.of(Finding.note("no watch is running for this project; the control file " + w.controlFile()
                    + " is left by one that ended (pid " + w.control().pid() + "), and the next watch replaces it"));
        }
        WatchStatus status = w.status();
        if (status == null) {
            return List.of(Finding.problem("watch: pid " + w.control().pid() + " listens, but did not answer: " + w.error(),
                    "stop that watch (kill " + w.control().pid() + ") and start it again; if the control file "
                            + w.controlFile() + " belongs to no watch, delete it."));
        }
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.ok("watch: running, pid " + status.pid() + ", up " + StatusTable.since(status.startedAt(), status.now()) + "; "
                + status.services().stream().map(s -> s.name() + " " + s.state().id() + (s.paused() ? " (paused)" : ""))
                        .collect(Collectors.joining(", "))));
        for (ServiceStatus s : status.services()) {
            if (FAILED.contains(s.state())) {
                String reason = s.lastReload() == null || s.lastReload().reason() == null ? "" : ": " + s.lastReload().reason();
                findings.add(Finding.problem(s.name() + ": " + s.state().id() + " in the running watch" + reason,
                        "its output says why: mvn hotreload:logs -Dhotreload.services=" + s.name()
                                + "; fix the cause and save a file, or run mvn hotreload:rebuild -Dhotreload.services="
                                + s.name() + "."));
            }
        }
        return findings;
    }
}
