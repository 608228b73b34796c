package io.github.hotreload.doctor;

import io.github.hotreload.process.ProcessOrigin;
import java.util.ArrayList;
import java.util.List;

/**
 * Per service, whether each port its readiness check connects to on this machine is free; when
 * it is not, who holds it: a service of the project's running watch (fine), or another process,
 * with its pid and command line.
 */
public final class PortCheck implements DoctorCheck {

    @Override
    public List<Finding> run(Examination project) {
        List<Finding> findings = new ArrayList<>();
        long watch = project.watch().livePid();
        for (DoctorService s : project.services()) {
            for (DoctorService.LocalPort p : s.localPorts()) {
                findings.add(check(s, p, watch));
            }
        }
        return findings;
    }

    private static Finding check(DoctorService s, DoctorService.LocalPort p, long watch) {
        String what = s.name() + ": port " + p.port() + " (" + p.element() + ")";
        PortHolders.Use use = PortHolders.of(p.port());
        if (!use.held()) {
            return Finding.ok(what + " is free");
        }
        String change = "change <" + p.element() + "> of " + s.name() + ", and the port the service listens on, to a free port";
        if (use.holder().isEmpty()) {
            if (use.uid() >= 0 && use.uid() != PortHolders.ownUid()) {
                return Finding.problem(what + " is held by a process of another user (" + PortHolders.userName(use.uid()) + ")",
                        "ask that user (or root) to stop it, or " + change + ".");
            }
            return Finding.problem(what + " is in use, and no process of this machine could be found to hold it",
                    "find it with: sudo ss -ltnp 'sport = :" + p.port() + "'; stop it, or " + change + ".");
        }
        ProcessOrigin holder = use.holder().get();
        if (watch > 0 && holder.belongsTo(watch)) {
            return Finding.ok(what + " is served by " + (holder.service() == null ? "a process" : holder.service())
                    + " of this project's running watch (pid " + holder.pid() + ")");
        }
        String otherWatch = otherWatch(holder);
        return Finding.problem(what + " is held by pid " + holder.pid() + ": "
                        + (holder.commandLine().isEmpty() ? "(no command line)" : holder.commandLine())
                        + (otherWatch == null ? "" : " (service " + holder.service() + " of a hotreload:watch with pid "
                                + otherWatch + ")"),
                otherWatch == null
                        ? "stop that process (kill " + holder.pid() + "), or " + change + "."
                        : "stop that watch (kill " + otherWatch + ", or q + Enter in its terminal), or " + change + ".");
    }

    /** The pid of the watch that launched the process, from its tag, or null when none did. */
    private static String otherWatch(ProcessOrigin holder) {
        if (holder.tag() == null || holder.service() == null) {
            return null;
        }
        int dash = holder.tag().indexOf('-');
        return dash > 0 ? holder.tag().substring(0, dash) : null;
    }
}
