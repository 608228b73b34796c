package io.github.hotreload.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our rules against the real {@code git check-ignore}: generated trees with nested
 * {@code .gitignore} files, {@code info/exclude} and a global excludes file, full of patterns
 * made of the tricky parts (negation, anchoring, {@code **}, classes, escapes, trailing spaces),
 * and every file and directory of the tree compared: ignored or not, and by which line.
 */
class GitignoreCrossCheckTest {

    private static final String[] NAMES = {"a", "b", "ab", "ba", "abc", "x.log", "y.txt", "a.log", "log", "d e",
        "!n", "#h", "b[1]", "[x", "q?", "a b ", "A", "C.LOG"};
    private static final String[] PIECES = {"a", "b", "ab", "a?", "?b", "a**", "*.log", "a*", "*b", "[ab]", "[!a]*",
        "[a-c]", "[^b]", "log", "y.txt", "d e", "\\!n", "\\#h", "b\\[1]", "[[]x", "q\\?", "[[:alpha:]]*", "[]a]",
        "[a-]", "a\\ b\\ ", "A", "[A-Z]*", "*.LOG", "x.*"};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
        27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40})
    void agreesWithGitCheckIgnoreOnEveryPath(int seed) throws Exception {
        Random random = new Random(seed);
        GitRepo repo = new GitRepo(dir);
        List<String> directories = new ArrayList<>();
        directories.add("");
        tree(repo, random, "", 0, directories);
        for (String d : directories) {
            if (random.nextInt(3) > 0) {
                repo.write(d.isEmpty() ? ".gitignore" : d + "/.gitignore", ignoreFile(random, 4 + random.nextInt(10)));
            }
        }
        repo.write(".git/info/exclude", ignoreFile(random, 4));
        if (seed % 2 == 0) {
            repo.write("../home/.config/git/ignore", ignoreFile(random, 3)); // git's default
        } else {
            repo.write("../home/.gitconfig", "[user]\n\tname = x\n[core]\n\texcludesFile = \"~/my ignores\" ; comment\n");
            repo.write("../home/my ignores", ignoreFile(random, 3));
        }

        IgnoreRules rules = IgnoreRules.forService(repo.top, repo.environment());
        List<String> paths = repo.paths();
        Map<String, GitRepo.GitVerdict> git = repo.checkIgnore(paths);
        Map<String, Boolean> kinds = repo.kinds(paths);

        int ignored = 0;
        int negated = 0;
        List<String> disagreements = new ArrayList<>();
        for (String path : paths) {
            Path absolute = repo.top.resolve(path);
            IgnorePattern ours = kinds.get(path) ? rules.ignoringDirectory(absolute) : rules.ignoringFile(absolute);
            GitRepo.GitVerdict theirs = git.get(path);
            String oursText = ours == null ? "-" : ours.line() + " " + ours.text();
            String theirsText = theirs.ignored() ? theirs.line() + " " + theirs.pattern() : "-";
            if (!oursText.equals(theirsText)) {
                disagreements.add(path + (kinds.get(path) ? "/" : "") + ": ours " + oursText + " (" + (ours == null ? "" : ours.source())
                        + "), git " + theirsText + " (" + theirs.source() + ")");
            }
            if (theirs.ignored()) {
                ignored++;
            } else if (!theirs.pattern().isEmpty()) {
                negated++;
            }
        }
        assertThat(disagreements).as("paths where we and git disagree, of " + paths.size()).isEmpty();
        totals[0] += ignored;
        totals[1] += paths.size() - ignored - negated;
        totals[2] += negated;
    }

    /** Ignored, not matched, re-included by a negation: over all seeds. */
    private static final int[] totals = new int[3];

    @AfterAll
    static void theTreesExercisedEveryOutcome() {
        assertThat(totals[0]).as("ignored paths").isGreaterThan(200);
        assertThat(totals[1]).as("paths no pattern matches").isGreaterThan(200);
        assertThat(totals[2]).as("paths a negation re-includes").isGreaterThan(20);
    }

    private static void tree(GitRepo repo, Random random, String at, int depth, List<String> directories)
            throws Exception {
        int entries = 3 + random.nextInt(4);
        for (int i = 0; i < entries; i++) {
            String name = NAMES[random.nextInt(NAMES.length)];
            String path = at.isEmpty() ? name : at + "/" + name;
            if (Files.exists(repo.top.resolve(path))) {
                continue;
            }
            if (depth < 3 && random.nextInt(3) == 0) {
                repo.mkdir(path);
                directories.add(path);
                tree(repo, random, path, depth + 1, directories);
            } else {
                repo.write(path, "x");
            }
        }
    }

    private static String ignoreFile(Random random, int lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.append(pattern(random)).append(random.nextInt(8) == 0 ? "\r\n" : "\n");
        }
        return sb.toString();
    }

    private static String pattern(Random random) {
        int form = random.nextInt(20);
        String a = PIECES[random.nextInt(PIECES.length)];
        String b = PIECES[random.nextInt(PIECES.length)];
        return switch (form) {
            case 0 -> "!" + a;
            case 1 -> a + "/";
            case 2 -> "/" + a;
            case 3 -> a + "/" + b;
            case 4 -> "**/" + a;
            case 5 -> a + "/**";
            case 6 -> a + "/**/" + b;
            case 7 -> "# " + a;
            case 8 -> a + "   ";
            case 9 -> "!" + a + "/";
            case 10 -> "/" + a + "/" + b + "/";
            case 11 -> "";
            case 12 -> "!/" + a + "/" + b;
            case 13 -> a + b;
            case 14 -> "*/" + a;
            case 15 -> a + "/*";
            default -> a;
        };
    }
}
