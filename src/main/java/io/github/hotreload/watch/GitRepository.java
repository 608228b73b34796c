package io.github.hotreload.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The git repository that holds a directory, as far as ignore rules need it: its work tree's top,
 * its {@code info/exclude} and the global excludes file that its configuration names.
 *
 * @param top the work tree's top directory
 * @param infoExclude {@code info/exclude} of the common git directory (shared by the worktrees)
 * @param excludesFile {@code core.excludesFile}, or git's default for it
 */
record GitRepository(Path top, Path infoExclude, Path excludesFile) {

    /**
     * The repository whose work tree holds {@code dir}: the nearest directory at or above it with
     * a {@code .git} directory, or a {@code .git} file saying {@code gitdir: PATH} (a worktree, a
     * submodule); null when there is none.
     *
     * @param environment the variables git would see: {@code HOME}, {@code XDG_CONFIG_HOME}
     */
    static GitRepository find(Path dir, Map<String, String> environment) {
        for (Path top = dir; top != null; top = top.getParent()) {
            Path dotGit = top.resolve(".git");
            Path gitDir = null;
            if (Files.isDirectory(dotGit)) {
                gitDir = dotGit;
            } else if (Files.isRegularFile(dotGit)) {
                gitDir = gitDirOf(dotGit);
            }
            if (gitDir != null) {
                Path common = commonDir(gitDir);
                return new GitRepository(top, common.resolve("info").resolve("exclude"),
                        excludesFile(top, common, environment));
            }
        }
        return null;
    }

    /** The directory a {@code .git} file points to; null when it does not say. */
    private static Path gitDirOf(Path dotGit) {
        String content = readQuietly(dotGit);
        if (content == null) {
            return null;
        }
        for (String line : content.split("\n")) {
            if (line.startsWith("gitdir:")) {
                try {
                    Path target = dotGit.getParent().resolve(line.substring("gitdir:".length()).trim()).normalize();
                    return Files.isDirectory(target) ? target : null;
                } catch (InvalidPathException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** A worktree's git directory names the shared one in its {@code commondir} file. */
    private static Path commonDir(Path gitDir) {
        String common = readQuietly(gitDir.resolve("commondir"));
        if (common == null || common.isBlank()) {
            return gitDir;
        }
        try {
            return gitDir.resolve(common.trim()).normalize();
        } catch (InvalidPathException e) {
            return gitDir;
        }
    }

    /**
     * {@code core.excludesFile} as git finds it: the last value in {@code $XDG_CONFIG_HOME/git/config}
     * (or {@code ~/.config/git/config}), {@code ~/.gitconfig} and the repository's {@code config},
     * read in that order; when none sets it, {@code $XDG_CONFIG_HOME/git/ignore} or
     * {@code ~/.config/git/ignore}. A leading {@code ~/} is the home directory; a relative path is
     * taken from the work tree's top.
     */
    static Path excludesFile(Path top, Path commonDir, Map<String, String> environment) {
        String home = nonEmpty(environment.get("HOME"));
        String xdg = nonEmpty(environment.get("XDG_CONFIG_HOME"));
        Path xdgGit = xdg != null ? Path.of(xdg, "git") : home != null ? Path.of(home, ".config", "git") : null;
        List<Path> configs = new ArrayList<>();
        if (xdgGit != null) {
            configs.add(xdgGit.resolve("config"));
        }
        if (home != null) {
            configs.add(Path.of(home, ".gitconfig"));
        }
        configs.add(commonDir.resolve("config"));
        String value = null;
        for (Path config : configs) {
            String content = readQuietly(config);
            String v = content == null ? null : coreExcludesFile(content);
            if (v != null) {
                value = v;
            }
        }
        try {
            if (value == null || value.isEmpty()) {
                return xdgGit == null ? null : xdgGit.resolve("ignore");
            }
            if (value.startsWith("~/")) {
                return home == null ? null : Path.of(home).resolve(value.substring(2));
            }
            return top.resolve(value);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The last {@code excludesFile} of the {@code [core]} section in git config text; null when unset. */
    static String coreExcludesFile(String config) {
        String section = "";
        String value = null;
        for (String raw : config.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                int close = line.indexOf(']');
                section = (close < 0 ? line.substring(1) : line.substring(1, close)).strip().toLowerCase(Locale.ROOT);
                line = close < 0 ? "" : line.substring(close + 1).strip();
                if (line.isEmpty()) {
                    continue;
                }
            }
            if (!section.equals("core") || line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0 || !line.substring(0, eq).strip().equalsIgnoreCase("excludesFile")) {
                continue;
            }
            value = configValue(line.substring(eq + 1));
        }
        return value;
    }

    /** A config value: quotes removed, {@code \"}, {@code \\}, {@code \t}, {@code \n} unescaped, comments cut. */
    private static String configValue(String raw) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        int pendingSpaces = 0;
        String s = raw.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!quoted && (c == '#' || c == ';')) {
                break;
            }
            if (c == '"') {
                quoted = !quoted;
                continue;
            }
            if (!quoted && Character.isWhitespace(c)) {
                pendingSpaces++;
                continue;
            }
            if (pendingSpaces > 0 && out.length() > 0) {
                out.append(" ".repeat(pendingSpaces));
            }
            pendingSpaces = 0;
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'b' ? '\b' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
