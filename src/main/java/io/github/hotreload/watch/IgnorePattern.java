package io.github.hotreload.watch;

/**
 * One line of an ignore file ({@code .gitignore}, {@code .ignore}, {@code info/exclude}, git's
 * global excludes file), parsed as git's {@code parse_path_pattern} does: a leading {@code !}
 * negates, a trailing {@code /} matches directories only, a pattern without any other {@code /}
 * matches a name at any depth below the file's directory, and one with a {@code /} at its start
 * or in its middle matches the path relative to that directory.
 *
 * @param source the file the pattern comes from, for explanations
 * @param line its line number, from 1
 * @param text the line as written, trailing spaces removed
 */
record IgnorePattern(String source, int line, String text, String glob, boolean negated, boolean directoryOnly,
        boolean basenameOnly, Kind kind, int literalPrefix, String wildPart) {

    /** How a pattern is matched: most need no wildcard matcher at all. */
    enum Kind {
        /** No wildcard: compare the whole text. */
        LITERAL,
        /** {@code *} followed by a literal, as {@code *.log}: compare the end. */
        ENDS_WITH,
        /** Anything else: git's wildmatch. */
        WILD
    }

    /** Parses a line; null for a comment, an empty line, or one that names nothing. */
    static IgnorePattern parse(String source, int line, String raw) {
        if (raw.isEmpty() || raw.charAt(0) == '#') {
            return null;
        }
        String text = trimTrailingSpaces(raw);
        String p = text;
        boolean negated = p.startsWith("!");
        if (negated) {
            p = p.substring(1);
        }
        boolean directoryOnly = p.endsWith("/");
        if (directoryOnly) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return null;
        }
        boolean basenameOnly = p.indexOf('/') < 0;
        if (p.startsWith("/")) {
            p = p.substring(1); // anchors only
        }
        if (p.isEmpty()) {
            return null;
        }
        Kind kind = Kind.WILD;
        if (simpleLength(p, 0) == p.length()) {
            kind = Kind.LITERAL;
        } else if (basenameOnly && p.charAt(0) == '*' && p.length() > 1 && simpleLength(p, 1) == p.length()) {
            kind = Kind.ENDS_WITH;
        }
        int prefix = simpleLength(p, 0);
        return new IgnorePattern(source, line, text, p, negated, directoryOnly, basenameOnly, kind, prefix,
                p.substring(prefix));
    }

    /** The length of the leading part without wildcards or escapes, from {@code from}. */
    private static int simpleLength(String p, int from) {
        int i = from;
        while (i < p.length() && "*?[\\".indexOf(p.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    /**
     * git's {@code trim_trailing_spaces}: trailing spaces go unless the last is escaped with a
     * backslash; tabs stay.
     */
    static String trimTrailingSpaces(String s) {
        int lastSpace = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                if (lastSpace < 0) {
                    lastSpace = i;
                }
            } else if (c == '\\') {
                i++;
                if (i >= s.length()) {
                    return s;
                }
                lastSpace = -1;
            } else {
                lastSpace = -1;
            }
        }
        return lastSpace < 0 ? s : s.substring(0, lastSpace);
    }

    /**
     * Whether the pattern matches a path.
     *
     * @param path the path relative to the repository (or the tree the rules are for)
     * @param nameStart where its last segment starts
     * @param baseLength the length of the directory that holds the pattern's file, relative to the
     *     same root, plus its trailing slash; 0 at the root
     * @param directory whether the path is a directory
     */
    boolean matches(String path, int nameStart, int baseLength, boolean directory) {
        if (directoryOnly && !directory) {
            return false;
        }
        int from = basenameOnly ? nameStart : baseLength;
        return switch (kind) {
            case LITERAL -> path.length() - from == glob.length() && path.startsWith(glob, from);
            case ENDS_WITH -> path.length() - from >= glob.length() - 1
                    && path.regionMatches(path.length() - glob.length() + 1, glob, 1, glob.length() - 1);
            case WILD -> basenameOnly
                    ? Wildmatch.matches(glob, path, from, false)
                    : matchesPathname(path, from);
        };
    }

    /**
     * git's {@code match_pathname}: the literal start of the pattern is compared first, and only
     * the rest goes to wildmatch, where a {@code **} right after that start counts as one at the
     * start of a segment ({@code a**}{@code /b} matches {@code a x/y/b}, as in git).
     */
    private boolean matchesPathname(String path, int from) {
        int prefix = literalPrefix;
        if (prefix > 0) {
            if (path.length() - from < prefix || !path.startsWith(glob.substring(0, prefix), from)) {
                return false;
            }
        }
        return Wildmatch.matches(wildPart, path, from + prefix, true);
    }

    /** How explanations name it: {@code /repo/.gitignore:3 "target/"}. */
    String describe() {
        return source + ":" + line + " \"" + text + "\"";
    }
}
