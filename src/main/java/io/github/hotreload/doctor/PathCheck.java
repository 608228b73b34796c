package io.github.hotreload.doctor;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.watch.PathFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -Dhotreload.path}: for every service, whether a change of that file would rebuild it,
 * and the rule that decided (an include, an extension, an exclude, an ignore file and its line,
 * the always-ignored list). The same decision the watch takes, from the same filter.
 */
public final class PathCheck implements DoctorCheck {

    private final Path path;

    /** @param path the file (or directory), absolute */
    public PathCheck(Path path) {
        this.path = real(path.toAbsolutePath().normalize());
    }

    /** The path with its existing part resolved as the services' directories are (symbolic links). */
    private static Path real(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p));
        } catch (java.io.IOException e) {
            return p;
        }
    }

    @Override
    public List<Finding> run(Examination project) {
        List<Finding> findings = new ArrayList<>();
        for (DoctorService service : project.services()) {
            ServiceSpec spec = service.spec();
            if (spec == null) {
                findings.add(Finding.note(service.name() + ": cannot tell whether " + path
                        + " counts: its configuration has problems"));
                continue;
            }
            PathFilter filter = treeOf(spec);
            if (filter == null) {
                findings.add(Finding.note(service.name() + ": " + path + " does not count: outside "
                        + spec.directory() + (spec.filters().size() > 1 ? " and the trees it is built from" : "")));
                continue;
            }
            PathFilter.Verdict verdict = Files.isDirectory(path) ? filter.explainDirectory(path) : filter.explain(path);
            String where = filter.root().equals(spec.directory()) ? "" : " (in " + filter.root() + ", which it is built from)";
            findings.add(Finding.note(service.name() + ": " + path + (verdict.counts()
                    ? (Files.isDirectory(path) ? " is watched" : " counts") : (Files.isDirectory(path)
                            ? " is not watched" : " does not count")) + where + ": " + verdict.reason()));
        }
        return findings;
    }

    /** The filter of the deepest watched tree that holds the path, or null. */
    private PathFilter treeOf(ServiceSpec spec) {
        PathFilter best = null;
        for (PathFilter f : spec.filters()) {
            if (path.startsWith(f.root()) && (best == null || f.root().getNameCount() > best.root().getNameCount())) {
                best = f;
            }
        }
        return best;
    }
}
