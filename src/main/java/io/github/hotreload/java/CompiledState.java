package io.github.hotreload.java;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the last successful compiles left in the output directory: per source, the API digest of
 * each of its top-level types and the files it produced. The digests tell whether an edit
 * changed what other sources see; the files tell what to remove when a source, a nested class or
 * an anonymous class goes away.
 */
final class CompiledState {

    private final Map<Path, Map<String, String>> digests = new HashMap<>();
    private final Map<Path, Set<Path>> outputs = new HashMap<>();
    /** Files from annotation processors and generated sources, replaced by each full compile. */
    private final Set<Path> generated = new HashSet<>();
    /** Files of deleted sources, removed by the next successful full compile. */
    private final Set<Path> orphans = new HashSet<>();
    private boolean known;

    /** Whether a compile has succeeded, so that there is something to compare with. */
    boolean known() {
        return known;
    }

    /**
     * The first type whose API differs in {@code newDigests} from what was recorded for the same
     * sources, or {@code null}. A type that went from its source counts; a new type does not,
     * since nothing compiled before can refer to it.
     */
    String changedType(Map<Path, Map<String, String>> newDigests, Collection<Path> sources) {
        for (Path source : new TreeSet<>(sources)) {
            Map<String, String> now = newDigests.getOrDefault(source, Map.of());
            for (Map.Entry<String, String> before : digests.getOrDefault(source, Map.of()).entrySet()) {
                if (!before.getValue().equals(now.get(before.getKey()))) {
                    return before.getKey();
                }
            }
        }
        return null;
    }

    /** Like {@link #changedType} over every source recorded; before the first success, anything counts. */
    boolean apiChanged(Map<Path, Map<String, String>> newDigests) {
        if (!known) {
            return true;
        }
        Set<Path> all = new HashSet<>(digests.keySet());
        return changedType(newDigests, all) != null;
    }

    /** The sources recorded at {@code path} or under it, when it was a directory. */
    List<Path> sourcesUnder(Path path) {
        Set<Path> sources = new TreeSet<>(digests.keySet());
        sources.addAll(outputs.keySet());
        return sources.stream().filter(source -> source.startsWith(path)).toList();
    }

    /**
     * Forgets a deleted source, keeping its files for removal by the next full compile that
     * succeeds; until then the running service may still load them. Files produced before this
     * state knew of them are guessed from the source's name: {@code Foo.class}, {@code Foo$*.class}.
     */
    void forget(Path source, Path relativeToRoot, Path outputDirectory) throws IOException {
        digests.remove(source);
        Set<Path> files = outputs.remove(source);
        if (files != null) {
            orphans.addAll(files);
        }
        String name = relativeToRoot.getFileName().toString().replaceFirst("\\.java$", "");
        Path parent = relativeToRoot.getParent();
        Path dir = parent == null ? outputDirectory : outputDirectory.resolve(parent.toString());
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> classes = Files.newDirectoryStream(dir, name + "{,$*}.class")) {
                classes.forEach(c -> orphans.add(SourceFiles.normal(c)));
            }
        }
    }

    /**
     * Records a successful full compile in place of everything before; returns the files that
     * were produced before and are not produced now.
     */
    Set<Path> replaceAll(Map<Path, Map<String, String>> newDigests, List<StagedFile> staged) {
        Set<Path> stale = new HashSet<>(orphans);
        outputs.values().forEach(stale::addAll);
        stale.addAll(generated);
        digests.clear();
        outputs.clear();
        generated.clear();
        orphans.clear();
        record(newDigests, staged);
        staged.forEach(f -> stale.remove(f.target()));
        known = true;
        return stale;
    }

    /**
     * Records a successful compile of {@code sources}; returns the files those sources produced
     * before and do not produce now.
     */
    Set<Path> replace(Collection<Path> sources, Map<Path, Map<String, String>> newDigests, List<StagedFile> staged) {
        Set<Path> stale = new HashSet<>();
        for (Path source : sources) {
            digests.remove(source);
            Set<Path> before = outputs.remove(source);
            if (before != null) {
                stale.addAll(before);
            }
        }
        record(newDigests, staged);
        staged.forEach(f -> {
            stale.remove(f.target());
            orphans.remove(f.target());
        });
        return stale;
    }

    private void record(Map<Path, Map<String, String>> newDigests, List<StagedFile> staged) {
        newDigests.forEach((source, types) -> digests.put(source, Map.copyOf(types)));
        for (StagedFile file : staged) {
            if (file.origin() == null) {
                generated.add(file.target());
            } else {
                outputs.computeIfAbsent(file.origin(), s -> new HashSet<>()).add(file.target());
            }
        }
    }
}
