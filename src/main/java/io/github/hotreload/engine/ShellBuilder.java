package io.github.hotreload.engine;

import io.github.hotreload.process.BuildResult;
import io.github.hotreload.process.Launch;
import io.github.hotreload.process.LaunchedProcess;
import io.github.hotreload.process.OutputSink;
import io.github.hotreload.process.ProcessSupervisor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Builds by running the service's build command (and cleans with its clean command) through the
 * supervisor. Between builds, the shell of the next one waits, started ahead: a build then starts
 * with no process to spawn (2 to 10 ms on the way to each build, more on a busy machine).
 */
final class ShellBuilder implements Builder {

    private final ProcessSupervisor supervisor;
    private final Launch build;
    private final String clean;
    private final Duration stopTimeout;
    /** The shell of the next build, started ahead ({@link #prepare}). */
    private final Spare next;
    /** Where the output of the shell that waits goes: the sink of the build it runs, once taken. */
    private volatile Relay nextOutput;

    /** @param clean the clean command, or null */
    ShellBuilder(ProcessSupervisor supervisor, Launch build, String clean, Duration stopTimeout) {
        this.supervisor = supervisor;
        this.build = build;
        this.clean = clean;
        this.stopTimeout = stopTimeout;
        this.next = new Spare(supervisor);
    }

    @Override
    public String description() {
        return build.command();
    }

    @Override
    public BuildResult build(Set<Path> changed, OutputSink output) throws IOException, InterruptedException {
        Relay relay = nextOutput;
        LaunchedProcess shell = next.take();
        if (shell != null && relay != null) {
            relay.target = output;
            try {
                return supervisor.runAhead(shell, stopTimeout);
            } catch (IOException e) {
                // it ended as it was told to go: the build starts the usual way
            }
        }
        return supervisor.run(build, output, stopTimeout);
    }

    /**
     * Starts the shell of the next build to wait, unless one waits: its words, variables and
     * program are read only when it is told to go (see {@code ShellCommand#argvAfterGo}).
     */
    @Override
    public void prepare(OutputSink output) throws InterruptedException {
        if (!next.isEmpty()) {
            return;
        }
        Relay relay = new Relay(output);
        try {
            LaunchedProcess shell = supervisor.launchAhead(build, relay, null);
            // the loop's thread prepares only while no build runs, so the relay and the shell
            // that a build takes are always of the same prepare
            nextOutput = relay;
            next.offer(shell);
        } catch (IOException e) {
            // the next build starts its shell the usual way
        }
    }

    @Override
    public void dropPrepared() {
        next.drop();
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

    /** The lines of a shell started ahead, for the sink of the build it runs; until then, the sink it was started with. */
    private static final class Relay implements OutputSink {
        private final OutputSink base;
        private volatile OutputSink target;

        Relay(OutputSink base) {
            this.base = base;
        }

        @Override
        public void line(String text) {
            OutputSink t = target;
            (t != null ? t : base).line(text);
        }

        @Override
        public boolean wantsColor() {
            return base.wantsColor();
        }
    }

    @Override
    public BuildResult clean(OutputSink output) throws IOException, InterruptedException {
        return supervisor.run(build.withCommand(clean), output, stopTimeout);
    }
}
