package io.github.hotreload.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Ready-made defaults for a kind of service. Every value a preset sets can be overridden. */
public enum Preset {
    /** A Rust binary crate, rebuilt with {@code cargo build} as cargo-watch would. */
    CARGO,
    /** A Go main package, rebuilt with {@code go build} as air does with its default settings. */
    GO,
    /** A Java module of the reactor, compiled in Maven's JVM and run with {@code java}. */
    JAVA,
    /** Any build and run command; nothing is assumed. */
    EXEC;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Preset> of(String id) {
        return Arrays.stream(values())
                .filter(p -> p.id().equals(id.trim().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    public static String known() {
        return Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", "));
    }
}
