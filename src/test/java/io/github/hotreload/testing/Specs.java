package io.github.hotreload.testing;

import io.github.hotreload.config.InvalidConfigurationException;
import io.github.hotreload.config.ServiceDefinition;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.config.ServiceSpecResolver;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Service specs for tests, made the way the goals make them: through the resolver. */
public final class Specs {

    private Specs() {}

    /** An exec service in {@code dir} that runs {@code sleep 600} unless customized. */
    public static ServiceSpec exec(Path dir, String name, Consumer<ServiceDefinition> customize) {
        ServiceDefinition d = new ServiceDefinition(name);
        d.setDirectory(dir.toString());
        d.setRun("sleep 600");
        d.setDelay("100ms");
        d.setStopTimeout("2s");
        customize.accept(d);
        try {
            // one at a time: a <dependsOn> may name a service resolved by another call
            return new ServiceSpecResolver(dir, System.getenv()).partial().resolve(List.of(d)).get(0);
        } catch (InvalidConfigurationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
