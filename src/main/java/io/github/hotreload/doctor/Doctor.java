package io.github.hotreload.doctor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the checks, in order, into one report. */
public final class Doctor {

    private final List<DoctorCheck> checks;

    public Doctor(List<DoctorCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /**
     * Every check of {@code hotreload:doctor}: the configuration, the tools, the ports, inotify and
     * the watch; a new section goes here.
     *
     * @param versionTimeout how long a tool's version command may take
     */
    public static Doctor standard(Duration versionTimeout) {
        return new Doctor(List.of(new ConfigurationCheck(), new ToolchainCheck(versionTimeout), new PortCheck(),
                InotifyCheck.ofThisSystem(), new WatchCheck()));
    }

    public DoctorReport examine(Examination project) {
        List<Finding> findings = new ArrayList<>();
        for (DoctorCheck check : checks) {
            findings.addAll(check.run(project));
        }
        return new DoctorReport(findings);
    }
}
