package io.github.hotreload.mojo;

import io.github.hotreload.control.ControlClient;
import io.github.hotreload.maven.ReactorAdapter;
import java.io.IOException;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Pauses the automatic reloads of the running watch's services (all, or
 * {@code -Dhotreload.services}): their changes are held and built on {@code hotreload:resume};
 * their processes keep running.
 */
@Mojo(name = "pause", aggregator = true, threadSafe = true, requiresProject = true)
public class PauseMojo extends AbstractControlMojo {

    public PauseMojo() {
        this(null);
    }

    @Inject
    public PauseMojo(ReactorAdapter adapter) {
        super(adapter);
    }

    protected boolean pause() {
        return true;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        String goal = pause() ? "pause" : "resume";
        ControlClient client = watchOrFail(goal);
        List<String> told;
        try {
            told = client.pause(selected(), pause());
        } catch (ControlClient.RefusedException e) {
            throw refused(goal, e);
        } catch (IOException e) {
            throw new MojoExecutionException("hotreload:" + goal + ": the request to the running watch failed: "
                    + e.getMessage(), e);
        }
        if (told == null) {
            throw new MojoFailureException("hotreload:" + goal + ": the watch ended before it answered.");
        }
        getLog().info("hotreload: " + (pause() ? "paused the reloads of " : "resumed the reloads of ")
                + (told.isEmpty() ? "no service (every loop has ended)" : String.join(", ", told)));
    }
}
