package io.github.hotreload.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tricky parts of git's ignore rules, one at a time. Each expectation is checked against
 * {@code git check-ignore} too, so that a wrong expectation cannot slip in.
 */
class GitignoreSemanticsTest {

    @TempDir
    Path dir;

    private GitRepo repo;

    @BeforeEach
    void repository() throws Exception {
        repo = new GitRepo(dir);
    }

    /** Creates the paths (a trailing {@code /} makes a directory), then checks which are ignored. */
    private void expect(String gitignore, Map<String, Boolean> ignored) throws Exception {
        repo.write(".gitignore", gitignore);
        List<String> paths = new ArrayList<>();
        for (String p : ignored.keySet()) {
            if (p.endsWith("/")) {
                repo.mkdir(p);
                paths.add(p.substring(0, p.length() - 1));
            } else {
                repo.write(p, "x");
                paths.add(p);
            }
        }
        IgnoreRules rules = IgnoreRules.forService(repo.top, repo.environment());
        Map<String, GitRepo.GitVerdict> git = repo.checkIgnore(paths);
        Map<String, Boolean> ours = new LinkedHashMap<>();
        Map<String, Boolean> theirs = new LinkedHashMap<>();
        for (String key : ignored.keySet()) {
            String p = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
            Path absolute = repo.top.resolve(p);
            ours.put(key, (Files.isDirectory(absolute) ? rules.ignoringDirectory(absolute) : rules.ignoringFile(absolute)) != null);
            theirs.put(key, git.get(p).ignored());
        }
        assertThat(theirs).as("git check-ignore (the expectation itself)").isEqualTo(ignored);
        assertThat(ours).as("our rules").isEqualTo(ignored);
    }

