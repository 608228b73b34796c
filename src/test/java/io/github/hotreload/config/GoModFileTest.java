package io.github.hotreload.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The local paths of go.mod's replace and go.work's use directives, in every form the go command accepts. */
class GoModFileTest {

    @Test
    void replacementsWithAFilePathCountAndModuleReplacementsDoNot() {
        GoModFile f = GoModFile.parse("""
                module example.com/api // the service

                go 1.21

                replace example.com/lib => ../lib
                replace example.com/pinned v1.2.0 => ./third_party/pinned // with a version on the left
                replace example.com/remote => example.com/fork v1.2.3
                replace (
                \texample.com/a => ../a
                \t"example.com/b" => "../with space"
                \texample.com/c => example.com/c2 v0.1.0
                \t// example.com/d => ../commented
                )
                replace example.com/abs => /opt/src/abs
                """);

        assertThat(f.localReplacements())
                .containsExactly("../lib", "./third_party/pinned", "../a", "../with space", "/opt/src/abs");
        assertThat(f.uses()).isEmpty();
    }

    @Test
    void usesInBothForms() {
        GoModFile f = GoModFile.parse("go 1.21\n\nuse ./svc\nuse (\n\t./lib // shared\n\t\"./other dir\"\n)\n\n"
                + "replace example.com/x => ./x\n");

        assertThat(f.uses()).containsExactly("./svc", "./lib", "./other dir");
        assertThat(f.localReplacements()).containsExactly("./x");
    }

    @Test
    void aWordThatOnlyStartsLikeADirectiveIsNone() {
        assertThat(GoModFile.parse("module example.com/replacement\n\nrequire example.com/user v1.0.0\n"))
                .isEqualTo(GoModFile.NONE);
    }
}
