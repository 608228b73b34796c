package io.github.hotreload.watch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ignore files of one service, with git's semantics: {@code .gitignore} files at every depth
 * of the repository that holds the service (those between the repository's top and the service's
 * directory too), the repository's {@code info/exclude}, git's global excludes file, and {@code
 * .ignore} files (as ripgrep and watchexec read them).
 *
 * <p>Precedence, as git's {@code last_matching_pattern} and ripgrep's {@code matched_ignore} have
 * it: every {@code .ignore} file (the deepest first), then every {@code .gitignore} (the deepest
 * first), then {@code info/exclude}, then the global file; within the first file that has a
 * matching pattern, the last such pattern decides, and a negated one ({@code !}) re-includes.
 * Nothing below an ignored directory can be re-included, and ignore files inside it are not read.
 * Outside a git repository only {@code .ignore} files count, from the service's directory down.
 *
 * <p>The service's directory and those above it are never ignored as a whole, even when a rule
 * above says so: a service was asked for. The rules above it still apply to what lies inside.
 *
 * <p>Parsed files and the state of each directory (ignored or not, and which files apply) are
 * cached, so that the check for a file of a tree walk costs a map look-up and its patterns. A
 * changed ignore file drops its cache entry; {@link #changed} and {@link #refresh} say so.
 */
public final class IgnoreRules {

    static final String GITIGNORE = ".gitignore";
    static final String IGNORE = ".ignore";

    private static final IgnoreFile[] NO_FILES = {};

    /** What is known of one directory. */
    private record DirState(int generation, String relative, IgnorePattern excludedBy,
            IgnoreFile[] ignoreFiles, IgnoreFile[] gitignoreFiles) {}

    private final Path top;
    private final Path serviceRoot;
    private final boolean git;
    /** info/exclude, then the global excludes file: in the order they are consulted; null entries for none. */
    private final Path[] repositoryFiles;
    private volatile IgnoreFile[] repositoryRules;
    private final Map<Path, IgnoreFile> files = new ConcurrentHashMap<>();
    private final Map<Path, DirState> directories = new ConcurrentHashMap<>();
    private final AtomicInteger generation = new AtomicInteger();

    private IgnoreRules(Path top, Path serviceRoot, GitRepository repository) {
        this.top = top;
        this.serviceRoot = serviceRoot;
        this.git = repository != null;
        this.repositoryFiles = repository == null
                ? new Path[0]
                : new Path[] {repository.infoExclude(), repository.excludesFile()};
        this.repositoryRules = readRepositoryFiles();
    }

    /**
     * The rules for a service's directory.
     *
     * @param serviceRoot absolute and normalized
     * @param environment the variables git would see: {@code HOME}, {@code XDG_CONFIG_HOME}
     */
    public static IgnoreRules forService(Path serviceRoot, Map<String, String> environment) {
        GitRepository repository = GitRepository.find(serviceRoot, environment);
        return new IgnoreRules(repository == null ? serviceRoot : repository.top(), serviceRoot, repository);
    }

    /** The top of the git repository, or the service's directory when it is in none. */
    public Path top() {
        return top;
    }

    /** Whether the service lies in a git repository (so that {@code .gitignore} files count). */
    public boolean inRepository() {
        return git;
    }

    /** Whether a file of this name holds rules: {@code .gitignore} in a repository, {@code .ignore} anywhere. */
    boolean isIgnoreFile(String name) {
        return name.equals(IGNORE) || (git && name.equals(GITIGNORE));
    }

    /** The pattern that ignores this directory or one above it (up to the service's directory); null when none does. */
    IgnorePattern ignoringDirectory(Path dir) {
        return dir.startsWith(top) ? state(dir).excludedBy() : null;
    }

    /** The pattern that ignores this file, or a directory above it; null when it is not ignored. */
    IgnorePattern ignoringFile(Path file) {
        Path dir = file.getParent();
        if (dir == null || !dir.startsWith(top)) {
            return null;
        }
        DirState s = state(dir);
        if (s.excludedBy() != null) {
            return s.excludedBy();
        }
        String name = file.getFileName().toString();
        String path = s.relative().isEmpty() ? name : s.relative() + "/" + name;
        IgnorePattern p = lastMatch(s, path, path.length() - name.length(), false);
        return p == null || p.negated() ? null : p;
    }

    /**
     * Takes note that {@code file} was created, changed or deleted: when it is an ignore file that
     * applies here, the rules follow. Returns whether it was one.
     */
    public boolean changed(Path file) {
        Path name = file.getFileName();
        boolean rules = name != null && isIgnoreFile(name.toString()) && file.startsWith(top);
        for (Path f : repositoryFiles) {
            rules |= file.equals(f);
        }
        if (!rules) {
            return false;
        }
        files.remove(file);
        repositoryRules = readRepositoryFiles();
        forgetDirectories();
        return true;
    }

    /**
     * Looks at every ignore file read so far (and where one was missing) and drops those that
     * changed on disk, for a watch by polling, which has no events. Returns whether any did.
     */
    public boolean refresh() {
        boolean any = false;
        for (Map.Entry<Path, IgnoreFile> e : files.entrySet()) {
            if (e.getValue().changedOnDisk(e.getKey())) {
                files.remove(e.getKey());
                any = true;
            }
        }
        IgnoreFile[] repo = repositoryRules;
        for (int i = 0; i < repositoryFiles.length; i++) {
            any |= repositoryFiles[i] != null && repo[i].changedOnDisk(repositoryFiles[i]);
        }
        if (any) {
            repositoryRules = readRepositoryFiles();
            forgetDirectories();
        }
        return any;
    }

    private void forgetDirectories() {
        generation.incrementAndGet();
        directories.clear();
    }

    private IgnoreFile[] readRepositoryFiles() {
        IgnoreFile[] rules = new IgnoreFile[repositoryFiles.length];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = repositoryFiles[i] == null ? IgnoreFile.NONE : IgnoreFile.read(repositoryFiles[i], 0);
        }
        return rules;
    }

    private DirState state(Path dir) {
        int g = generation.get();
        DirState s = directories.get(dir);
        if (s != null && s.generation() == g) {
            return s;
        }
        s = compute(dir, g);
        directories.put(dir, s);
        return s;
    }

    private DirState compute(Path dir, int g) {
        if (dir.equals(top)) {
            return new DirState(g, "", null, own(dir, IGNORE, 0, NO_FILES), git ? own(dir, GITIGNORE, 0, NO_FILES) : NO_FILES);
        }
        DirState parent = state(dir.getParent());
        String name = dir.getFileName().toString();
        String relative = parent.relative().isEmpty() ? name : parent.relative() + "/" + name;
        if (parent.excludedBy() != null) {
            return new DirState(g, relative, parent.excludedBy(), NO_FILES, NO_FILES);
        }
        if (dir.startsWith(serviceRoot) && !dir.equals(serviceRoot)) {
            IgnorePattern p = lastMatch(parent, relative, relative.length() - name.length(), true);
            if (p != null && !p.negated()) {
                return new DirState(g, relative, p, NO_FILES, NO_FILES);
            }
        }
        int base = relative.length() + 1;
        return new DirState(g, relative, null, own(dir, IGNORE, base, parent.ignoreFiles()),
                git ? own(dir, GITIGNORE, base, parent.gitignoreFiles()) : NO_FILES);
    }

    /** The directory's own file of this name (when it has patterns) before those of the directories above. */
    private IgnoreFile[] own(Path dir, String name, int baseLength, IgnoreFile[] above) {
        IgnoreFile f = files.computeIfAbsent(dir.resolve(name), p -> IgnoreFile.read(p, baseLength));
        if (f.isEmpty()) {
            return above;
        }
        List<IgnoreFile> chain = new ArrayList<>(above.length + 1);
        chain.add(f);
        chain.addAll(List.of(above));
        return chain.toArray(IgnoreFile[]::new);
    }

    /** The pattern that decides for a path that lies in the directory {@code s}: git's precedence. */
    private IgnorePattern lastMatch(DirState s, String path, int nameStart, boolean directory) {
        IgnorePattern p = firstList(s.ignoreFiles(), path, nameStart, directory);
        if (p == null) {
            p = firstList(s.gitignoreFiles(), path, nameStart, directory);
        }
        if (p == null) {
            p = firstList(repositoryRules, path, nameStart, directory);
        }
        return p;
    }

    private static IgnorePattern firstList(IgnoreFile[] lists, String path, int nameStart, boolean directory) {
        for (IgnoreFile f : lists) {
            IgnorePattern p = f.lastMatch(path, nameStart, directory);
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}