    private static Map<String, Boolean> cases(Object... pathThenIgnored) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (int i = 0; i < pathThenIgnored.length; i += 2) {
            m.put((String) pathThenIgnored[i], (Boolean) pathThenIgnored[i + 1]);
        }
        return m;
    }

    @Test
    void theLastMatchingPatternWinsAndNegationReincludes() throws Exception {
        expect("*.log\n!keep.log\nkeep*.log\n!keep-me.log\n", cases(
                "a.log", true, "keep.log", true, "keep-me.log", false, "sub/keep.log", true, "sub/keep-me.log", false));
    }

    @Test
    void aFileInsideAnExcludedDirectoryCannotBeReincluded() throws Exception {
        expect("build/\n!build/keep.txt\nlogs/*\n!logs/keep.txt\n", cases(
                "build/", true, "build/keep.txt", true, "build/deep/x.txt", true, "logs/", false, "logs/a.txt", true, "logs/keep.txt", false));
    }

    @Test
    void aSlashAtTheStartOrInTheMiddleAnchorsAtTheFilesDirectory() throws Exception {
        expect("/root.txt\ndoc/frotz\nname\n", cases(
                "root.txt", true, "sub/root.txt", false, "doc/frotz", true, "a/doc/frotz", false,
                "name", true, "deep/er/name", true));
    }

    @Test
    void aTrailingSlashMatchesDirectoriesOnly() throws Exception {
        expect("out/\n", cases("out/", true, "out/x", true, "a/out/", true, "b/out", false));
    }

    @Test
    void doubleStarsMatchAnyNumberOfDirectories() throws Exception {
        expect("**/foo\nabc/**\na/**/b\nx**/y\n", cases(
                "foo", true, "p/q/foo", true, "abc/", false, "abc/f", true, "abc/d/e", true,
                "a/b", true, "a/x/y/b", true, "ab", false, "xq/r/y", true));
    }

    @Test
    void starsAndQuestionMarksStopAtSlashes() throws Exception {
        expect("/*.c\n/d/?.h\n", cases(
                "cat.c", true, "sub/cat.c", false, "d/a.h", true, "d/ab.h", false));
    }

    @Test
    void characterClassesWithRangesAndNegation() throws Exception {
        expect("file[0-9].txt\nlog[!a-c]\nx[^y]z\n[]]br\n[[:digit:]]n\n", cases(
                "file5.txt", true, "fileX.txt", false, "logd", true, "logb", false,
                "xaz", true, "xyz", false, "]br", true, "7n", true, "an", false));
    }

    @Test
    void backslashesEscapeSpecialCharacters() throws Exception {
        expect("\\#hash\n\\!bang\nstar\\*\nq\\?\n", cases(
                "#hash", true, "!bang", true, "star*", true, "starx", false, "q?", true, "qx", false));
    }

    @Test
    void trailingSpacesAreDroppedUnlessEscapedAndCommentsAreSkipped() throws Exception {
        expect("trail   \nkept\\ \n# comment.txt\n  lead\n", cases(
                "trail", true, "kept ", true, "kept", false, "# comment.txt", false, "  lead", true));
    }

    @Test
    void windowsLineEndingsAndAByteOrderMark() throws Exception {
        expect("\uFEFFfirst\r\nsecond\r\n", cases("first", true, "second", true));
    }

    @Test
    void theDeepestGitignoreDecidesBeforeTheOnesAbove() throws Exception {
        repo.write("sub/.gitignore", "!*.log\n");
        expect("*.log\n", cases("a.log", true, "sub/a.log", false, "sub/deeper/b.log", false));
    }

    @Test
    void aGitignoreInsideAnIgnoredDirectoryIsNotRead() throws Exception {
        repo.write("gen/.gitignore", "!keep\n");
        expect("gen/\n", cases("gen/keep", true));
    }

    @Test
    void infoExcludeAndTheGlobalFileComeAfterEveryGitignore() throws Exception {
        repo.write(".git/info/exclude", "*.exclude\n!*.global\n");
        Files.createDirectories(repo.home.resolve(".config/git"));
        Files.writeString(repo.home.resolve(".config/git/ignore"), "*.global\n*.mine\n");
        expect("!b.exclude\n", cases("a.exclude", true, "b.exclude", false, "a.global", false, "a.mine", true));
    }

    @Test
    void coreExcludesFileFromTheRepositoryConfigOverridesTheHomeOne() throws Exception {
        Files.writeString(repo.home.resolve(".gitconfig"), "[core]\n  excludesfile = ~/home-ignores\n");
        Files.writeString(repo.home.resolve("home-ignores"), "*.home\n");
        repo.write("../repo-ignores", "*.repo\n");
        repo.git("config", "core.excludesFile", repo.top.resolveSibling("repo-ignores").toString());
        expect("", cases("a.home", false, "a.repo", true));
    }

    @Test
    void aWorktreeReadsInfoExcludeOfTheCommonGitDirectory() throws Exception {
        repo.git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "start");
        Path worktree = repo.top.resolveSibling("wt");
        repo.git("worktree", "add", "-q", worktree.toString());
        repo.write(".git/info/exclude", "*.local\n");
        Files.writeString(worktree.resolve(".gitignore"), "*.tracked\n");
        Files.writeString(worktree.resolve("a.local"), "x");

        Path top = worktree.toRealPath();
        IgnoreRules rules = IgnoreRules.forService(top, repo.environment());

        assertThat(rules.top()).isEqualTo(top);
        assertThat(rules.ignoringFile(top.resolve("a.local"))).isNotNull();
        assertThat(rules.ignoringFile(top.resolve("b.tracked"))).isNotNull();
        assertThat(rules.ignoringFile(top.resolve("a.txt"))).isNull();
    }

    @Test
    void aGitFileThatPointsElsewhereMakesARepositoryAsASubmoduleHasIt() throws Exception {
        Path module = repo.mkdir("modules/sub");
        Path gitDir = repo.mkdir(".git/modules/sub");
        Files.createDirectories(gitDir.resolve("info"));
        Files.writeString(gitDir.resolve("info/exclude"), "*.sub\n");
        Files.writeString(module.resolve(".git"), "gitdir: ../../.git/modules/sub\n");

        IgnoreRules rules = IgnoreRules.forService(module, repo.environment());

        assertThat(rules.top()).isEqualTo(module);
        assertThat(rules.ignoringFile(module.resolve("x.sub"))).isNotNull();
    }
}
