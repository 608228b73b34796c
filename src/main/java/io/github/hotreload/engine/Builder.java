package io.github.hotreload.engine;

import io.github.hotreload.process.BuildResult;
import io.github.hotreload.process.OutputSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Turns a service's sources into what its run command starts: a shell command ({@link
 * ShellBuilder}) or, for Java modules, the compiler in this JVM. A build is cancelled by
 * interrupting the calling thread.
 */
interface Builder {

    /** The build for people, such as its command. */
    String description();

    /**
     * Builds after {@code changed} (absolute paths; empty for the first build or a request).
     *
     * @throws IOException when the build could not be started at all
     */
    BuildResult build(Set<Path> changed, OutputSink output) throws IOException, InterruptedException;

    /**
     * Whether the build runs on its own thread, so that a change meanwhile can cancel it (a
     * command's tree is stopped); the in-process compiler is not.
     */
    default boolean cancellable() {
        return false;
    }

    /**
     * Whether the build depends on the changed paths it is given (the in-process compiler compiles
     * them, a container's build decides on them whether its image is built); a build that does not
     * may start before the changes are compared with the index.
     */
    default boolean readsChanges() {
        return true;
    }

    /**
     * Gets the next build ready while nothing is built (a shell started ahead, for instance), its
     * output to go to {@code output} unless the build is given another sink; nothing by default.
     */
    default void prepare(OutputSink output) throws InterruptedException {}

    /** Lets go of what {@link #prepare} got ready: the service stops. */
    default void dropPrepared() {}

    /** The clean step for people, or null when there is none. */
    String cleanDescription();

    /** Removes the build's output, so that the next build starts from nothing. */
    BuildResult clean(OutputSink output) throws IOException, InterruptedException;
}
