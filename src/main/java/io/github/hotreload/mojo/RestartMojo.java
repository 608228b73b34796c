package io.github.hotreload.mojo;

import io.github.hotreload.control.ControlClient;
import io.github.hotreload.maven.ReactorAdapter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Restarts the running watch's services (all, or {@code -Dhotreload.services}) without a build:
 * stops each one's process tree and starts its run command again, and shows the result as it
 * happens. Fails when a service did not become ready.
 */
@Mojo(name = "restart", aggregator = true, threadSafe = true, requiresProject = true)
public class RestartMojo extends AbstractControlMojo {

    /** How long the running watch may take to restart the services; a service not ready by then is reported as failed. */
    @Parameter(property = "hotreload.timeout", defaultValue = "10m")
    protected String timeout;

    public RestartMojo() {
        this(null);
    }

    @Inject
    public RestartMojo(ReactorAdapter adapter) {
        super(adapter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        Duration limit = duration("timeout", "hotreload.timeout", timeout);
        ControlClient client = watchOrFail("restart");
        List<ControlClient.Result> results;
        try {
            List<String> names = selected();
            getLog().info("hotreload: asking the running watch to restart "
                    + (names.isEmpty() ? "every service" : String.join(", ", names)));
            results = client.restart(names, limit, System.out::println);
        } catch (ControlClient.RefusedException e) {
            throw refused("restart", e);
        } catch (IOException e) {
            throw new MojoExecutionException("hotreload:restart: the request to the running watch failed: "
                    + e.getMessage(), e);
        }
        if (results == null) {
            throw new MojoFailureException("hotreload:restart: the watch ended before it answered.");
        }
        report("restart", results);
    }
}
