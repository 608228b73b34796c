package io.github.hotreload.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Notices a build that triggers itself: it writes files that the service watches, with other
 * content each time (a timestamp, a build number), so every build starts the next. The sign is a
 * run of builds, each caused only by files that changed while the one before it ran. A user who
 * edits during a long build can cause the same run, so this only warns; it changes nothing.
 */
final class BuildLoopDetector {

    /** Builds in a row, each caused only by changes during the previous one, that make a loop. */
    static final int BUILDS_IN_A_ROW = 3;
    /** File events of a build's last writes may arrive a little after it exits. */
    private static final long GRACE_NANOS = 200_000_000L;

    private long buildStart;
    private long buildEnd = -1;
    private int inARow;

    /** Records the time span of the build that just ran, in nanoTime. */
    void buildRan(long start, long end) {
        buildStart = start;
        buildEnd = end;
    }

    /** Whether a change seen at {@code nanos} happened while the last build ran. */
    boolean duringLastBuild(long nanos) {
        return buildEnd >= 0 && nanos >= buildStart && nanos <= buildEnd + GRACE_NANOS;
    }

    /**
     * Takes the changes that cause the next build, {@code outside} those that were (also) seen
     * while no build ran, and returns the warning to print when they complete a loop, else null.
     */
    String next(Set<Path> changed, Set<Path> outside, boolean forced, Path directory, String service) {
        boolean selfCaused = !forced && !changed.isEmpty() && outside.stream().noneMatch(changed::contains);
        inARow = selfCaused ? inARow + 1 : 0;
        if (inARow != BUILDS_IN_A_ROW) {
            return null;
        }
        List<String> files = new ArrayList<>();
        Set<String> excludes = new LinkedHashSet<>();
        for (Path p : changed) {
            Path rel = directory.relativize(p);
            String slashed = rel.toString().replace('\\', '/');
            if (files.size() < 3) {
                files.add(slashed);
            }
            excludes.add(rel.getNameCount() > 1 ? "<exclude>/" + rel.getName(0) + "/</exclude>" : "<exclude>/" + slashed + "</exclude>");
        }
        String more = changed.size() > files.size() ? " and " + (changed.size() - files.size()) + " more" : "";
        return "the build seems to trigger itself: " + String.join(", ", files) + more + " changed while each of the last "
                + BUILDS_IN_A_ROW + " builds ran, and nothing else did. If the build writes them, add "
                + String.join(" ", excludes.stream().limit(3).toList()) + " to the <excludes> of service '" + service
                + "' (or let the build leave files alone when their content is the same).";
    }
}
