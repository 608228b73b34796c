package io.github.hotreload.mojo;

import io.github.hotreload.console.Console;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.config.DurationParser;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.verify.ProbeFiles;
import io.github.hotreload.verify.ReloadVerifier;
import io.github.hotreload.verify.ServiceVerification;
import io.github.hotreload.verify.VerificationReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Proves that hot reload works, as a test that a CI server can run and report: starts the
 * services, changes a watched file of each (its probe), checks that it was rebuilt, that a new
 * process replaced the old one and became ready within the timeout (and, optionally, that the new
 * version answers), restores the file and stops everything. The files end exactly as they were,
 * whatever happens. Writes a JUnit XML and a JSON report; fails naming the service and the step
 * that did not happen.
 */
@Mojo(name = "verify-reload", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyReloadMojo extends AbstractServicesMojo {

    /** How long each step may take: starting every service, and each service's reload. */
    @Parameter(property = "hotreload.timeout", defaultValue = "2m")
    protected String timeout;

    /** Where the JUnit XML ({@code TEST-hotreload-verify-reload.xml}) and JSON reports go. */
    @Parameter(property = "hotreload.reportDirectory", defaultValue = "${project.build.directory}/hotreload-reports")
    protected File reportDirectory;

    /** Skips the verification along with the project's tests. */
    @Parameter(property = "skipTests", defaultValue = "false")
    protected boolean skipTests;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipTests) {
            getLog().info("hotreload: verify-reload skipped");
            return;
        }
        Duration limit = DurationParser.parse(timeout);
        if (limit == null || limit.isZero()) {
            throw new MojoFailureException("<timeout> (-Dhotreload.timeout) '" + timeout
                    + "' is not a duration. Fix: write a number with a unit, such as 90s or 5m.");
        }
        List<ServiceSpec> specs = resolveServices();
        for (ServiceSpec spec : specs) {
            if (spec.probe() == null) {
                throw new MojoFailureException("Invalid hotreload configuration: service '" + spec.name()
                        + "', <probe>: verify-reload needs a file of the service to change, and the "
                        + spec.preset().id() + " preset has none by default. Fix: add <probe><file>path/to/a/source/file"
                        + "</file></probe> to the service, or leave it out with -Dhotreload.services.");
            }
        }
        refuseIfAWatchRuns();
        recoverProbedFiles();
        Console console = console(specs);
        ReloadSession session = session(specs, console, 0, null);
        ReloadVerifier verifier = new ReloadVerifier(session, specs, new ProbeFiles(probeJournal()), limit, console::plain);
        List<ServiceVerification> results;
        try {
            results = verifier.run();
        } catch (IOException e) {
            throw new MojoExecutionException("hotreload: verify-reload could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("hotreload: verify-reload was interrupted", e);
        }
        VerificationReport report = new VerificationReport(results, Instant.now());
        Path junit = reportDirectory.toPath().resolve("TEST-hotreload-verify-reload.xml");
        Path json = reportDirectory.toPath().resolve("verify-reload.json");
        try {
            report.writeJunit(junit);
            report.writeJson(json);
        } catch (IOException e) {
            throw new MojoExecutionException("hotreload: cannot write the reports to " + reportDirectory + ": "
                    + e.getMessage(), e);
        }
        getLog().info("hotreload:verify-reload");
        report.table().forEach(line -> getLog().info("  " + line));
        getLog().info("reports: " + junit + ", " + json);
        List<ServiceVerification> failures = report.failures();
        if (!failures.isEmpty()) {
            StringBuilder message = new StringBuilder("hot reload did not work for " + failures.size() + " of "
                    + results.size() + " service(s):");
            for (ServiceVerification f : failures) {
                message.append(System.lineSeparator()).append("  - ").append(f.service()).append(": ")
                        .append(f.failedStep()).append(": ").append(f.message());
                int from = Math.max(0, f.tail().size() - 10);
                for (String line : f.tail().subList(from, f.tail().size())) {
                    message.append(System.lineSeparator()).append("      | ").append(io.github.hotreload.process.Ansi.strip(line));
                }
            }
            throw new MojoFailureException(message.toString());
        }
    }
}
