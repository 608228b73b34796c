package io.github.hotreload.mojo;

import io.github.hotreload.console.Console;
import io.github.hotreload.console.ServiceConsole;
import io.github.hotreload.control.ControlClient;
import io.github.hotreload.control.ControlFile;
import io.github.hotreload.engine.Builds;
import io.github.hotreload.process.BuildResult;
import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.config.DurationParser;
import io.github.hotreload.config.ServiceSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.github.hotreload.maven.ReactorAdapter;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Rebuilds services on demand. When {@code hotreload:watch} runs for this project, asks it to
 * rebuild and restart the services and shows the result as it happens; otherwise runs their build
 * commands once. Fails when a build failed.
 */
@Mojo(name = "rebuild", aggregator = true, threadSafe = true)
public class RebuildMojo extends AbstractControlMojo {

    /** Run each service's clean step ({@code cargo clean}, removing Go's build output) first. */
    @Parameter(property = "hotreload.clean", defaultValue = "false")
    protected boolean clean;

    /**
     * How long the running watch may take to rebuild and restart the services; a service not done
     * by then is reported as failed.
     */
    @Parameter(property = "hotreload.timeout", defaultValue = "30m")
    protected String timeout;

    /** Without a reactor to read: the services come from this project's own parameter only. */
    public RebuildMojo() {
        this(null);
    }

    @Inject
    public RebuildMojo(ReactorAdapter adapter) {
        super(adapter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        java.time.Duration limit = duration("timeout", "hotreload.timeout", timeout);
        List<ServiceSpec> specs = resolveServices();
        List<String> names = selectedServices == null || selectedServices.isBlank()
                ? List.of()
                : specs.stream().map(ServiceSpec::name).toList();
        Optional<ControlFile> control = ControlFile.read(controlFile());
        if (control.isPresent()) {
            List<ControlClient.Result> results;
            try {
                getLog().info("hotreload: asking the running watch (pid " + control.get().pid() + ") to rebuild "
                        + (names.isEmpty() ? "every service" : String.join(", ", names)) + (clean ? " after a clean" : ""));
                results = new ControlClient(control.get()).rebuild(names, clean, limit, System.out::println);
            } catch (ControlClient.RefusedException e) {
                throw new MojoFailureException("hotreload: " + e.getMessage() + ". Fix: the control file "
                        + controlFile() + " does not match the running watch; restart hotreload:watch.");
            } catch (IOException e) {
                throw new MojoExecutionException("hotreload: the rebuild request to the running watch failed: "
                        + e.getMessage(), e);
            }
            if (results != null) {
                report("rebuild", results);
                return;
            }
            getLog().info("hotreload: no watch is running (" + controlFile() + " is left from one that ended)");
        }
        rebuildHere(specs);
    }

    private void rebuildHere(List<ServiceSpec> specs) throws MojoExecutionException, MojoFailureException {
        getLog().info("hotreload: no watch is running, so the services are built here and not restarted");
        Console console = console(specs);
        List<ControlClient.Result> results = new ArrayList<>();
        // its own supervisor: nothing started here outlives this goal, and nothing else is touched
        ProcessSupervisor supervisor = new ProcessSupervisor(warning -> getLog().warn("hotreload: " + warning));
        Builds builds = new Builds(supervisor);
        try {
            for (int i = 0; i < specs.size(); i++) {
                ServiceSpec spec = specs.get(i);
                ServiceConsole out = console.service(spec.name(), i);
                String build = builds.description(spec);
                if (build == null) {
                    results.add(new ControlClient.Result(spec.name(), true, "no build command"));
                    continue;
                }
                if (clean && builds.cleanDescription(spec) != null) {
                    out.status("cleaning: " + builds.cleanDescription(spec));
                }
                out.status("building: " + build);
                BuildResult built = builds.build(spec, clean, out);
                results.add(built.succeeded()
                        ? new ControlClient.Result(spec.name(), true, "build " + DurationParser.format(built.duration()))
                        : new ControlClient.Result(spec.name(), false, "build: build failed with exit code "
                                + built.exitCode() + " after " + DurationParser.format(built.duration())));
            }
        } catch (IOException e) {
            throw new MojoExecutionException("hotreload: a build command could not be started: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("hotreload: interrupted", e);
        } finally {
            builds.close();
            supervisor.close();
        }
        report("rebuild", results);
    }
}
