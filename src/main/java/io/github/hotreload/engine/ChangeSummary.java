package io.github.hotreload.engine;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;

/** Describes changed files in a few words: {@code src/main.rs}, {@code a.go, b.go and 3 more}. */
final class ChangeSummary {

    private ChangeSummary() {}

    static String describe(Collection<Path> relative) {
        if (relative.isEmpty()) {
            return "no file";
        }
        Iterator<Path> it = relative.iterator();
        String first = it.next().toString();
        if (relative.size() == 1) {
            return first;
        }
        String second = it.next().toString();
        if (relative.size() == 2) {
            return first + " and " + second;
        }
        return first + ", " + second + " and " + (relative.size() - 2) + " more";
    }
}
