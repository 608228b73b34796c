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
        return standard(versionTimeout, null);
    }

    /**
     * {@link #standard(Duration)}, with, after the configuration, whether {@code path} counts for
     * each service (unless null).
     */
    public static Doctor standard(Duration versionTimeout, java.nio.file.Path path) {
        List<DoctorCheck> checks = new ArrayList<>(List.of(new ConfigurationCheck(), new ToolchainCheck(versionTimeout),
                new PortCheck(), InotifyCheck.ofThisSystem(), new WatchCheck()));
        if (path != null) {
            checks.add(1, new PathCheck(path));
        }
        return new Doctor(checks);
    }

    public DoctorReport examine(Examination project) {
        List<Finding> findings = new ArrayList<>();
        for (DoctorCheck check : checks) {
            findings.addAll(check.run(project));
        }
        return new DoctorReport(findings);
    }
}
