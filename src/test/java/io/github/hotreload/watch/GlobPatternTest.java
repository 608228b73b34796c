package io.github.hotreload.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobPatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "src/**/*.rs, src/main.rs, true",
        "src/**/*.rs, src/a/b/lib.rs, true",
        "src/**/*.rs, main.rs, false",
        "src/**/*.rs, other/src/main.rs, false",
        "src/**/*.rs, src/main.rsx, false",
        "*.swp, .main.rs.swp, true",
        "*.swp, a/b/.x.swp, true",
        "/Cargo.toml, Cargo.toml, true",
        "/Cargo.toml, sub/Cargo.toml, false",
        "Cargo.toml, sub/Cargo.toml, true",
        "*_test.go, pkg/x_test.go, true",
        "*_test.go, pkg/x.go, false",
        "a?c.txt, abc.txt, true",
        "a?c.txt, a/c.txt, false",
        "[ab]x, ax, true",
        "[!ab]x, cx, true",
        "[!ab]x, ax, false",
        "'*.{go,tmpl}', web/page.tmpl, true",
        "'*.{go,tmpl}', web/page.html, false",
        "docs/**, docs/a/b.md, true",
        "**/gen/*.rs, gen/x.rs, true",
        "**/gen/*.rs, a/b/gen/x.rs, true",
        "a.b, axb, false",
        "'(x)+', '(x)+', true",
    })
    void matchesFiles(String glob, String path, boolean expected) {
        assertThat(GlobPattern.compile(glob).matches(path, false)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} names the tree {1}: {2}")
    @CsvSource({
        "/tmp/, tmp, true",
        "/tmp/, a/tmp, false",
        "testdata/, pkg/testdata, true",
        "tmp/**, tmp, true",
        "/vendor/**, vendor, true",
        "*.log, logs, false",
    })
    void namesDirectoryTrees(String glob, String dir, boolean expected) {
        GlobPattern p = GlobPattern.compile(glob);
        assertThat(p.matchesTree(dir) || p.matches(dir, true)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} could match below {1}: {2}")
    @CsvSource({
        "src/**/*.rs, src, true",
        "src/**/*.rs, src/a/b, true",
        "src/**/*.rs, docs, false",
        "/Cargo.toml, src, false",
        "*.rs, anything/deep, true",
        "a/b/*.rs, a, true",
        "a/b/*.rs, a/b, true",
        "a/b/*.rs, a/b/c, false",
        "a/*/x.rs, a/q, true",
    })
    void prunesDirectories(String glob, String dir, boolean expected) {
        assertThat(GlobPattern.compile(glob).couldMatchBelow(dir)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is rejected")
    @CsvSource({
        "'src/[abc.rs', never closed",
        "'src/{a,b.rs', never closed",
        "'src/a}.rs', no matching",
        "'src/a].rs', no matching",
        "'src/a**b', whole path segment",
        "'   ', empty",
        "'/', names no file",
    })
    void rejectsMalformedGlobs(String glob, String reason) {
        assertThatThrownBy(() -> GlobPattern.compile(glob))
                .isInstanceOf(GlobPattern.SyntaxException.class)
                .hasMessageContaining(reason);
    }
}
