package io.github.hotreload.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path filter with a service's ignore files: what counts, what is watched, and why. */
class PathFilterGitignoreTest {

    @TempDir
    Path dir;

    private GitRepo repo;
    private Path service;

    @BeforeEach
    void repository() throws Exception {
        repo = new GitRepo(dir);
        service = repo.mkdir("services/api");
    }

    private PathFilter filter(List<String> includes, List<String> extensions, List<String> excludes, boolean gitignore) {
        return new PathFilter(service, includes.stream().map(GlobPattern::compile).toList(), extensions,
                excludes.stream().map(GlobPattern::compile).toList(), Set.of(service.resolve("bin/server")),
                gitignore ? IgnoreRules.forService(service, repo.environment()) : null);
    }

    private Path file(String relative) throws Exception {
        return repo.write("services/api/" + relative, "x");
    }

    @Test
    void anIgnoredFileDoesNotCountAndAnIgnoredDirectoryIsNotWatched() throws Exception {
        repo.write(".gitignore", "*.gen\ngenerated/\n");
        repo.write("services/.gitignore", "!keep.gen\n");
        PathFilter f = filter(List.of(), List.of(), List.of(), true);

        assertThat(f.acceptsFile(file("main.go"))).isTrue();
        assertThat(f.acceptsFile(file("x.gen"))).as("ignored by the repository's .gitignore").isFalse();
        assertThat(f.acceptsFile(file("keep.gen"))).as("re-included by a .gitignore between the top and the service").isTrue();
        assertThat(f.acceptsFile(file("generated/a.go"))).isFalse();
        assertThat(f.acceptsDirectory(service.resolve("generated"))).isFalse();
        assertThat(f.acceptsDirectory(service.resolve("src"))).isTrue();

        assertThat(f.explain(service.resolve("x.gen")))
                .isEqualTo(new PathFilter.Verdict(false, "ignored by " + repo.top.resolve(".gitignore") + ":1 \"*.gen\""));
        assertThat(f.explain(service.resolve("generated/a.go")).reason())
                .isEqualTo("ignored by " + repo.top.resolve(".gitignore") + ":2 \"generated/\"");
        assertThat(f.explainDirectory(service.resolve("generated")).counts()).isFalse();
    }

    @Test
    void withoutGitignoreTheFilesCountAgain() throws Exception {
        repo.write(".gitignore", "*.gen\ngenerated/\n");
        PathFilter f = filter(List.of(), List.of(), List.of(), false);
        assertThat(f.acceptsFile(file("x.gen"))).isTrue();
        assertThat(f.acceptsDirectory(service.resolve("generated"))).isTrue();
        assertThat(f.acceptsFile(file(".gitignore"))).as("just a file then").isTrue();
    }

    @Test
    void aServiceDirectoryThatGitIgnoresIsWatchedAndTheRulesStillApplyInside() throws Exception {
        repo.write(".gitignore", "services/\n*.log\n");
        PathFilter f = filter(List.of(), List.of(), List.of(), true);
        assertThat(f.acceptsFile(file("main.go"))).isTrue();
        assertThat(f.acceptsDirectory(service.resolve("pkg"))).isTrue();
        assertThat(f.acceptsFile(file("pkg/a.log"))).isFalse();
    }

    @Test
    void dotIgnoreFilesComeBeforeGitignoreFiles() throws Exception {
        repo.write("services/api/.gitignore", "!*.log\n");
        repo.write(".ignore", "*.log\n!wanted.txt\n");
        repo.write(".gitignore", "*.txt\n");
        PathFilter f = filter(List.of(), List.of(), List.of(), true);
        assertThat(f.acceptsFile(file("a.log"))).as(".ignore above beats the deeper .gitignore").isFalse();
        assertThat(f.acceptsFile(file("wanted.txt"))).as("a .ignore negation beats .gitignore").isTrue();
        assertThat(f.acceptsFile(file("other.txt"))).isFalse();
    }

    @Test
    void outsideARepositoryOnlyDotIgnoreFilesCount() throws Exception {
        Path alone = Files.createDirectories(dir.resolve("alone")).toRealPath();
        Files.writeString(alone.resolve(".gitignore"), "*.a\n");
        Files.writeString(alone.resolve(".ignore"), "*.b\n");
        IgnoreRules rules = IgnoreRules.forService(alone, repo.environment());
        PathFilter f = new PathFilter(alone, List.of(), List.of(), List.of(), Set.of(), rules);
        assertThat(rules.inRepository()).isFalse();
        assertThat(f.acceptsFile(alone.resolve("x.a"))).isTrue();
        assertThat(f.acceptsFile(alone.resolve("x.b"))).isFalse();
        assertThat(f.acceptsFile(alone.resolve(".gitignore"))).as("an ordinary file outside a repository").isTrue();
        assertThat(f.acceptsFile(alone.resolve(".ignore"))).isFalse();
    }

