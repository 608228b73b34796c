package io.github.hotreload.mojo;

import io.github.hotreload.maven.ReactorAdapter;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Resumes the automatic reloads that {@code hotreload:pause} paused (all services, or
 * {@code -Dhotreload.services}); changes held meanwhile are built at once.
 */
@Mojo(name = "resume", aggregator = true, threadSafe = true, requiresProject = true)
public class ResumeMojo extends PauseMojo {

    public ResumeMojo() {
        this(null);
    }

    @Inject
    public ResumeMojo(ReactorAdapter adapter) {
        super(adapter);
    }

    @Override
    protected boolean pause() {
        return false;
    }
}
