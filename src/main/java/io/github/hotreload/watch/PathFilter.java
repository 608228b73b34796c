package io.github.hotreload.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Decides which files of a service trigger a reload and which directories need watching at all.
 *
 * <p>A file triggers a reload when no exclude, ignored directory or editor-dropping rule names it
 * (or a directory above it), and it matches one of the includes or has one of the extensions.
 * With neither includes nor extensions, every file that is not excluded counts. With {@link
 * IgnoreRules}, a file or directory that the service's ignore files ({@code .gitignore}, {@code
 * .ignore}, ...) ignore does not count either, and an ignored directory is not watched; the ignore
 * files themselves count only when an include names them, since builds do not read them.
 *
 * <p>{@link #explain} says which rule decided for a file, in the words the user configured.
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

    /** Whether a file counts, and the rule that decided, for people. */
    public record Verdict(boolean counts, String reason) {}

    /** The rules that can decide, each with how it explains itself. */
    private enum Rule {
        OUTSIDE(false),
        SERVICE_DIRECTORY(false),
        BUILD_OUTPUT(false),
        ALWAYS_IGNORED(false),
        EXCLUDED(false),
        IGNORED(false),
        EDITOR_DROPPING(false),
        IGNORE_FILE(false),
        NOT_SELECTED(false),
        NOT_BELOW_INCLUDES(false),
        INCLUDED(true),
        EXTENSION(true),
        EVERY_FILE(true),
        WATCHED(true);

        final boolean counts;

        Rule(boolean counts) {
            this.counts = counts;
        }
    }

    /** A rule that decided, and what of it: the glob, pattern, name or extension. */
    private record Decision(Rule rule, Object detail) {
        boolean counts() {
            return rule.counts;
        }
    }

    private static final Decision OUTSIDE = new Decision(Rule.OUTSIDE, null);
    private static final Decision SERVICE_DIRECTORY = new Decision(Rule.SERVICE_DIRECTORY, null);
    private static final Decision BUILD_OUTPUT = new Decision(Rule.BUILD_OUTPUT, null);
    private static final Decision IGNORE_FILE = new Decision(Rule.IGNORE_FILE, null);
    private static final Decision NOT_SELECTED = new Decision(Rule.NOT_SELECTED, null);
    private static final Decision NOT_BELOW_INCLUDES = new Decision(Rule.NOT_BELOW_INCLUDES, null);
    private static final Decision EVERY_FILE = new Decision(Rule.EVERY_FILE, null);
    private static final Decision WATCHED = new Decision(Rule.WATCHED, null);

    private final Path root;
    private final List<GlobPattern> includes;
    private final List<String> extensionList;
    private final Set<String> extensions;
    private final List<GlobPattern> excludes;
    private final Set<Path> ignoredPaths;
    private final IgnoreRules ignoreRules;
    /** Directories found ignored by the ignore files: after the rules change, some may need a watch. */
    private final Set<Path> ignoredByRules = ConcurrentHashMap.newKeySet();

    /**
     * A filter without ignore files.
     *
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
        this(root, includes, extensions, excludes, ignoredPaths, null);
    }

    /**
     * A filter that honours ignore files too.
     *
     * @param ignoreRules the service's ignore files, or null to read none
     */
    public PathFilter(
            Path root,
            List<GlobPattern> includes,
            List<String> extensions,
            List<GlobPattern> excludes,
            Set<Path> ignoredPaths,
            IgnoreRules ignoreRules) {
        this.root = root;
        this.includes = List.copyOf(includes);
        this.extensionList = extensions.stream().map(e -> e.toLowerCase(Locale.ROOT)).distinct().toList();
        this.extensions = Set.copyOf(extensionList);
        this.excludes = List.copyOf(excludes);
        this.ignoredPaths = Set.copyOf(ignoredPaths);
        this.ignoreRules = ignoreRules;
    }

    /** The same filter, honouring {@code rules} (null: no ignore files) instead of its own. */
    public PathFilter withIgnoreRules(IgnoreRules rules) {
        return new PathFilter(root, includes, extensionList, excludes, ignoredPaths, rules);
    }

    public Path root() {
        return root;
    }

    /** The service's ignore files, or null when it reads none. */
    public IgnoreRules ignoreRules() {
        return ignoreRules;
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
        return decideFile(absolute).counts();
    }

    /** Whether a change of this file counts, as {@link #acceptsFile} decides, and which rule decided. */
    public Verdict explain(Path absolute) {
        return verdict(decideFile(absolute));
    }

    /**
     * {@link #acceptsFile} for a file whose directory is known to be accepted, as in a walk that
     * skipped the others: only the file's own name and path are checked.
     *
     * @param rel the file's path relative to the root, with {@code /}
     */
    boolean acceptsFileIn(String rel, Path absolute) {
        return decideFileIn(rel, absolute).counts();
    }

    /**
     * Whether this directory must be watched: it is not ignored or excluded and a file that counts
     * could appear below it.
     */
    public boolean acceptsDirectory(Path absolute) {
        return decideDirectory(absolute).counts();
    }

    /** Whether this directory is watched, as {@link #acceptsDirectory} decides, and which rule decided. */
    public Verdict explainDirectory(Path absolute) {
        return verdict(decideDirectory(absolute));
    }

    /**
     * Takes note that {@code file} was created, changed or deleted: when it is an ignore file, the
     * rules follow from now on. Returns whether it was one.
     */
    public boolean ignoreFileChanged(Path file) {
        return ignoreRules != null && ignoreRules.changed(file);
    }

    /** For a watch by polling: re-reads the ignore files that changed on disk; whether any did. */
    public boolean refreshIgnoreFiles() {
        return ignoreRules != null && ignoreRules.refresh();
    }

    /**
     * The directories that the ignore files ruled out when they were looked at and that are to be
     * watched now that the rules changed.
     */
    public List<Path> reincludedDirectories() {
        List<Path> now = new ArrayList<>();
        for (Path dir : List.copyOf(ignoredByRules)) {
            ignoredByRules.remove(dir);
            if (Files.isDirectory(dir) && acceptsDirectory(dir)) {
                now.add(dir);
            }
        }
        return now;
    }

    private Decision decideFile(Path absolute) {
        String rel = relative(absolute);
        if (rel == null) {
            return OUTSIDE;
        }
        if (rel.isEmpty()) {
            return SERVICE_DIRECTORY;
        }
        int slash = rel.lastIndexOf('/');
        if (slash > 0) {
            Decision tree = decideTree(rel.substring(0, slash), absolute.getParent());
            if (tree != null) {
                return tree;
            }
        }
        return decideFileIn(rel, absolute);
    }

    private Decision decideFileIn(String rel, Path absolute) {
        if (!ignoredPaths.isEmpty() && ignoredPaths.contains(absolute)) {
            return BUILD_OUTPUT;
        }
        int slash = rel.lastIndexOf('/');
        String name = slash < 0 ? rel : rel.substring(slash + 1);
        String dropping = editorDropping(name);
        if (dropping != null) {
            return new Decision(Rule.EDITOR_DROPPING, dropping);
        }
        for (GlobPattern exclude : excludes) {
            if (exclude.matches(rel, false)) {
                return new Decision(Rule.EXCLUDED, exclude);
            }
        }
        boolean ignoreFile = false;
        if (ignoreRules != null) {
            IgnorePattern ignoring = ignoreRules.ignoringFile(absolute);
            if (ignoring != null) {
                return new Decision(Rule.IGNORED, ignoring);
            }
            ignoreFile = ignoreRules.isIgnoreFile(name);
        }
        for (GlobPattern include : includes) {
            if (include.matches(rel, false)) {
                return new Decision(Rule.INCLUDED, include);
            }
        }
        if (ignoreFile) {
            return IGNORE_FILE;
        }
        if (includes.isEmpty() && extensions.isEmpty()) {
            return EVERY_FILE;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : null;
        return extension != null && extensions.contains(extension)
                ? new Decision(Rule.EXTENSION, extension)
                : NOT_SELECTED;
    }

    private Decision decideDirectory(Path absolute) {
        String rel = relative(absolute);
        if (rel == null) {
            return OUTSIDE;
        }
        if (rel.isEmpty()) {
            return WATCHED;
        }
        Decision tree = decideTree(rel, absolute);
        if (tree != null) {
            if (tree.rule() == Rule.IGNORED) {
                ignoredByRules.add(absolute);
            }
            return tree;
        }
        if (includes.isEmpty() || !extensions.isEmpty()) {
            return WATCHED;
        }
        for (GlobPattern include : includes) {
            if (include.couldMatchBelow(rel)) {
                return new Decision(Rule.WATCHED, include);
            }
        }
        return NOT_BELOW_INCLUDES;
    }

    /** {@link #EDITOR_DROPPINGS}, tested without regular expressions: this runs for every file of a walk. */
    static boolean isEditorDropping(String name) {
        return editorDropping(name) != null;
    }

    /** The entry of {@link #EDITOR_DROPPINGS} that names this file; null for none. */
    static String editorDropping(String name) {
        if (name.endsWith("~")) {
            return "*~";
        }
        if (name.startsWith(".#")) {
            return ".#*";
        }
        if (name.equals("4913") || name.equals(".DS_Store")) {
            return name;
        }
        if (name.startsWith(".goutputstream-")) {
            return ".goutputstream-*";
        }
        if (name.startsWith("#") && name.endsWith("#") && name.length() > 1) {
            return "#*#";
        }
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            switch (name.substring(dot + 1)) {
                case "swp", "swo", "swx", "swpx", "tmp", "crswap", "kate-swp" -> {
                    return "*" + name.substring(dot);
                }
                default -> {
                    // not a dropping's extension
                }
            }
        }
        if (name.endsWith("___jb_tmp___")) {
            return "*___jb_tmp___";
        }
        return name.endsWith("___jb_old___") ? "*___jb_old___" : null;
    }

    /** Null when neither this directory nor one above it is ignored or excluded; else the rule that rules it out. */
    private Decision decideTree(String rel, Path absolute) {
        Path dir = absolute;
        String r = rel;
        while (r != null && !r.isEmpty()) {
            if (ignoredPaths.contains(dir)) {
                return BUILD_OUTPUT;
            }
            int slash = r.lastIndexOf('/');
            String name = slash < 0 ? r : r.substring(slash + 1);
            if (IGNORED_NAMES.contains(name)) {
                return new Decision(Rule.ALWAYS_IGNORED, name);
            }
            for (GlobPattern exclude : excludes) {
                if (exclude.matchesTree(r) || exclude.matches(r, true)) {
                    return new Decision(Rule.EXCLUDED, exclude);
                }
            }
            r = slash < 0 ? null : r.substring(0, slash);
            dir = dir.getParent();
        }
        IgnorePattern ignoring = ignoreRules == null ? null : ignoreRules.ignoringDirectory(absolute);
        return ignoring == null ? null : new Decision(Rule.IGNORED, ignoring);
    }

    private Verdict verdict(Decision d) {
        String reason = switch (d.rule()) {
            case OUTSIDE -> "outside the service directory";
            case SERVICE_DIRECTORY -> "the service directory itself";
            case BUILD_OUTPUT -> "build output of the service";
            case ALWAYS_IGNORED -> "always-ignored directory \"" + d.detail() + "\"";
            case EXCLUDED -> "excluded by <excludes> \"" + d.detail() + "\"";
            case IGNORED -> "ignored by " + ((IgnorePattern) d.detail()).describe();
            case EDITOR_DROPPING -> "editor's temporary file (\"" + d.detail() + "\")";
            case IGNORE_FILE -> "an ignore file: it changes which files count, and no <includes> selects it";
            case NOT_SELECTED -> "not selected: " + unselected();
            case NOT_BELOW_INCLUDES -> "not watched: no file below it can match <includes> (" + globs(includes) + ")";
            case INCLUDED -> "selected by <includes> \"" + d.detail() + "\"";
            case EXTENSION -> "selected by <extensions> \"" + d.detail() + "\"";
            case EVERY_FILE -> "every file counts: neither <includes> nor <extensions> are set";
            case WATCHED -> d.detail() == null ? "watched" : "watched: files below it can match <includes> \"" + d.detail() + "\"";
        };
        return new Verdict(d.counts(), reason);
    }

    private String unselected() {
        String inc = "matches no <includes> (" + globs(includes) + ")";
        String ext = "no <extensions> (" + String.join(", ", extensionList) + ")";
        if (extensionList.isEmpty()) {
            return inc;
        }
        return includes.isEmpty() ? "matches " + ext : inc + " and " + ext;
    }

    private static String globs(List<GlobPattern> globs) {
        return globs.stream().map(GlobPattern::glob).collect(Collectors.joining(", "));
    }
}
