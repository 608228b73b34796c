package io.github.hotreload.container;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What the plugin needs to know of a compose project, read from the output of {@code compose
 * config}: compose has merged the files, filled in variables and normalized the shapes, in the
 * same YAML for v1 and v2.
 */
public record ComposeModel(Map<String, Service> services) {

    /**
     * One compose service.
     *
     * @param buildContext the build context directory, or null when the service has no build
     * @param dockerfile the Dockerfile, or null when the service has no build
     * @param image the image, or null
     * @param hostNetwork whether it runs with {@code network_mode: host}
     * @param published the host ports it publishes
     * @param namedVolumes the named volumes it mounts
     * @param init its {@code init} setting, or null when it has none
     */
    public record Service(String name, Path buildContext, Path dockerfile, String image, boolean hostNetwork,
            Set<Integer> published, List<String> namedVolumes, Boolean init) {

        /** Whether a process in the container listening on {@code port} is reachable on the host's port. */
        public boolean reachableOn(int port) {
            return hostNetwork || published.contains(port);
        }
    }

    public ComposeModel {
        services = Map.copyOf(services);
    }

    /** Reads the normalized YAML of {@code compose config}; {@code projectDirectory} resolves relative build contexts. */
    @SuppressWarnings("unchecked")
    public static ComposeModel parse(String yaml, Path projectDirectory) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<String, Service> services = new LinkedHashMap<>();
        if (root instanceof Map<?, ?> top && top.get("services") instanceof Map<?, ?> all) {
            for (var e : all.entrySet()) {
                String name = String.valueOf(e.getKey());
                Map<String, Object> s = e.getValue() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                services.put(name, service(name, s, projectDirectory));
            }
        }
        return new ComposeModel(services);
    }

    private static Service service(String name, Map<String, Object> s, Path projectDirectory) {
        Path context = null;
        Path dockerfile = null;
        Object build = s.get("build");
        if (build instanceof String text) {
            context = projectDirectory.resolve(text).normalize();
        } else if (build instanceof Map<?, ?> b) {
            Object c = b.get("context");
            context = projectDirectory.resolve(c == null ? "." : String.valueOf(c)).normalize();
            Object f = b.get("dockerfile");
            if (f != null) {
                dockerfile = context.resolve(String.valueOf(f)).normalize();
            }
        }
        if (context != null && dockerfile == null) {
            dockerfile = context.resolve("Dockerfile");
        }
        Object image = s.get("image");
        boolean host = "host".equals(String.valueOf(s.get("network_mode")));
        Object init = s.get("init");
        return new Service(name, context, dockerfile, image == null ? null : String.valueOf(image), host,
                ports(s.get("ports")), volumes(s.get("volumes")),
                init == null ? null : Boolean.valueOf(String.valueOf(init)));
    }

    /** The published host ports, from the short ({@code "8080:80/tcp"}) or long ({@code published: 8080}) form. */
    static Set<Integer> ports(Object ports) {
        Set<Integer> found = new LinkedHashSet<>();
        if (!(ports instanceof List<?> list)) {
            return found;
        }
        for (Object p : list) {
            if (p instanceof Map<?, ?> m) {
                Object published = m.get("published");
                if (published != null) {
                    addRange(found, String.valueOf(published));
                }
            } else if (p != null) {
                String text = String.valueOf(p);
                int slash = text.indexOf('/');
                if (slash >= 0) {
                    text = text.substring(0, slash);
                }
                String[] parts = text.split(":");
                if (parts.length >= 2) {
                    addRange(found, parts[parts.length - 2]);
                }
            }
        }
        return found;
    }

    private static void addRange(Set<Integer> found, String text) {
        String t = text.strip();
        try {
            int dash = t.indexOf('-');
            if (dash > 0) {
                int from = Integer.parseInt(t.substring(0, dash));
                int to = Integer.parseInt(t.substring(dash + 1));
                for (int port = from; port <= to && port - from < 65536; port++) {
                    found.add(port);
                }
            } else if (!t.isEmpty()) {
                found.add(Integer.parseInt(t));
            }
        } catch (NumberFormatException e) {
            // a published port compose chooses itself: none known here
        }
    }

    /** The named volumes among the mounts, from the short ({@code "name:/path"}) or long form. */
    static List<String> volumes(Object volumes) {
        List<String> named = new ArrayList<>();
        if (!(volumes instanceof List<?> list)) {
            return named;
        }
        for (Object v : list) {
            if (v instanceof Map<?, ?> m) {
                if ("volume".equals(String.valueOf(m.get("type"))) && m.get("source") != null) {
                    named.add(String.valueOf(m.get("source")));
                }
            } else if (v != null) {
                String source = String.valueOf(v).split(":")[0];
                if (!source.isEmpty() && !source.startsWith("/") && !source.startsWith(".") && !source.startsWith("~")
                        && String.valueOf(v).contains(":")) {
                    named.add(source);
                }
            }
        }
        return named;
    }
}
