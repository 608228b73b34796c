package io.github.hotreload.watch;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which files of a service trigger a reload and which directories need watching at all.
 *
 * <p>A file triggers a reload when no exclude, ignored directory or editor-dropping rule names it
 * (or a directory above it), and it matches one of the includes or has one of the extensions.
 * With neither includes nor extensions, every file that is not excluded counts.
 */
public final class PathFilter {

    /** Directories never watched: version control, IDE state, dependency and build output trees. */
    public static final List<String> IGNORED_DIRECTORIES = List.of(
            ".git", ".hg", ".svn", ".bzr", ".jj", ".idea", ".vscode", "node_modules", "target", "__pycache__",
            ".direnv", ".hotreload");

    /** Files that editors write beside the real ones while saving. */
    public static final List<String> EDITOR_DROPPINGS = List.of(
            "*.swp", "*.swo", "*.swx", "*.swpx", "*~", ".#*", "#*#", "4913", ".DS_Store", "*.tmp",
            "*___jb_tmp___", "*___jb_old___", ".goutputstream-*", "*.crswap", "*.kate-swp");

    private static final Set<String> IGNORED_NAMES = Set.copyOf(IGNORED_DIRECTORIES);

    private final Path root;
    private final List<GlobPattern> includes;
    private final Set<String> extensions;
    private final List<GlobPattern> excludes;
    private final Set<Path> ignoredPaths;

    /**
     * @param root the service directory, absolute and normalized
     * @param includes globs that select files
     * @param extensions extensions (without dot) that select files
     * @param excludes globs that exclude files and directory trees
     * @param ignoredPaths absolute paths (files or directories) never watched: the build output
     */
    public PathFilter(
            Path root,
            List<GlobPattern> includes,
            List<String> extensions,
            List<GlobPattern> excludes,
            Set<Path> ignoredPaths) {
        this.root = root;
        this.includes = List.copyOf(includes);
        this.extensions = extensions.stream()
                .map(e -> e.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.excludes = List.copyOf(excludes);
        this.ignoredPaths = Set.copyOf(ignoredPaths);
    }

    public Path root() {
        return root;
    }

    /** The path of {@code absolute} relative to the root, with {@code /}; null when outside. */
    public String relative(Path absolute) {
        if (!absolute.startsWith(root)) {
            return null;
        }
        String rel = root.relativize(absolute).toString();
        return rel.replace('\\', '/');
    }

    /** Whether a change of this file should rebuild the service. */
    public boolean acceptsFile(Path absolute) {
        String rel = relative(absolute);
        if (rel == null || rel.isEmpty()) {
            return false;
        }
        int slash = rel.lastIndexOf('/');
        if (slash > 0 && !acceptsDirectoryTree(rel.substring(0, slash), absolute.getParent())) {
            return false;
        }
        return acceptsFileIn(rel, absolute);
    }

    /**
     * {@link #acceptsFile} for a file whose directory is known to be accepted, as in a walk that
     * skipped the others: only the file's own name and path are checked.
     *
     * @param rel the file's path relative to the root, with {@code /}
     */
    boolean acceptsFileIn(String rel, Path absolute) {
        if (!ignoredPaths.isEmpty() && ignoredPaths.contains(absolute)) {
            return false;
        }
        int slash = rel.lastIndexOf('/');
        String name = slash < 0 ? rel : rel.substring(slash + 1);
        if (isEditorDropping(name)) {
            return false;
        }
        for (GlobPattern exclude : excludes) {
            if (exclude.matches(rel, false)) {
                return false;
            }
        }
        if (includes.isEmpty() && extensions.isEmpty()) {
            return true;
        }
        for (GlobPattern include : includes) {
            if (include.matches(rel, false)) {
                return true;
            }
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 && extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** {@link #EDITOR_DROPPINGS}, tested without regular expressions: this runs for every file of a walk. */
    static boolean isEditorDropping(String name) {
        if (name.endsWith("~") || name.startsWith(".#") || name.equals("4913") || name.equals(".DS_Store")
                || name.startsWith(".goutputstream-") || (name.startsWith("#") && name.endsWith("#") && name.length() > 1)) {
            return true;
        }
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            switch (name.substring(dot + 1)) {
                case "swp", "swo", "swx", "swpx", "tmp", "crswap", "kate-swp" -> {
                    return true;
                }
                default -> {
                    // not a dropping's extension
                }
            }
        }
        return name.endsWith("___jb_tmp___") || name.endsWith("___jb_old___");
    }

    /**
     * Whether this directory must be watched: it is not ignored or excluded and a file that counts
     * could appear below it.
     */
    public boolean acceptsDirectory(Path absolute) {
        String rel = relative(absolute);
        if (rel == null) {
            return false;
        }
        if (rel.isEmpty()) {
            return true;
        }
        if (!acceptsDirectoryTree(rel, absolute)) {
            return false;
        }
        if (includes.isEmpty() || !extensions.isEmpty()) {
            return true;
        }
        for (GlobPattern include : includes) {
            if (include.couldMatchBelow(rel)) {
                return true;
            }
        }
        return false;
    }

    /** Whether neither this directory nor one above it is ignored or excluded. */
    private boolean acceptsDirectoryTree(String rel, Path absolute) {
        Path dir = absolute;
        String r = rel;
        while (r != null && !r.isEmpty()) {
            if (ignoredPaths.contains(dir)) {
                return false;
            }
            int slash = r.lastIndexOf('/');
            String name = slash < 0 ? r : r.substring(slash + 1);
            if (IGNORED_NAMES.contains(name)) {
                return false;
            }
            for (GlobPattern exclude : excludes) {
                if (exclude.matchesTree(r) || exclude.matches(r, true)) {
                    return false;
                }
            }
            r = slash < 0 ? null : r.substring(0, slash);
            dir = dir.getParent();
        }
        return true;
    }
}
