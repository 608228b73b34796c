package io.github.hotreload.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What happens when a service's process exits by itself. */
public enum RestartPolicy {
    /** Start it again, with backoff, when it exits with a code other than 0 or is killed. */
    ON_FAILURE,
    /** Start it again, with backoff, however it exits. */
    ALWAYS,
    /** Leave it stopped until the next change. */
    NEVER;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean restarts(int exitCode) {
        return switch (this) {
            case ON_FAILURE -> exitCode != 0;
            case ALWAYS -> true;
            case NEVER -> false;
        };
    }

    public static Optional<RestartPolicy> of(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String known() {
        return Arrays.stream(values()).map(RestartPolicy::id).collect(Collectors.joining(", "));
    }
}
