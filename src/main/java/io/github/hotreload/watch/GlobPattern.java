package io.github.hotreload.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A glob in the syntax of {@code .gitignore}, matched against paths relative to a service
 * directory, with {@code /} as separator.
 *
 * <ul>
 *   <li>{@code *} matches within one path segment, {@code ?} one character, {@code [a-z]} a class
 *       ({@code [!a]} negated), {@code {a,b}} either alternative.
 *   <li>{@code **} matches any number of segments: {@code src/**}{@code /*.rs} matches {@code
 *       src/main.rs} and {@code src/a/b.rs}.
 *   <li>A glob without a {@code /} (other than a trailing one) matches a name at any depth: {@code
 *       *.swp} matches {@code a/b/.x.swp}. A glob with one is anchored at the service directory;
 *       a leading {@code /} only anchors.
 *   <li>A trailing {@code /} matches directories only.
 * </ul>
 */
public final class GlobPattern {

    private final String glob;
    private final Pattern regex;
    /** For a glob ending in {@code /**}: matches the directory whose whole tree it names. */
    private final Pattern treeRegex;
    private final boolean directoryOnly;
    /** For an anchored glob: one regex per directory segment, {@code null} for {@code **}. */
    private final List<Pattern> directorySegments;

    private GlobPattern(
            String glob, Pattern regex, Pattern treeRegex, boolean directoryOnly, List<Pattern> directorySegments) {
        this.glob = glob;
        this.regex = regex;
        this.treeRegex = treeRegex;
        this.directoryOnly = directoryOnly;
        this.directorySegments = directorySegments;
    }

    /** Thrown for a glob that cannot be parsed. */
    public static final class SyntaxException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        SyntaxException(String glob, String reason) {
            super("glob '" + glob + "' cannot be parsed: " + reason);
        }
    }

    public static GlobPattern compile(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new SyntaxException(String.valueOf(glob), "it is empty");
        }
        String g = glob.trim().replace('\\', '/');
        // a backslash is a separator on Windows; globs use '/' only, escapes are not supported
        boolean directoryOnly = g.endsWith("/");
        while (g.endsWith("/") && g.length() > 1) {
            g = g.substring(0, g.length() - 1);
        }
        boolean anchored = g.startsWith("/") || g.contains("/");
        if (g.startsWith("/")) {
            g = g.substring(1);
        }
        if (g.isEmpty() || g.equals("/")) {
            throw new SyntaxException(glob, "it names no file");
        }
        String unanchoredPrefix = anchored ? "" : "(?:.*/)?";
        Pattern regex = Pattern.compile(unanchoredPrefix + translate(glob, g));
        Pattern treeRegex = null;
        if (g.endsWith("/**") && g.length() > 3) {
            treeRegex = Pattern.compile(unanchoredPrefix + translate(glob, g.substring(0, g.length() - 3)));
        }
        List<Pattern> segments = null;
        if (anchored) {
            segments = new ArrayList<>();
            String[] parts = g.split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                segments.add(parts[i].equals("**") ? null : Pattern.compile(translate(glob, parts[i])));
            }
            if (parts[parts.length - 1].equals("**")) {
                segments.add(null);
            }
        }
        return new GlobPattern(glob, regex, treeRegex, directoryOnly, segments);
    }

    /** Whether the glob matches {@code relativePath} itself (not a path below it). */
    public boolean matches(String relativePath, boolean isDirectory) {
        if (directoryOnly && !isDirectory) {
            return false;
        }
        return regex.matcher(relativePath).matches();
    }

    /**
     * Whether the glob names {@code relativeDir} and everything below it: it matches the directory
     * itself, or ends in {@code /**} and its leading part matches the directory.
     */
    public boolean matchesTree(String relativeDir) {
        return regex.matcher(relativeDir).matches()
                || (treeRegex != null && treeRegex.matcher(relativeDir).matches());
    }

    /**
     * Whether a path below {@code relativeDir} could match. False only when the glob's leading
     * directory segments rule the directory out, so that it need not be watched.
     */
    public boolean couldMatchBelow(String relativeDir) {
        if (relativeDir.isEmpty() || directorySegments == null) {
            return true;
        }
        String[] dir = relativeDir.split("/");
        for (int i = 0; i < dir.length; i++) {
            if (i >= directorySegments.size()) {
                return false;
            }
            Pattern segment = directorySegments.get(i);
            if (segment == null) {
                return true;
            }
            if (!segment.matcher(dir[i]).matches()) {
                return false;
            }
        }
        return true;
    }

    public String glob() {
        return glob;
    }

    @Override
    public String toString() {
        return glob;
    }

    private static String translate(String original, String g) {
        StringBuilder re = new StringBuilder();
        int braces = 0;
        int i = 0;
        int n = g.length();
        while (i < n) {
            char c = g.charAt(i);
            switch (c) {
                case '*' -> {
                    boolean doubleStar = i + 1 < n && g.charAt(i + 1) == '*';
                    if (doubleStar) {
                        boolean atSegmentStart = i == 0 || g.charAt(i - 1) == '/';
                        int after = i + 2;
                        while (after < n && g.charAt(after) == '*') {
                            after++;
                        }
                        boolean atSegmentEnd = after == n || g.charAt(after) == '/';
                        if (!atSegmentStart || !atSegmentEnd) {
                            throw new SyntaxException(
                                    original, "'**' must be a whole path segment, as in 'src/**/x'");
                        }
                        if (after == n) {
                            re.append(".*");
                            i = after;
                        } else {
                            re.append("(?:.*/)?");
                            i = after + 1;
                        }
                    } else {
                        re.append("[^/]*");
                        i++;
                    }
                }
                case '?' -> {
                    re.append("[^/]");
                    i++;
                }
                case '[' -> {
                    int close = g.indexOf(']', i + 2);
                    if (close < 0) {
                        throw new SyntaxException(original, "'[' at position " + (i + 1) + " is never closed");
                    }
                    String cls = g.substring(i + 1, close);
                    if (cls.contains("/")) {
                        throw new SyntaxException(original, "a character class cannot contain '/'");
                    }
                    StringBuilder sb = new StringBuilder("[");
                    int j = 0;
                    if (cls.charAt(0) == '!' || cls.charAt(0) == '^') {
                        sb.append('^');
                        j = 1;
                    }
                    if (j >= cls.length()) {
                        throw new SyntaxException(original, "the character class '[" + cls + "]' is empty");
                    }
                    for (; j < cls.length(); j++) {
                        char k = cls.charAt(j);
                        if (k == '-' && j > 0 && j < cls.length() - 1) {
                            sb.append('-');
                        } else if (Character.isLetterOrDigit(k)) {
                            sb.append(k);
                        } else {
                            sb.append('\\').append(k);
                        }
                    }
                    sb.append(']');
                    try {
                        Pattern.compile(sb.toString());
                    } catch (RuntimeException e) {
                        throw new SyntaxException(original, "the character class '[" + cls + "]' is invalid");
                    }
                    re.append(sb);
                    i = close + 1;
                }
                case ']' -> throw new SyntaxException(original, "']' at position " + (i + 1) + " has no matching '['");
                case '{' -> {
                    braces++;
                    re.append("(?:");
                    i++;
                }
                case '}' -> {
                    if (braces == 0) {
                        throw new SyntaxException(original, "'}' at position " + (i + 1) + " has no matching '{'");
                    }
                    braces--;
                    re.append(')');
                    i++;
                }
                case ',' -> {
                    re.append(braces > 0 ? "|" : ",");
                    i++;
                }
                default -> {
                    re.append(Pattern.quote(String.valueOf(c)));
                    i++;
                }
            }
        }
        if (braces > 0) {
            throw new SyntaxException(original, "'{' is never closed");
        }
        return re.toString();
    }
}
