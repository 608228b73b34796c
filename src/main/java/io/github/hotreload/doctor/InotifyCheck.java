package io.github.hotreload.doctor;

import io.github.hotreload.watch.InotifyLimits;
import io.github.hotreload.watch.PathFilter;
import io.github.hotreload.watch.WatchedDirectories;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the watch fits in the system's inotify limits: the directories the services would
 * watch (each service's tree as its filter walks it) against {@code fs.inotify.max_user_watches},
 * and the watching services against {@code max_user_instances}. Over a limit is a problem, above
 * 80 % of one a note; both say how to raise it.
 */
public final class InotifyCheck implements DoctorCheck {

    private final long maxWatches;
    private final long maxInstances;

    /** @param maxWatches {@code max_user_watches}, -1 when unknown; @param maxInstances likewise */
    public InotifyCheck(long maxWatches, long maxInstances) {
        this.maxWatches = maxWatches;
        this.maxInstances = maxInstances;
    }

    /** With this system's limits. */
    public static InotifyCheck ofThisSystem() {
        return new InotifyCheck(InotifyLimits.read(InotifyLimits.WATCHES), InotifyLimits.read(InotifyLimits.INSTANCES));
    }

    @Override
    public List<Finding> run(Examination project) {
        List<String> counts = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long total = 0;
        int watching = 0;
        String largest = null;
        long most = -1;
        for (DoctorService s : project.services()) {
            if (s.spec() == null) {
                skipped.add(s.name() + ", whose configuration has problems");
                continue;
            }
            if (s.spec().poll() != null) {
                skipped.add(s.name() + ", which polls");
                continue;
            }
            long n = 0;
            try {
                for (PathFilter f : s.spec().filters()) {
                    n += WatchedDirectories.count(f);
                }
            } catch (IOException e) {
                skipped.add(s.name() + ", whose directory cannot be read (" + e.getMessage() + ")");
                continue;
            }
            watching++;
            total += n;
            counts.add(s.name() + " " + n);
            if (n > most) {
                most = n;
                largest = s.name();
            }
        }
        String detail = (counts.size() > 1 ? " (" + String.join(", ", counts) + ")" : "")
                + (skipped.isEmpty() ? "" : "; not counted: " + String.join("; ", skipped));
        if (watching == 0) {
            return List.of(Finding.note("inotify: nothing to count" + detail));
        }
        String dirs = total + (total == 1 ? " directory" : " directories") + " to watch";
        if (maxWatches < 0) {
            return List.of(Finding.note("inotify: " + dirs + detail + "; this system has no inotify limits to compare with"));
        }
        List<Finding> findings = new ArrayList<>();
        String poll = largest == null ? "" : " Or give the largest service (" + largest + ") a <poll> interval, "
                + "such as <poll>1s</poll>, to poll its files instead of watching them.";
        Finding watches = limit("inotify: " + dirs, detail, total, maxWatches, InotifyLimits.WATCHES,
                InotifyLimits.SUGGESTED_WATCHES, poll);
        Finding instances = limit("inotify: " + watching + (watching == 1 ? " service watches" : " services watch")
                + " with inotify", "", watching, maxInstances, InotifyLimits.INSTANCES, InotifyLimits.SUGGESTED_INSTANCES, "");
        if (watches == null && instances == null) {
            findings.add(Finding.ok("inotify: " + dirs + ", limit " + maxWatches + detail + "; " + watching + " of "
                    + (maxInstances < 0 ? "?" : maxInstances) + " inotify instances"));
        } else {
            for (Finding f : new Finding[] {watches, instances}) {
                if (f != null) {
                    findings.add(f);
                }
            }
        }
        return findings;
    }

    /** A problem over the limit, a note above 80 % of it, null below (or when the limit is unknown). */
    private static Finding limit(String text, String detail, long used, long max, String name, long suggested,
            String alternative) {
        if (max < 0) {
            return null;
        }
        String fix = InotifyLimits.raise(name, Math.max(suggested, used * 2), max) + "." + alternative;
        if (used > max) {
            return Finding.problem(text + ", more than the limit of " + max + " (fs.inotify." + name + ")" + detail, fix);
        }
        if (used * 10 > max * 8) {
            return Finding.note(text + ", " + (used * 100 / max) + " % of the limit of " + max + " (fs.inotify." + name
                    + "), which every program that watches files shares" + detail, fix);
        }
        return null;
    }
}
