package io.github.hotreload.mojo;

import io.github.hotreload.config.ServiceSpecResolver;
import io.github.hotreload.maven.ReactorAdapter;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * The production-like run: builds every service once with its release build (cargo
 * {@code --release}, go {@code -trimpath}, or the service's {@code <releaseBuild>}), starts them
 * in dependency order with their readiness checks and keeps them running, without watching their
 * files, until Ctrl-C, which stops every process it started. Crashes are handled by each
 * service's restart policy; {@code hotreload:rebuild}, {@code hotreload:status},
 * {@code hotreload:logs} and the dashboard work as with a watch.
 */
@Mojo(name = "run", aggregator = true, threadSafe = true)
public class RunMojo extends WatchMojo {

    /** Without a reactor to read: the services come from this project's own parameter only. */
    public RunMojo() {
        this(null);
    }

    @Inject
    public RunMojo(ReactorAdapter adapter) {
        super(adapter);
    }

    @Override
    protected ServiceSpecResolver resolver(Path root) {
        return super.resolver(root).release();
    }

    @Override
    protected boolean watchesFiles() {
        return false;
    }
}
