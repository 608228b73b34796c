package io.github.hotreload.engine;

import io.github.hotreload.process.BuildResult;
import io.github.hotreload.process.Launch;
import io.github.hotreload.process.OutputSink;
import io.github.hotreload.process.ProcessSupervisor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** Builds by running the service's build command (and cleans with its clean command) through the supervisor. */
final class ShellBuilder implements Builder {

    private final ProcessSupervisor supervisor;
    private final Launch build;
    private final String clean;
    private final Duration stopTimeout;

    /** @param clean the clean command, or null */
    ShellBuilder(ProcessSupervisor supervisor, Launch build, String clean, Duration stopTimeout) {
        this.supervisor = supervisor;
        this.build = build;
        this.clean = clean;
        this.stopTimeout = stopTimeout;
    }

    @Override
    public String description() {
        return build.command();
    }

    @Override
    public BuildResult build(Set<Path> changed, OutputSink output) throws IOException, InterruptedException {
        return supervisor.run(build, output, stopTimeout);
    }

    @Override
    public boolean cancellable() {
        return true;
    }

    /** A command is run the same whatever changed. */
    @Override
    public boolean readsChanges() {
        return false;
    }

    @Override
    public String cleanDescription() {
        return clean;
    }

    @Override
    public BuildResult clean(OutputSink output) throws IOException, InterruptedException {
        return supervisor.run(build.withCommand(clean), output, stopTimeout);
    }
}
