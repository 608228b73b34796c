package io.github.hotreload.mojo;

import io.github.hotreload.console.Console;
import io.github.hotreload.console.ConsoleReporter;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.engine.SessionOptions;
import io.github.hotreload.config.InvalidConfigurationException;
import io.github.hotreload.config.ServiceDefinition;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.config.ServiceSpecResolver;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import io.github.hotreload.config.DeclaredService;
import io.github.hotreload.java.JavaReactor;
import io.github.hotreload.maven.ReactorAdapter;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What every goal shares: the services, which of them to act on, and how to print. */
public abstract class AbstractServicesMojo extends AbstractMojo {

    /**
     * The services, one {@code <service>} each. A service has a {@code <name>} and, unless its
     * {@code <preset>} ({@code cargo}, {@code go}, {@code exec}) supplies them, a {@code <run>}
     * command and an optional {@code <build>} command. See the configuration reference in the
     * project's docs for every element.
     */
    @Parameter
    protected List<ServiceDefinition> services;

    /** Act on these services only: a comma-separated list of names. All when empty. */
    @Parameter(property = "hotreload.services")
    protected String selectedServices;

    /** Skip the goal. */
    @Parameter(property = "hotreload.skip", defaultValue = "false")
    protected boolean skip;

    /** The directory that service directories are relative to. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    protected File baseDirectory;

    /**
     * Where the goals keep their state: the control file of a running watch, the probe journal. A
     * directory named {@code .hotreload} is never watched, wherever it is.
     */
    @Parameter(defaultValue = "${project.build.directory}/.hotreload", readonly = true, required = true)
    protected File stateDirectory;

    /**
     * Where {@code hotreload:watch} writes every line of every service (build and run), one file
     * per service, size-capped and rotated; {@code hotreload:logs} reads them.
     */
    @Parameter(defaultValue = "${project.build.directory}/hotreload/logs", readonly = true, required = true)
    protected File logDirectory;

    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    protected PluginDescriptor plugin;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

    /** Reads the reactor; null when the goal is run without one (some tests). */
    protected final ReactorAdapter adapter;

    protected AbstractServicesMojo(ReactorAdapter adapter) {
        this.adapter = adapter;
    }

    /**
     * The projects whose services this goal acts on: the whole reactor for a goal run once for
     * the build; {@link #ownServicesOnly} says whether inherited blocks count.
     */
    protected List<MavenProject> scope() {
        return session.getProjects();
    }

    /** Whether only the blocks the projects of {@link #scope} declare themselves count. */
    protected boolean ownServicesOnly() {
        return false;
    }

    /**
     * Gathers the services of the build (the top-level POM's and every module's own), merges
     * presets and overrides, checks everything, and applies {@code hotreload.services}.
     */
    protected List<ServiceSpec> resolveServices() throws MojoFailureException, MojoExecutionException {
        return resolveServices(gatherServices());
    }

    /** The {@code <service>}s this goal acts on, with the POMs that declare them, before any check. */
    protected ReactorAdapter.Services gatherServices() throws MojoFailureException, MojoExecutionException {
        if (adapter != null && session != null && project != null && project.getFile() != null && plugin != null
                && session.getProjects() != null && !session.getProjects().isEmpty()) {
            return adapter.services(session, scope(), ownServicesOnly(), plugin.getGroupId(), plugin.getArtifactId());
        }
        // no reactor to read (a test that builds the goal by hand): this project's own parameter
        List<DeclaredService> declared = new ArrayList<>();
        if (services != null) {
            for (ServiceDefinition d : services) {
                declared.add(new DeclaredService(d, baseDirectory.toPath(), null, false));
            }
        }
        return new ReactorAdapter.Services(declared, JavaReactor.none(), baseDirectory.toPath());
    }

