package io.github.hotreload.doctor;

import io.github.hotreload.config.ConfigurationProblem;
import io.github.hotreload.config.DeclaredService;
import io.github.hotreload.config.InvalidConfigurationException;
import io.github.hotreload.config.Preset;
import io.github.hotreload.config.ServiceDefinition;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.config.ServiceSpecResolver;
import io.github.hotreload.java.JavaReactor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the checks look at: the services (each with its spec when it is valid), every problem of
 * the configuration, the environment the plugin runs with and the project's watch.
 *
 * @param services the declared services, in order (those of {@code -Dhotreload.services} only, when given)
 * @param problems what the resolver reports for the whole configuration, and unknown selected names
 * @param environment the plugin's own environment
 * @param watch whether and how a watch runs for this project
 */
public record Examination(List<DoctorService> services, List<ConfigurationProblem> problems,
        Map<String, String> environment, WatchState watch) {

    public Examination {
        services = List.copyOf(services);
        problems = List.copyOf(problems);
        environment = Map.copyOf(environment);
    }

    /**
     * Resolves the services as the other goals do, without failing: when the whole configuration
     * has problems, each service is resolved again on its own, so that those valid alone still get
     * every check.
     *
     * @param selected the names of {@code -Dhotreload.services}; empty for all
     */
    public static Examination of(List<DeclaredService> declared, JavaReactor reactor, Path root,
            Map<String, String> environment, List<String> selected, WatchState watch) {
        ServiceSpecResolver resolver = new ServiceSpecResolver(root, environment);
        List<ConfigurationProblem> problems = new ArrayList<>();
        Map<String, ServiceSpec> specs = new HashMap<>();
        try {
            resolver.resolveDeclared(declared, reactor).forEach(s -> specs.put(s.name(), s));
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
            for (DeclaredService d : declared) {
                if (d.definition() == null) {
                    continue;
                }
                try {
                    // partial: alone, a <dependsOn> names services it cannot see
                    resolver.partial().resolveDeclared(List.of(d), reactor).forEach(s -> specs.putIfAbsent(s.name(), s));
                } catch (InvalidConfigurationException alone) {
                    // its problems are among those of the whole configuration
                }
            }
        }
        List<DoctorService> services = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            ServiceDefinition d = declared.get(i).definition();
            if (d == null) {
                continue;
            }
            String name = d.getName() == null || d.getName().isBlank() ? "#" + (i + 1) : d.getName().trim();
            Preset preset = d.getPreset() == null ? Preset.EXEC : Preset.of(d.getPreset()).orElse(null);
            Map<String, String> env = new HashMap<>(environment);
            if (d.getEnvironment() != null) {
                d.getEnvironment().forEach((k, v) -> {
                    if (k != null) {
                        env.put(k, v == null ? "" : v);
                    }
                });
            }
            services.add(new DoctorService(name, preset, d, specs.get(name), declared.get(i).baseDirectory(), env));
        }
        if (!selected.isEmpty()) {
            List<String> known = services.stream().map(DoctorService::name).toList();
            List<String> unknown = selected.stream().filter(n -> !known.contains(n)).toList();
            if (!unknown.isEmpty()) {
                problems.add(new ConfigurationProblem(null, "services",
                        "-Dhotreload.services names " + String.join(", ", unknown) + ", which "
                                + (unknown.size() == 1 ? "is not a service" : "are not services") + " of this build.",
                        "use names from the <services> of its POMs: " + String.join(", ", known) + "."));
            }
            services.removeIf(s -> !selected.contains(s.name()));
        }
        return new Examination(services, problems, environment, watch);
    }
}
