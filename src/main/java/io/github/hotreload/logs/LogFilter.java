package io.github.hotreload.logs;

import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which log lines someone asked for: of these services, from these sources, matching this
 * pattern. An empty set means all of them, the session's own lines included; a named set of
 * services leaves the session's lines out. The same filter serves the log files' reader and the
 * in-memory hub, so that {@code logs} and {@code logs -f} show the same lines.
 *
 * @param services the services' names; empty for all
 * @param sources the sources; empty for all
 * @param grep found (not matched whole) in the line's {@link LogLine#plainText()}; null for any line
 */
public record LogFilter(Set<String> services, Set<LogLine.Source> sources, Pattern grep) {

    /** Every line. */
    public static final LogFilter ALL = new LogFilter(Set.of(), Set.of(), null);

    public LogFilter {
        services = services == null ? Set.of() : Set.copyOf(services);
        sources = sources == null ? Set.of() : Set.copyOf(sources);
    }

    /** The filter for these services ({@code services} may be a list, with repeats), sources and pattern. */
    public static LogFilter of(Collection<String> services, Collection<LogLine.Source> sources, Pattern grep) {
        return new LogFilter(services == null ? null : Set.copyOf(services),
                sources == null ? null : Set.copyOf(sources), grep);
    }

    public boolean accepts(LogLine line) {
        return acceptsService(line.service())
                && (sources.isEmpty() || sources.contains(line.source()))
                && (grep == null || grep.matcher(line.plainText()).find());
    }

    /** Whether lines of this service (null: the session) can pass. */
    public boolean acceptsService(String service) {
        return services.isEmpty() || service != null && services.contains(service);
    }
}
