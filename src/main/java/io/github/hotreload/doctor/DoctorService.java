package io.github.hotreload.doctor;

import io.github.hotreload.config.Preset;
import io.github.hotreload.config.ServiceDefinition;
import io.github.hotreload.config.ServiceSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One declared service as the checks see it: its checked spec when its configuration is valid on
 * its own, else only what it says of itself, so that the checks that need little (its tools, its
 * ports) still run for it.
 *
 * @param name its name, or {@code #n} when it has none
 * @param preset its preset, or null when the preset is not one
 * @param definition the service as written
 * @param spec the checked service, or null when its configuration has problems
 * @param base the directory its paths are relative to
 * @param environment what its commands run with: the plugin's environment and its own {@code <environment>}
 */
public record DoctorService(String name, Preset preset, ServiceDefinition definition, ServiceSpec spec, Path base,
        Map<String, String> environment) {

    private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    /** A port the readiness check connects to on this machine, and the element that says so. */
    public record LocalPort(int port, String element) {}

    public DoctorService {
        environment = Map.copyOf(environment);
    }

    /** The build command, from the spec (preset defaults merged) or as written. */
    public String build() {
        return spec != null ? spec.build() : definition.getBuild();
    }

    /** The run command, from the spec or as written. */
    public String run() {
        return spec != null ? spec.run() : definition.getRun();
    }

    /** The clean command, from the spec or as written. */
    public String clean() {
        return spec != null ? spec.clean() : definition.getClean();
    }

    /** Whether a build runs before each start, which may create the program that run starts. */
    public boolean hasBuild() {
        return spec != null ? spec.hasBuild() : preset == Preset.CARGO || preset == Preset.GO || preset == Preset.JAVA
                || definition.getBuild() != null;
    }

    /**
     * The ports on this machine that the readiness check connects to: {@code readyPort}, and the
     * port of a {@code readyUrl} on 127.0.0.1 or localhost; each port once, the first element that
     * names it. Read from the spec, or from the definition when it has problems (a value that is
     * not a port is a configuration problem, reported there).
     */
    public List<LocalPort> localPorts() {
        List<LocalPort> ports = new ArrayList<>();
        if (spec != null) {
            add(ports, spec.readiness().port(), "readyPort");
            if (spec.readiness().url() != null) {
                addUrl(ports, spec.readiness().url());
            }
            return ports;
        }
        if (definition.getReadyPort() != null) {
            try {
                add(ports, Integer.parseInt(definition.getReadyPort().trim()), "readyPort");
            } catch (NumberFormatException e) {
                // a configuration problem
            }
        }
        if (definition.getReadyUrl() != null) {
            try {
                addUrl(ports, new URI(definition.getReadyUrl().trim()));
            } catch (java.net.URISyntaxException e) {
                // a configuration problem
            }
        }
        return ports;
    }

    private static void addUrl(List<LocalPort> ports, URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (!LOCAL_HOSTS.contains(host)) {
            return; // another machine's port is not this machine's to check
        }
        int port = url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        add(ports, port, "readyUrl");
    }

    private static void add(List<LocalPort> ports, int port, String element) {
        if (port > 0 && port <= 65535 && ports.stream().noneMatch(p -> p.port() == port)) {
            ports.add(new LocalPort(port, element));
        }
    }
}
