package io.github.hotreload.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PathFilterTest {

    private static final Path ROOT = Path.of("/srv/svc");

    private static PathFilter filter(List<String> includes, List<String> extensions, List<String> excludes, Set<Path> ignored) {
        return new PathFilter(ROOT, globs(includes), extensions, globs(excludes), ignored);
    }

    private static List<GlobPattern> globs(List<String> globs) {
        return globs.stream().map(GlobPattern::compile).collect(Collectors.toList());
    }

    private static Path p(String rel) {
        return ROOT.resolve(rel);
    }

    @Test
    void cargoPresetWatchesSourcesAndManifestOnly() {
        PathFilter f = filter(List.of("/Cargo.toml", "/Cargo.lock", "/build.rs", "src/**/*.rs"), List.of(),
                List.of("/target/"), Set.of(p("target")));
        assertThat(f.acceptsFile(p("src/main.rs"))).isTrue();
        assertThat(f.acceptsFile(p("src/net/http.rs"))).isTrue();
        assertThat(f.acceptsFile(p("Cargo.toml"))).isTrue();
        assertThat(f.acceptsFile(p("README.md"))).isFalse();
        assertThat(f.acceptsFile(p("target/debug/build/x.rs"))).isFalse();
        assertThat(f.acceptsFile(p("src/.main.rs.swp"))).isFalse();
        // only the root and src/ need watches
        assertThat(f.acceptsDirectory(ROOT)).isTrue();
        assertThat(f.acceptsDirectory(p("src"))).isTrue();
        assertThat(f.acceptsDirectory(p("src/net"))).isTrue();
        assertThat(f.acceptsDirectory(p("docs"))).isFalse();
        assertThat(f.acceptsDirectory(p("target"))).isFalse();
    }

    @Test
    void goPresetFollowsAirDefaults() {
        PathFilter f = filter(List.of(), List.of("go", "tpl", "tmpl", "html"),
                List.of("/assets/", "/tmp/", "/vendor/", "testdata/", "*_test.go"), Set.of());
        assertThat(f.acceptsFile(p("main.go"))).isTrue();
        assertThat(f.acceptsFile(p("web/index.html"))).isTrue();
        assertThat(f.acceptsFile(p("web/page.TMPL"))).isTrue();
        assertThat(f.acceptsFile(p("main_test.go"))).isFalse();
        assertThat(f.acceptsFile(p("README.md"))).isFalse();
        assertThat(f.acceptsFile(p("tmp/main"))).isFalse();
        assertThat(f.acceptsFile(p("vendor/x/y.go"))).isFalse();
        assertThat(f.acceptsFile(p("pkg/testdata/in.go"))).isFalse();
        assertThat(f.acceptsDirectory(p("tmp"))).isFalse();
        assertThat(f.acceptsDirectory(p("assets"))).isFalse();
        assertThat(f.acceptsDirectory(p("pkg/testdata"))).isFalse();
        assertThat(f.acceptsDirectory(p("pkg/assets"))).isTrue(); // air excludes the top-level one only
    }

    @Test
    void includesAndExtensionsAreAlternatives() {
        PathFilter f = filter(List.of("/go.mod"), List.of("go"), List.of(), Set.of());
        assertThat(f.acceptsFile(p("go.mod"))).isTrue();
        assertThat(f.acceptsFile(p("a.go"))).isTrue();
        assertThat(f.acceptsFile(p("go.sum"))).isFalse();
    }

    @Test
    void withNeitherIncludesNorExtensionsEverythingNotIgnoredCounts() {
        PathFilter f = filter(List.of(), List.of(), List.of("*.log"), Set.of(p("out")));
        assertThat(f.acceptsFile(p("anything/at/all.txt"))).isTrue();
        assertThat(f.acceptsFile(p("server.log"))).isFalse();
        assertThat(f.acceptsFile(p("out/binary"))).isFalse();
        assertThat(f.acceptsFile(p(".git/HEAD"))).isFalse();
        assertThat(f.acceptsFile(p("web/node_modules/x/index.js"))).isFalse();
        assertThat(f.acceptsFile(p("4913"))).isFalse();
        assertThat(f.acceptsFile(p("notes.txt~"))).isFalse();
        assertThat(f.acceptsFile(p(".#notes.txt"))).isFalse();
        assertThat(f.acceptsDirectory(p(".git"))).isFalse();
        assertThat(f.acceptsDirectory(p("out"))).isFalse();
        assertThat(f.acceptsFile(Path.of("/elsewhere/x.txt"))).isFalse();
    }
}
