package io.github.hotreload.watch;

/**
 * git's {@code wildmatch()} (wildmatch.c), the matcher behind {@code .gitignore}: {@code *},
 * {@code ?}, {@code [...]} classes with ranges, {@code !}/{@code ^} negation and {@code [:alpha:]}
 * names, backslash escapes, and, in path mode, {@code **} across directories. A port rather than a
 * translation to regular expressions, so that the corner cases behave as git's do.
 *
 * <p>It works on Java characters where git works on bytes: for names that are not ASCII, a
 * {@code ?} or a class matches one character where git matches one byte.
 */
final class Wildmatch {

    private static final int MATCH = 0;
    private static final int NO_MATCH = 1;
    private static final int ABORT_ALL = -1;
    private static final int ABORT_TO_STARSTAR = -2;

    private Wildmatch() {}

    /**
     * Whether {@code pattern} matches {@code text} from {@code from} to its end.
     *
     * @param pathname git's {@code WM_PATHNAME}: wildcards other than {@code **} stop at {@code /}
     */
    static boolean matches(String pattern, String text, int from, boolean pathname) {
        return dowild(pattern, 0, text, from, pathname) == MATCH;
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private static boolean isGlobSpecial(char c) {
        return c == '*' || c == '?' || c == '[' || c == '\\';
    }

    @SuppressWarnings("checkstyle:CyclomaticComplexity")
    private static int dowild(String pattern, int p, String text, int t, boolean pathname) {
        for (; p < pattern.length(); t++, p++) {
            char pCh = pattern.charAt(p);
            char tCh = at(text, t);
            if (t >= text.length() && pCh != '*') {
                return ABORT_ALL;
            }
            switch (pCh) {
                case '\\' -> {
                    p++;
                    if (p >= pattern.length() || tCh != pattern.charAt(p)) {
                        return NO_MATCH;
                    }
                }
                case '?' -> {
                    if (pathname && tCh == '/') {
                        return NO_MATCH;
                    }
                }
                case '*' -> {
                    boolean matchSlash;
                    if (at(pattern, ++p) == '*') {
                        int prev = p - 2;
                        while (at(pattern, ++p) == '*') {
                            // collapse a run of stars
                        }
                        char next = at(pattern, p);
                        if ((prev < 0 || pattern.charAt(prev) == '/')
                                && (p >= pattern.length() || next == '/' || (next == '\\' && at(pattern, p + 1) == '/'))) {
                            if (next == '/' && dowild(pattern, p + 1, text, t, pathname) == MATCH) {
                                return MATCH;
                            }
                            matchSlash = true;
                        } else {
                            matchSlash = false;
                        }
                    } else {
                        matchSlash = !pathname;
                    }
                    if (p >= pattern.length()) {
                        // a trailing ** matches everything; a trailing * only if no slash follows
                        if (!matchSlash && text.indexOf('/', t) >= 0) {
                            return ABORT_TO_STARSTAR;
                        }
                        return MATCH;
                    }
                    if (!matchSlash && pattern.charAt(p) == '/') {
                        // one star followed by a slash matches the rest of this directory's name
                        int slash = text.indexOf('/', t);
                        if (slash < 0) {
                            return ABORT_ALL;
                        }
                        t = slash; // the slash itself is matched by the loop
                        continue;
                    }
                    while (true) {
                        if (t >= text.length()) {
                            break;
                        }
                        char literal = pattern.charAt(p);
                        if (!isGlobSpecial(literal)) {
                            // skip ahead to the next occurrence of the literal that follows the star
                            while (t < text.length() && (matchSlash || text.charAt(t) != '/')
                                    && text.charAt(t) != literal) {
                                t++;
                            }
                            if (t >= text.length() || text.charAt(t) != literal) {
                                return matchSlash ? ABORT_ALL : ABORT_TO_STARSTAR;
                            }
                            tCh = literal;
                        }
                        int matched = dowild(pattern, p, text, t, pathname);
                        if (matched != NO_MATCH) {
                            if (!matchSlash || matched != ABORT_TO_STARSTAR) {
                                return matched;
                            }
                        } else if (!matchSlash && tCh == '/') {
                            return ABORT_TO_STARSTAR;
                        }
                        t++;
                        tCh = at(text, t);
                    }
                    return ABORT_ALL;
                }
                case '[' -> {
                    int end = matchClass(pattern, p, tCh);
                    if (end == ABORT_ALL) {
                        return ABORT_ALL;
                    }
                    if (end < 0 || (pathname && tCh == '/')) {
                        return NO_MATCH;
                    }
                    p = end;
                }
                default -> {
                    if (tCh != pCh) {
                        return NO_MATCH;
                    }
                }
            }
        }
        return t < text.length() ? NO_MATCH : MATCH;
    }

    /**
     * Matches {@code tCh} against the class that opens at {@code open}: the index of its closing
     * {@code ]} when it matches, {@code -(index + 10)} when it does not, {@link #ABORT_ALL} when
     * the class is malformed (git then matches nothing at all).
     */
    private static int matchClass(String pattern, int open, char tCh) {
        int p = open + 1;
        char pCh = at(pattern, p);
        if (pCh == '^') {
            pCh = '!';
        }
        boolean negated = pCh == '!';
        if (negated) {
            pCh = at(pattern, ++p);
        }
        char prevCh = 0;
        boolean matched = false;
        do {
            if (p >= pattern.length()) {
                return ABORT_ALL;
            }
            if (pCh == '\\') {
                if (++p >= pattern.length()) {
                    return ABORT_ALL;
                }
                pCh = pattern.charAt(p);
                if (tCh == pCh) {
                    matched = true;
                }
            } else if (pCh == '-' && prevCh != 0 && p + 1 < pattern.length() && pattern.charAt(p + 1) != ']') {
                pCh = pattern.charAt(++p);
                if (pCh == '\\') {
                    if (++p >= pattern.length()) {
                        return ABORT_ALL;
                    }
                    pCh = pattern.charAt(p);
                }
                if (tCh <= pCh && tCh >= prevCh) {
                    matched = true;
                }
                pCh = 0; // a range cannot start another range
            } else if (pCh == '[' && at(pattern, p + 1) == ':') {
                int s = p + 2;
                int q = s;
                while (q < pattern.length() && pattern.charAt(q) != ']') {
                    q++;
                }
                if (q >= pattern.length()) {
                    return ABORT_ALL;
                }
                if (q - s - 1 < 0 || pattern.charAt(q - 1) != ':') {
                    // no ":]": a plain '['
                    if (tCh == '[') {
                        matched = true;
                    }
                } else {
                    Boolean inClass = namedClass(pattern.substring(s, q - 1), tCh);
                    if (inClass == null) {
                        return ABORT_ALL;
                    }
                    matched |= inClass;
                    p = q;
                    pCh = 0;
                }
            } else if (tCh == pCh) {
                matched = true;
            }
            prevCh = pCh;
            pCh = at(pattern, ++p);
        } while (pCh != ']' || p >= pattern.length());
        return matched == negated ? -(p + 10) : p;
    }

    /** Whether {@code c} is in the POSIX class; null for a name that is none. */
    private static Boolean namedClass(String name, char c) {
        return switch (name) {
            case "alnum" -> isAsciiLetter(c) || isAsciiDigit(c);
            case "alpha" -> isAsciiLetter(c);
            case "blank" -> c == ' ' || c == '\t';
            case "cntrl" -> c < 32 || c == 127;
            case "digit" -> isAsciiDigit(c);
            case "graph" -> c > 32 && c < 127;
            case "lower" -> c >= 'a' && c <= 'z';
            case "print" -> c >= 32 && c < 127;
            case "punct" -> c > 32 && c < 127 && !isAsciiLetter(c) && !isAsciiDigit(c);
            case "space" -> c == ' ' || (c >= '\t' && c <= '\r');
            case "upper" -> c >= 'A' && c <= 'Z';
            case "xdigit" -> isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            default -> null;
        };
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