    protected List<ServiceSpec> resolveServices(ReactorAdapter.Services found) throws MojoFailureException {
        List<DeclaredService> declared = found.declared();
        JavaReactor java = found.java();
        java.nio.file.Path root = found.root();
        List<ServiceSpec> all;
        try {
            ServiceSpecResolver resolver = resolver(root);
            all = (ownServicesOnly() ? resolver.partial() : resolver).resolveDeclared(declared, java);
        } catch (InvalidConfigurationException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        if (selectedServices == null || selectedServices.isBlank()) {
            return all;
        }
        Set<String> wanted = Arrays.stream(selectedServices.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> known = all.stream().map(ServiceSpec::name).collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> unknown = wanted.stream().filter(n -> !known.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new MojoFailureException("-Dhotreload.services names " + String.join(", ", unknown)
                    + ", which " + (unknown.size() == 1 ? "is not a service" : "are not services")
                    + " of this build. Fix: use names from the <services> of its POMs: " + String.join(", ", known) + ".");
        }
        List<ServiceSpec> selected = new ArrayList<>();
        for (ServiceSpec spec : all) {
            if (wanted.contains(spec.name())) {
                selected.add(spec);
            }
        }
        if (startsServices()) {
            Set<String> added = new LinkedHashSet<>();
            selected = io.github.hotreload.config.StartOrder.withDependencies(selected, all, added);
            if (!added.isEmpty()) {
                getLog().info("hotreload: also starting " + String.join(", ", added)
                        + ", which the selected services depend on (<dependsOn>)");
            }
        }
        return selected;
    }

    /** The resolver of this goal's services. */
    protected ServiceSpecResolver resolver(java.nio.file.Path root) {
        return new ServiceSpecResolver(root, System.getenv());
    }

    /**
     * Whether this goal starts the services it acts on, so that {@code -Dhotreload.services}
     * brings in the services they depend on, which must run first.
     */
    protected boolean startsServices() {
        return false;
    }

    /** The control file of a running watch. */
    protected java.nio.file.Path controlFile() {
        return stateDirectory.toPath().resolve("control.properties");
    }

    /** The journal of files changed by verify-reload, restored if a run was killed. */
    protected java.nio.file.Path probeJournal() {
        return stateDirectory.toPath().resolve("probes");
    }

    /** Restores the files a killed verify-reload left changed, and says so. */
    protected void recoverProbedFiles() throws org.apache.maven.plugin.MojoExecutionException {
        try {
            for (java.nio.file.Path file : io.github.hotreload.verify.ProbeFiles.recover(probeJournal())) {
                getLog().warn("hotreload: restored " + file + ", which an interrupted verify-reload had left changed");
            }
        } catch (java.io.IOException e) {
            throw new org.apache.maven.plugin.MojoExecutionException("hotreload: cannot restore the files an interrupted "
                    + "verify-reload changed; their originals are in " + probeJournal() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails when a watch already runs for this project: a second session would fight it for the
     * services' ports and files.
     */
    protected void refuseIfAWatchRuns() throws MojoFailureException {
        java.util.Optional<io.github.hotreload.control.ControlFile> control =
                io.github.hotreload.control.ControlFile.read(controlFile());
        if (control.isPresent() && control.get().isLive()) {
            throw new MojoFailureException("hotreload:watch is already running for this project (pid "
                    + control.get().pid() + "). Fix: use hotreload:rebuild to rebuild through it, or stop it "
                    + "(Ctrl-C, or q + Enter in its terminal) first.");
        }
    }

    /** Whether the goal is skipped ({@code hotreload.skip}), saying so. */
    protected boolean skipped() {
        if (skip) {
            getLog().info("hotreload: skipped (hotreload.skip)");
        }
        return skip;
    }

    /**
     * A duration parameter's value; fails naming the parameter when it is not a duration or is
     * zero.
     */
    protected java.time.Duration duration(String parameter, String property, String value) throws MojoFailureException {
        java.time.Duration d = io.github.hotreload.config.DurationParser.parse(value);
        if (d == null || d.isZero()) {
            throw new MojoFailureException("<" + parameter + "> (-D" + property + ") '" + value
                    + "' is not a duration. Fix: write a number with a unit, such as 90s or 10m.");
        }
        return d;
    }

    /** Whether this goal's sessions watch the services' files. */
    protected boolean watchesFiles() {
        return true;
    }

    /** Whether Maven runs interactively (not -B). */
    protected boolean interactive() {
        return session != null && session.getRequest() != null && session.getRequest().isInteractiveMode();
    }

    /** A console for these services, in colour unless batch mode, NO_COLOR or no terminal. */
    protected Console console(List<ServiceSpec> specs) {
        int width = specs.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        return new Console(System.out, colorWanted(), width);
    }

    /** Whether to print in colour: not in batch mode, not with NO_COLOR, as -Dstyle.color says, on a terminal. */
    protected boolean colorWanted() {
        boolean batch = !interactive();
        String style = session == null ? null : session.getUserProperties().getProperty("style.color");
        return Console.colorWanted(batch, System.getenv("NO_COLOR"), style, System.console() != null);
    }

    /** A session of these services whose events the console shows. */
    protected ReloadSession session(List<ServiceSpec> specs, Console console, int maxReloads, java.time.Duration maxDuration) {
        SessionOptions options = new SessionOptions(maxReloads, maxDuration, stateDirectory.toPath(), console.color());
        ReloadSession s = new ReloadSession(specs, watchesFiles() ? options : options.unwatched());
        s.addListener(new ConsoleReporter(console, specs));
        return s;
    }
}
