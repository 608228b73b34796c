package io.github.hotreload.mojo;

import io.github.hotreload.control.ControlClient;
import io.github.hotreload.maven.ReactorAdapter;
import io.github.hotreload.status.ServiceStatus;
import io.github.hotreload.status.StatusTable;
import io.github.hotreload.status.WatchStatus;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows what the running watch's services are doing, like {@code docker compose ps}: per service
 * its state, pid, uptime, last reload, restarts and readiness check, then the watch's own pid and
 * uptime, and a fresh link to the dashboard. The goal succeeds only when a watch runs and every
 * service (of {@code -Dhotreload.services}, or all) is ready, so that scripts can wait on it.
 */
@Mojo(name = "status", aggregator = true, threadSafe = true, requiresProject = true)
public class StatusMojo extends AbstractControlMojo {

    /** {@code table} for people, {@code json} for scripts (the schema is in docs/control.md). */
    @Parameter(property = "hotreload.format", defaultValue = "table")
    protected String format;

    public StatusMojo() {
        this(null);
    }

    @Inject
    public StatusMojo(ReactorAdapter adapter) {
        super(adapter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        boolean json = "json".equalsIgnoreCase(format);
        if (!json && !"table".equalsIgnoreCase(format)) {
            throw new MojoFailureException("<format> (-Dhotreload.format) is '" + format
                    + "'. Fix: use table (the default) or json.");
        }
        Optional<io.github.hotreload.control.ControlFile> watch = runningWatch();
        WatchStatus status = null;
        String link = null;
        if (watch.isPresent()) {
            ControlClient client = new ControlClient(watch.get());
            try {
                status = client.status();
                if (!json && status != null) {
                    link = client.dashboardLink();
                }
            } catch (ControlClient.RefusedException e) {
                throw refused("status", e);
            } catch (IOException e) {
                throw new MojoExecutionException("hotreload:status: the request to the running watch failed: "
                        + e.getMessage(), e);
            }
        }
        if (status == null) {
            if (json) {
                System.out.println("{\"schema\":" + WatchStatus.SCHEMA + ",\"watch\":null,\"services\":[]}");
            }
            throw new MojoFailureException("hotreload:status: no hotreload:watch is running for this project. "
                    + "Fix: start one with mvn hotreload:watch (its logs stay readable with mvn hotreload:logs).");
        }
        WatchStatus all = status;
        List<String> wanted = selected();
        List<String> unknown = wanted.stream()
                .filter(n -> all.services().stream().noneMatch(s -> s.name().equals(n))).toList();
        if (!unknown.isEmpty()) {
            throw new MojoFailureException("hotreload:status: -Dhotreload.services names " + String.join(", ", unknown)
                    + ", which the running watch does not run. Fix: use names among "
                    + String.join(", ", all.services().stream().map(ServiceStatus::name).toList()) + ".");
        }
        WatchStatus shown = wanted.isEmpty() ? status : new WatchStatus(status.pid(), status.startedAt(), status.now(),
                status.services().stream().filter(s -> wanted.contains(s.name())).toList());
        if (json) {
            System.out.println(shown.toJson());
        } else {
            StatusTable.render(shown, ZoneId.systemDefault()).forEach(System.out::println);
            if (link != null) {
                System.out.println("dashboard (the link opens once): " + link);
            }
        }
        List<String> notReady = shown.services().stream().filter(s -> !s.ready())
                .map(s -> s.name() + " is " + s.state().id()).toList();
        if (!notReady.isEmpty()) {
            throw new MojoFailureException("hotreload:status: not every service is ready: " + String.join(", ", notReady)
                    + ". Its log says why: mvn hotreload:logs -Dhotreload.services=" + notReady.get(0).split(" ")[0]);
        }
    }
}
