package io.github.hotreload.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code <dependsOn>} means for a set of services: which must be ready before which
 * starts, which are pulled in by a selection, and the order of stopping (dependents first).
 */
public final class StartOrder {

    private StartOrder() {}

    /**
     * Refuses names that are no service and dependency cycles, one problem each; with
     * {@code partial} (only some of the build's services are known), unknown names pass.
     */
    static void check(List<ServiceSpec> specs, List<ConfigurationProblem> problems, boolean partial) {
        Map<String, ServiceSpec> byName = byName(specs);
        boolean unknown = false;
        for (ServiceSpec spec : specs) {
            for (String dep : spec.dependsOn()) {
                if (!byName.containsKey(dep) && !partial) {
                    unknown = true;
                    problems.add(new ConfigurationProblem(spec.name(), "dependsOn",
                            "names '" + dep + "', which is not a service of this build.",
                            "use the <name> of a service: " + String.join(", ", byName.keySet()) + "."));
                }
            }
        }
        if (unknown) {
            return;
        }
        List<String> cycle = findCycle(byName);
        if (cycle != null) {
            problems.add(new ConfigurationProblem(cycle.get(0), "dependsOn",
                    "makes a cycle: " + String.join(" -> ", cycle) + ", so none of them could start first.",
                    "remove one of these dependencies; a service that only needs another at some point "
                            + "(not to start) should retry its connection instead."));
        }
    }

    /** A cycle as the names along it, its first name repeated at the end; null when there is none. */
    private static List<String> findCycle(Map<String, ServiceSpec> byName) {
        Map<String, Integer> state = new LinkedHashMap<>(); // 1: on the path, 2: done
        for (String start : byName.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = visit(start, byName, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        return null;
    }

    private static List<String> visit(String name, Map<String, ServiceSpec> byName, Map<String, Integer> state,
            List<String> path) {
        Integer s = state.get(name);
        if (s != null && s == 2) {
            return null;
        }
        if (s != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            return cycle;
        }
        state.put(name, 1);
        path.add(name);
        for (String dep : byName.get(name).dependsOn()) {
            if (!byName.containsKey(dep)) {
                continue;
            }
            List<String> cycle = visit(dep, byName, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
        return null;
    }

    /**
     * The services of {@code selected} and, before them, every service they depend on, directly or
     * not, in the order of {@code all}; the names added are put in {@code added}.
     */
    public static List<ServiceSpec> withDependencies(List<ServiceSpec> selected, List<ServiceSpec> all,
            Set<String> added) {
        Map<String, ServiceSpec> byName = byName(all);
        Set<String> wanted = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(selected.stream().map(ServiceSpec::name).toList());
        while (!todo.isEmpty()) {
            String n = todo.remove(todo.size() - 1);
            if (wanted.add(n)) {
                ServiceSpec spec = byName.get(n);
                if (spec != null) {
                    todo.addAll(spec.dependsOn());
                }
            }
        }
        List<ServiceSpec> result = new ArrayList<>();
        for (ServiceSpec spec : all) {
            if (wanted.contains(spec.name())) {
                result.add(spec);
                if (!selected.contains(spec)) {
                    added.add(spec.name());
                }
            }
        }
        return List.copyOf(result);
    }

    /**
     * The services in waves for stopping: each wave holds the services that no service of a later
     * wave depends on, so dependents stop before what they depend on. Dependencies on services
     * outside {@code specs} are ignored.
     */
    public static List<List<String>> stopWaves(List<ServiceSpec> specs) {
        Map<String, ServiceSpec> byName = byName(specs);
        Set<String> left = new LinkedHashSet<>(byName.keySet());
        List<List<String>> waves = new ArrayList<>();
        while (!left.isEmpty()) {
            List<String> wave = new ArrayList<>();
            for (String n : left) {
                boolean needed = false;
                for (String other : left) {
                    if (byName.get(other).dependsOn().contains(n)) {
                        needed = true;
                        break;
                    }
                }
                if (!needed) {
                    wave.add(n);
                }
            }
            if (wave.isEmpty()) {
                wave.addAll(left); // a cycle, refused by the resolver; stop the rest together
            }
            waves.add(List.copyOf(wave));
            wave.forEach(left::remove);
        }
        return List.copyOf(waves);
    }

    private static Map<String, ServiceSpec> byName(List<ServiceSpec> specs) {
        Map<String, ServiceSpec> byName = new LinkedHashMap<>();
        for (ServiceSpec spec : specs) {
            byName.put(spec.name(), spec);
        }
        return byName;
    }
}
