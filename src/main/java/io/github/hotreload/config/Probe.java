package io.github.hotreload.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * How {@code hotreload:verify-reload} changes a service's file: it appends a line or replaces a
 * text, with {@code {token}} standing for a token unique to the run.
 *
 * @param file absolute path of the file
 * @param append the line to append, or null when replacing
 * @param replace the text to replace, or null when appending
 * @param with the replacement
 * @param expectUrl URL to check after the reload, or null
 * @param expectText text its response must contain
 */
public record Probe(Path file, String append, String replace, String with, URI expectUrl, String expectText) {

    public static final String TOKEN = "{token}";

    /** The file's content with the change applied. */
    public byte[] apply(byte[] original, String token) {
        String text = new String(original, StandardCharsets.UTF_8);
        String changed;
        if (replace != null) {
            if (!text.contains(replace)) {
                throw new IllegalStateException(file + " no longer contains '" + replace + "'");
            }
            changed = text.replace(replace, with.replace(TOKEN, token));
        } else {
            String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
            changed = text + separator + append.replace(TOKEN, token) + "\n";
        }
        return changed.getBytes(StandardCharsets.UTF_8);
    }

    /** The text the response must contain, for this token; null when there is no check. */
    public String expectedText(String token) {
        return expectText == null ? null : expectText.replace(TOKEN, token);
    }

    /** For people: {@code appends a line to src/main.rs}. */
    public String describe(Path serviceDirectory) {
        Path rel = serviceDirectory.relativize(file);
        return replace != null ? "replaces '" + replace + "' in " + rel : "appends a line to " + rel;
    }

    /** A comment line in the language of the file, for the default probes. */
    static String commentFor(String fileName) {
        String name = fileName.toLowerCase(java.util.Locale.ROOT);
        String text = "hotreload probe " + TOKEN;
        if (name.matches(".*\\.(py|rb|sh|bash|yaml|yml|toml|properties|pl|r|conf|cfg|ex|exs)$")) {
            return "# " + text;
        }
        if (name.matches(".*\\.(html?|xml|vue|svelte|md)$")) {
            return "<!-- " + text + " -->";
        }
        if (name.endsWith(".css")) {
            return "/* " + text + " */";
        }
        if (name.matches(".*\\.(sql|lua|hs)$")) {
            return "-- " + text;
        }
        return "// " + text;
    }
}
