package io.github.hotreload.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations users write in the POM: {@code 300} (milliseconds), {@code 300ms},
 * {@code 1.5s}, {@code 2m}.
 */
public final class DurationParser {

    private static final Pattern FORMAT =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min)?", Pattern.CASE_INSENSITIVE);

    private DurationParser() {}

    /**
     * @return the duration, or {@code null} when {@code text} is not a duration
     */
    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
        double millis =
                switch (unit) {
                    case "ms" -> value;
                    case "s" -> value * 1_000;
                    default -> value * 60_000;
                };
        if (millis > Long.MAX_VALUE / 2) {
            return null;
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** Formats a duration for people: {@code 840 ms}, {@code 1.9 s}, {@code 2 min 5 s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
    }
}
