package io.github.hotreload.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -Dhotreload.path}: for every service, whether a file counts and which rule decided. */
class DoctorPathTest {

    @TempDir
    Path tmp;

    private Path root;
    private Examination project;

    @BeforeEach
    void project() throws Exception {
        root = tmp.toRealPath();
        Path api = Patients.goModule(root.resolve("api"));
        Files.writeString(api.resolve(".gitignore"), "generated/\n");
        Files.createDirectories(root.resolve(".git")); // the project is a repository: its ignore files apply
        Patients.goModule(root.resolve("lib"));
        Files.writeString(api.resolve("go.mod"), "module example.com/api\n\ngo 1.19\n\nreplace example.com/lib => ../lib\n");
        Patients.crate(root.resolve("core"));
        project = Patients.examine(root, System.getenv(),
                Patients.service("api", d -> d.setPreset("go")),
                Patients.service("core", d -> d.setPreset("cargo")));
    }

    private List<String> explain(String path) {
        return new PathCheck(root.resolve(path)).run(project).stream().map(Finding::text).toList();
    }

    @Test
    void aSourceCountsForItsServiceOnly() {
        assertThat(explain("api/handler.go")).containsExactly(
                "api: " + root.resolve("api/handler.go") + " counts: selected by <extensions> \"go\"",
                "core: " + root.resolve("api/handler.go") + " does not count: outside " + root.resolve("core"));
    }

    @Test
    void theRuleThatRulesAFileOutIsNamed() {
        assertThat(explain("api/generated/x.go").get(0))
                .isEqualTo("api: " + root.resolve("api/generated/x.go") + " does not count: ignored by "
                        + root.resolve("api/.gitignore") + ":1 \"generated/\"");
        assertThat(explain("api/main_test.go").get(0)).endsWith("does not count: excluded by <excludes> \"*_test.go\"");
        assertThat(explain("core/target/debug/core").get(1)).contains("does not count");
    }

    @Test
    void codeOutsideTheServiceDirectoryIsExplainedByTheTreeItIsBuiltFrom() {
        assertThat(explain("lib/lib.go").get(0)).isEqualTo("api: " + root.resolve("lib/lib.go") + " counts (in "
                + root.resolve("lib") + ", which it is built from): selected by <extensions> \"go\"");
    }

    @Test
    void aFileIsExplainedByTheDeepestTreeThatHoldsIt() throws Exception {
        // cmd/web is a package of the module at the root, whose go.mod (and only that) counts too
        Files.writeString(root.resolve("go.mod"), "module example.com/mono\n\ngo 1.19\n");
        Files.createDirectories(root.resolve("cmd/web"));
        Files.writeString(root.resolve("cmd/web/main.go"), "package main\n\nfunc main() {}\n");
        project = Patients.examine(root, System.getenv(), Patients.service("web", d -> {
            d.setPreset("go");
            d.setDirectory("cmd/web");
        }));

        assertThat(explain("cmd/web/main.go")).containsExactly(
                "web: " + root.resolve("cmd/web/main.go") + " counts: selected by <extensions> \"go\"");
        assertThat(explain("go.mod").get(0)).startsWith("web: " + root.resolve("go.mod") + " counts (in " + root);
    }
}