    @Test
    void anIgnoreFileCountsOnlyWhenAnIncludeNamesIt() throws Exception {
        PathFilter all = filter(List.of(), List.of(), List.of(), true);
        PathFilter named = filter(List.of("/.gitignore"), List.of(), List.of(), true);
        assertThat(all.acceptsFile(file(".gitignore"))).isFalse();
        assertThat(all.explain(service.resolve(".gitignore")).reason()).startsWith("an ignore file");
        assertThat(named.acceptsFile(service.resolve(".gitignore"))).isTrue();
    }

    @Test
    void explainNamesTheRuleThatDecided() throws Exception {
        repo.write(".gitignore", "*.gen\n");
        PathFilter f = filter(List.of("src/**/*.rs", "/Cargo.toml"), List.of("go", "tpl"), List.of("/tmp/", "*_test.go"), true);
        assertThat(f.explain(file("src/a/b.rs"))).isEqualTo(new PathFilter.Verdict(true, "selected by <includes> \"src/**/*.rs\""));
        assertThat(f.explain(file("main.go"))).isEqualTo(new PathFilter.Verdict(true, "selected by <extensions> \"go\""));
        assertThat(f.explain(file("tmp/x.go")).reason()).isEqualTo("excluded by <excludes> \"/tmp/\"");
        assertThat(f.explain(file("a_test.go")).reason()).isEqualTo("excluded by <excludes> \"*_test.go\"");
        assertThat(f.explain(file("node_modules/p/i.go")).reason()).isEqualTo("always-ignored directory \"node_modules\"");
        assertThat(f.explain(file(".main.go.swp")).reason()).isEqualTo("editor's temporary file (\"*.swp\")");
        assertThat(f.explain(file("notes~")).reason()).isEqualTo("editor's temporary file (\"*~\")");
        assertThat(f.explain(dir.resolve("elsewhere.go")).reason()).isEqualTo("outside the service directory");
        assertThat(f.explain(file("bin/server")).reason()).isEqualTo("build output of the service");
        assertThat(f.explain(file("README.md"))).isEqualTo(new PathFilter.Verdict(false,
                "not selected: matches no <includes> (src/**/*.rs, /Cargo.toml) and no <extensions> (go, tpl)"));
        assertThat(filter(List.of(), List.of("go"), List.of(), true).explain(service.resolve("README.md")).reason())
                .isEqualTo("not selected: matches no <extensions> (go)");
        assertThat(filter(List.of(), List.of(), List.of(), true).explain(service.resolve("README.md")))
                .isEqualTo(new PathFilter.Verdict(true, "every file counts: neither <includes> nor <extensions> are set"));
    }

    @Test
    void explainAgreesWithAcceptsFileForEveryPathOfATree() throws Exception {
        repo.write(".gitignore", "*.gen\nout/\n!out/keep.go\nlogs/*\n!logs/keep.go\n");
        repo.write("services/api/pkg/.gitignore", "/local.go\n!x.gen\n");
        repo.write("services/api/.ignore", "*.secret\n");
        for (String p : List.of("main.go", "a.gen", "x.gen", "pkg/x.gen", "pkg/local.go", "pkg/deep/local.go",
                "out/keep.go", "logs/keep.go", "logs/other.go", "tmp/t.go", "k.secret", "src/lib/a.rs", "src/a.go",
                "README.md", ".main.go.swp", "target/x.go", "node_modules/m/a.go", "bin/server", "bin/tool.go",
                "a_test.go", "Cargo.toml", "web/index.tpl", "docs/a.txt")) {
            file(p);
        }
        List<PathFilter> filters = List.of(
                filter(List.of(), List.of(), List.of(), true),
                filter(List.of("src/**/*.rs", "/Cargo.toml"), List.of(), List.of("/target/"), true),
                filter(List.of(), List.of("go", "tpl"), List.of("/tmp/", "*_test.go"), true),
                filter(List.of("src/**"), List.of("go"), List.of("docs/"), false));
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(service)) {
            paths = new ArrayList<>(walk.toList());
        }
        paths.add(service.resolveSibling("other.go"));
        int counted = 0;
        for (PathFilter f : filters) {
            for (Path p : paths) {
                PathFilter.Verdict v = f.explain(p);
                assertThat(v.counts()).as(p + ": " + v.reason()).isEqualTo(f.acceptsFile(p));
                assertThat(v.reason()).isNotBlank();
                if (Files.isDirectory(p)) {
                    assertThat(f.explainDirectory(p).counts()).as("directory " + p).isEqualTo(f.acceptsDirectory(p));
                }
                counted += v.counts() ? 1 : 0;
            }
        }
        assertThat(counted).isBetween(1, filters.size() * paths.size() - 1);
    }
}
