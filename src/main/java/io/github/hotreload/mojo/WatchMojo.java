package io.github.hotreload.mojo;

import io.github.hotreload.console.Console;
import io.github.hotreload.control.ControlServer;
import io.github.hotreload.console.EventText;
import io.github.hotreload.console.KeyCommands;
import io.github.hotreload.logs.LogFiles;
import io.github.hotreload.logs.LogHub;
import io.github.hotreload.status.StatusBoard;
import java.time.Instant;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.config.DurationParser;
import io.github.hotreload.config.ServiceSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import io.github.hotreload.maven.ReactorAdapter;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds and starts every service, then watches their sources: on a change, rebuilds the service
 * while the old process keeps serving and, when the build succeeds, replaces the old process tree
 * with the new one. Runs until Ctrl-C, which stops every process it started.
 */
@Mojo(name = "watch", aggregator = true, threadSafe = true)
public class WatchMojo extends AbstractServicesMojo {

    /**
     * Stop after this many successful reloads (first starts do not count), for tests and scripts.
     * 0 watches until Ctrl-C.
     */
    @Parameter(property = "hotreload.maxReloads", defaultValue = "0")
    protected int maxReloads;

    /**
     * Stop after this long, e.g. {@code 10m}; for tests and scripts. With {@code maxReloads}, the
     * goal fails when the time runs out before that many reloads happened.
     */
    @Parameter(property = "hotreload.maxDuration")
    protected String maxDuration;

    /**
     * Serve the dashboard (a web page on 127.0.0.1 showing every service, its log and buttons to
     * rebuild, restart, pause) from the running watch; its one-time link is printed at start.
     * The other goals reach the watch either way.
     */
    @Parameter(property = "hotreload.dashboard", defaultValue = "true")
    protected boolean dashboard;

    /** Without a reactor to read: the services come from this project's own parameter only. */
    public WatchMojo() {
        this(null);
    }

    @Inject
    public WatchMojo(ReactorAdapter adapter) {
        super(adapter);
    }

    @Override
    protected boolean startsServices() {
        return true;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        if (maxReloads < 0) {
            throw new MojoFailureException("<maxReloads> (-Dhotreload.maxReloads) is " + maxReloads
                    + ". Fix: use 0 to watch until Ctrl-C, or a positive number of reloads.");
        }
        Duration limit = null;
        if (maxDuration != null && !maxDuration.isBlank()) {
            limit = DurationParser.parse(maxDuration);
            if (limit == null || limit.isZero()) {
                throw new MojoFailureException("<maxDuration> (-Dhotreload.maxDuration) '" + maxDuration
                        + "' is not a duration. Fix: write a number with a unit, such as 90s or 10m.");
            }
        }
        List<ServiceSpec> specs = resolveServices();
        refuseIfAWatchRuns();
        recoverProbedFiles();
        Console console = console(specs);
        ReloadSession session = session(specs, console, maxReloads, limit);
        EventText text = new EventText(specs);
        StatusBoard board = new StatusBoard(specs, ProcessHandle.current().pid(), Instant.now());
        LogHub hub = new LogHub(text, LogHub.DEFAULT_CAPACITY);
        LogFiles files;
        try {
            files = new LogFiles(logDirectory.toPath(), text, LogFiles.DEFAULT_MAX_BYTES, LogFiles.DEFAULT_KEEP);
        } catch (IOException e) {
            throw new MojoExecutionException("hotreload: cannot write the services' logs in " + logDirectory + ": "
                    + e.getMessage() + ". Fix: make the build directory writable.", e);
        }
        session.addListener(board);
        session.addListener(hub);
        session.addListener(files);
        // closed after the session's last line, also when SIGTERM or Ctrl-C ends the JVM
        session.closeWith(files);
        session.closeWith(hub);
        // on the console, not Maven's log: -q hides Maven's [INFO] lines, and these say where to look
        console.plain((watchesFiles() ? "watching " : "running (release builds, not watching) ")
                + specs.stream().map(ServiceSpec::name).collect(Collectors.joining(", "))
                + (maxReloads > 0 ? " until " + maxReloads + " reload(s)" : "; press Ctrl-C to stop"));
        ControlServer control = null;
        try {
            session.start();
            control = ControlServer.start(session, controlFile(), board, hub, dashboard);
            ControlServer server = control;
            session.closeWith(server);
            String link = control.dashboardLink();
            if (link != null) {
                console.plain("dashboard: " + link + " (opens once; d + Enter or mvn hotreload:status "
                        + "prints a fresh link)");
            }
            console.plain("logs in " + logDirectory + "; follow them with mvn hotreload:logs -Dhotreload.follow");
            if (interactive()) {
                console.plain(KeyCommands.HELP);
            }
            new KeyCommands(System.in, session, console, board::snapshot, server::dashboardLink).start();
            ReloadSession.End end = session.awaitEnd();
            session.close();
            if (end == ReloadSession.End.TIME_LIMIT && maxReloads > 0) {
                throw new MojoFailureException("hotreload:watch stopped after " + DurationParser.format(limit)
                        + " with " + session.reloads() + " of the " + maxReloads + " reloads it waited for.");
            }
        } catch (IOException e) {
            throw new MojoExecutionException("hotreload: cannot watch the services: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("hotreload: interrupted", e);
        } finally {
            session.close();
            if (control != null) {
                control.close();
            }
            hub.close();
            files.close();
        }
    }
}
