package io.github.hotreload.doctor;

import io.github.hotreload.config.ConfigurationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether the configuration is valid: every problem the resolver reports, each with its service,
 * element and fix, except the programs missing from the PATH, which {@link ToolchainCheck} reports
 * in its own words.
 */
public final class ConfigurationCheck implements DoctorCheck {

    @Override
    public List<Finding> run(Examination project) {
        List<Finding> findings = new ArrayList<>();
        for (ConfigurationProblem p : project.problems()) {
            if (ToolchainCheck.reportsItself(p)) {
                continue;
            }
            findings.add(Finding.problem((p.service() == null ? "configuration" : p.service()) + ": <" + p.element()
                    + "> " + p.problem(), p.fix()));
        }
        if (findings.isEmpty()) {
            int n = project.services().size();
            findings.add(Finding.ok("configuration: " + n + (n == 1 ? " service" : " services") + " ("
                    + project.services().stream()
                            .map(s -> s.name() + " " + s.preset().id())
                            .collect(Collectors.joining(", ")) + ")"));
        }
        return findings;
    }
}
