package io.github.hotreload.java;

import static io.github.hotreload.java.TestModule.changed;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which edits change a type's API, and so compile the whole module, as seen through ModuleCompiler. */
class ApiDigestTest {

    private static final String SHAPE = """
            package a;

            import java.io.Serializable;

            public class Shape implements Serializable {
                public static final int SIDES = 4;
                protected String name = "square";
                private int secret = 1;

                public int area(int side) {
                    return side * side;
                }

                int perimeter(int side) {
                    return SIDES * side;
                }

                private int hidden() {
                    return secret;
                }

                @Deprecated
                public void old() {
                }

                public static class Corner {
                }

                enum Kind { FLAT, ROUND }
            }
            """;

    static Stream<Arguments> edits() {
        return Stream.of(
                Arguments.of("a method body", "return side * side;", "return side * side + 0;", false),
                Arguments.of("a private method", "return secret;", "return secret + 1;", false),
                Arguments.of("a private field's type", "private int secret = 1;", "private short secret = 1;", false),
                Arguments.of("a field initializer that is no constant", "name = \"square\"", "name = \"cube\"", false),
                Arguments.of("a package-private method removed",
                        "    int perimeter(int side) {\n        return SIDES * side;\n    }\n", "", true),
                Arguments.of("a public parameter type", "area(int side)", "area(short side)", true),
                Arguments.of("a package-private method's name", "perimeter(int side)", "outline(int side)", true),
                Arguments.of("a constant value", "SIDES = 4", "SIDES = 5", true),
                Arguments.of("a protected field's type", "protected String name", "protected CharSequence name", true),
                Arguments.of("a modifier", "public int area", "public final int area", true),
                Arguments.of("an annotation on a member", "@Deprecated\n", "", true),
                Arguments.of("a supertype", "implements Serializable", "implements Serializable, Cloneable", true),
                Arguments.of("a public nested type removed", "    public static class Corner {\n    }\n", "", true),
                Arguments.of("enum constants reordered", "FLAT, ROUND", "ROUND, FLAT", true));
    }

    @ParameterizedTest(name = "{0}: full compile {3}")
    @MethodSource("edits")
    void anEditChangesTheApiOrNot(String what, String from, String to, boolean apiChange, @TempDir Path dir)
            throws Exception {
        assertThat(SHAPE).contains(from);
        assertThat(fullCompileAfter(dir, SHAPE.replace(from, to))).as(what).isEqualTo(apiChange);
    }

    @Test
    void movingAMethodIsNoChange(@TempDir Path dir) throws Exception {
        String perimeter = "    int perimeter(int side) {\n        return SIDES * side;\n    }\n\n";
        String moved = SHAPE.replace(perimeter, "").replace("    @Deprecated", perimeter + "    @Deprecated");
        assertThat(moved).isNotEqualTo(SHAPE);
        assertThat(fullCompileAfter(dir, moved)).isFalse();
    }

    private static boolean fullCompileAfter(Path dir, String edited) throws Exception {
        TestModule module = new TestModule(dir);
        Path shape = module.source("a/Shape.java", SHAPE);
        try (ModuleCompiler compiler = new ModuleCompiler(module.settings())) {
            assertThat(compiler.compileAll().succeeded()).isTrue();
            Files.writeString(shape, edited);
            CompileResult result = compiler.compile(changed(shape));
            assertThat(result.diagnostics()).isEmpty();
            assertThat(result.apiChanged()).as("an API change compiles in full").isEqualTo(result.fullCompile());
            return result.fullCompile();
        }
    }
}
