package io.github.hotreload.process;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to start: a command as the user wrote it, where, and with which variables added to the
 * plugin's own environment. The supervisor knows commands, not services: {@code label} only names
 * the launch in its thread names and in {@link ProcessSupervisor#SERVICE_VARIABLE}.
 *
 * @param label the name of what is launched, usually its service
 * @param command run by {@code /bin/sh -c}
 * @param directory the working directory
 * @param environment variables added to the plugin's own
 */
public record Launch(String label, String command, Path directory, Map<String, String> environment) {

    public Launch {
        environment = Map.copyOf(environment);
    }

    /** The same launch with another command, such as a service's clean step. */
    public Launch withCommand(String other) {
        return new Launch(label, other, directory, environment);
    }
}
