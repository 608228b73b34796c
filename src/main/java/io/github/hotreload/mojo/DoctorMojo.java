package io.github.hotreload.mojo;

import io.github.hotreload.config.ConfigurationProblem;
import io.github.hotreload.console.Console;
import io.github.hotreload.doctor.Doctor;
import io.github.hotreload.doctor.DoctorReport;
import io.github.hotreload.doctor.Examination;
import io.github.hotreload.doctor.WatchState;
import io.github.hotreload.maven.ReactorAdapter;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks what a watch needs and prints a checklist, one line per check (ok, problem or note) with
 * a fix under each problem: the configuration, each service's toolchain and its version, each
 * readiness port (free, or who holds it), the inotify limits against the directories to watch,
 * and whether a watch runs for this project. Fails when there is a problem, after every check.
 */
@Mojo(name = "doctor", aggregator = true, threadSafe = true, requiresProject = true)
public class DoctorMojo extends AbstractControlMojo {

    /** How long a tool's version command ({@code cargo --version}, {@code go version}) may take. */
    @Parameter(property = "hotreload.versionTimeout", defaultValue = "10s")
    protected String versionTimeout;

    /**
     * A file (or directory) to explain: for every service, whether a change of it counts and which
     * rule decided. Relative to the directory Maven runs in.
     */
    @Parameter(property = "hotreload.path")
    protected String path;

    public DoctorMojo() {
        this(null);
    }

    @Inject
    public DoctorMojo(ReactorAdapter adapter) {
        super(adapter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        java.time.Duration timeout = duration("versionTimeout", "hotreload.versionTimeout", versionTimeout);
        WatchState watch = WatchState.of(controlFile());
        Examination project;
        try {
            ReactorAdapter.Services found = gatherServices();
            project = Examination.of(found.declared(), found.java(), found.root(), System.getenv(), selected(), watch);
        } catch (MojoFailureException e) {
            // the POMs' <services> cannot be read: say so, and check what needs no services
            project = new Examination(List.of(), List.of(new ConfigurationProblem(null, "services", e.getMessage(), null)),
                    System.getenv(), watch);
        }
        java.nio.file.Path explained = null;
        if (path != null && !path.isBlank()) {
            java.nio.file.Path base = session != null && session.getExecutionRootDirectory() != null
                    ? java.nio.file.Path.of(session.getExecutionRootDirectory()) : baseDirectory.toPath();
            try {
                explained = base.resolve(path.trim());
            } catch (java.nio.file.InvalidPathException e) {
                throw new MojoFailureException("<path> (-Dhotreload.path) '" + path + "' is not a path: "
                        + e.getReason() + ". Fix: name a file relative to " + base + ", e.g. -Dhotreload.path=api/main.go.");
            }
        }
        DoctorReport report = Doctor.standard(timeout, explained).examine(project);
        Console console = new Console(System.out, colorWanted(), 0);
        report.lines(console).forEach(System.out::println);
        if (report.problems() > 0) {
            throw new MojoFailureException("hotreload:doctor: " + report.summary()
                    + "; the checklist above has a fix under each.");
        }
    }
}
