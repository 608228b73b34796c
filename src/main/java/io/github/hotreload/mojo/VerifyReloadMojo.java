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
import io.github.hotreload.maven.ReactorAdapter;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.MavenProject;
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

    /** Without a reactor to read: the services come from this project's own parameter only. */
    public VerifyReloadMojo() {
        this(null);
    }

    @Inject
    public VerifyReloadMojo(ReactorAdapter adapter) {
        super(adapter);
    }

    /**
     * Bound in a module's executions, it verifies that module's own services, so that every
     * module of a parallel build verifies its own; run from the command line, all of the build's.
     */
    @Override
    protected List<MavenProject> scope() {
        return bound() ? List.of(project) : session.getProjects();
    }

    @Override
    protected boolean ownServicesOnly() {
        return bound();
    }

    private boolean bound() {
        return mojoExecution != null && mojoExecution.getSource() == MojoExecution.Source.LIFECYCLE;
    }

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
        if (!bound() && session != null && session.getProjects() != null && session.getProjects().size() > 1
                && project != null && project != session.getProjects().get(0)) {
            getLog().info("hotreload: verify-reload ran once for the whole build, at " + session.getProjects().get(0).getName());
            return;
        }
        var gathered = gatherServices();
        if (bound() && gathered.declared().isEmpty() && adapter != null) {
            getLog().info("hotreload: verify-reload: " + project.getArtifactId() + " declares no services of its own"
                    + " (those it inherits are verified by the POM that declares them)");
            return;
        }
        List<ServiceSpec> specs = resolveServices(gathered);
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
