package io.github.hotreload.engine;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.process.BuildResult;
import io.github.hotreload.process.Launch;
import io.github.hotreload.process.OutputSink;
import io.github.hotreload.process.ProcessSupervisor;
import java.io.IOException;
import java.util.Set;

/**
 * Builds services once, without watching or starting them, with the same builders a session
 * uses: the build command, or the in-process compiler for java services. For
 * {@code hotreload:rebuild} when no watch runs.
 */
public final class Builds implements AutoCloseable {

    private final ProcessSupervisor supervisor;
    private final ModuleBuilds modules = new ModuleBuilds();

    /** @param supervisor runs the build commands; the caller closes it */
    public Builds(ProcessSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** The service's builder, or null when it has no build. */
    private Builder builder(ServiceSpec spec) {
        if (spec.java() != null && spec.build() == null) {
            return new JavaBuilder(spec.java(), modules);
        }
        if (spec.build() != null) {
            return new ShellBuilder(supervisor, new Launch(spec.name(), spec.build(), spec.directory(), spec.environment()),
                    spec.clean(), spec.stopTimeout());
        }
        return null;
    }

    /** The build for people, or null when the service has none. */
    public String description(ServiceSpec spec) {
        Builder b = builder(spec);
        return b == null ? null : b.description();
    }

    /** The clean step for people, or null when there is none. */
    public String cleanDescription(ServiceSpec spec) {
        Builder b = builder(spec);
        return b == null ? null : b.cleanDescription();
    }

    /**
     * Builds the service once, after its clean step when {@code clean}; null when it has no build.
     * A failed clean is returned as the result.
     */
    public BuildResult build(ServiceSpec spec, boolean clean, OutputSink output) throws IOException, InterruptedException {
        Builder b = builder(spec);
        if (b == null) {
            return null;
        }
        if (clean && b.cleanDescription() != null) {
            BuildResult cleaned = b.clean(output);
            if (!cleaned.succeeded()) {
                return cleaned;
            }
        }
        return b.build(Set.of(), output);
    }

    @Override
    public void close() {
        modules.close();
    }
}
