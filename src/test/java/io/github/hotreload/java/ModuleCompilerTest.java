package io.github.hotreload.java;

import static io.github.hotreload.java.TestModule.changed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleCompilerTest {

    private static final String GREETER = """
            package a;

            public class Greeter {
                public static final String PREFIX = "Hello";

                public static String greet(String name) {
                    return PREFIX + ", " + name;
                }
            }
            """;

    private static final String MAIN = """
            package a;

            public class Main {
                public static String run() {
                    return Greeter.greet("world");
                }

                public static void main(String[] args) {
                    System.out.println(run());
                }
            }
            """;

    private static final String BANNER = """
            package a;

            public class Banner {
                public static String banner() {
                    return Greeter.PREFIX + "!";
                }
            }
            """;

    private static final String UTIL = """
            package a.util;

            public class Util {
                static class Nested {
                }

                private static class Secret {
                }

                static Runnable task() {
                    return new Runnable() {
                        public void run() {
                        }
                    };
                }
            }
            """;

    @TempDir
    Path dir;

    private TestModule module;
    private ModuleCompiler compiler;
    private Path greeter;
    private Path main;

    @BeforeEach
    void compileModule() throws Exception {
        module = new TestModule(dir);
        greeter = module.source("a/Greeter.java", GREETER);
        main = module.source("a/Main.java", MAIN);
        module.source("a/Banner.java", BANNER);
        module.source("a/util/Util.java", UTIL);
        module.resource("app.properties", "greeting=hello\n");
        compiler = new ModuleCompiler(module.settings());
        CompileResult result = compiler.compileAll();
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.succeeded()).isTrue();
    }

    @AfterEach
    void close() throws Exception {
        compiler.close();
    }

    @Test
    void compileAllCompilesEverySourceAndCopiesResources() throws Exception {
        for (String classFile : new String[] {"a/Greeter.class", "a/Main.class", "a/Banner.class",
                "a/util/Util.class", "a/util/Util$Nested.class", "a/util/Util$Secret.class", "a/util/Util$1.class"}) {
            assertThat(module.classFile(classFile)).exists();
        }
        assertThat(module.classFile("app.properties")).hasContent("greeting=hello");
        assertThat(module.call("a.Main", "run")).isEqualTo("Hello, world");

        CompileResult again = compiler.compileAll();
        assertThat(again.succeeded()).isTrue();
        assertThat(again.fullCompile()).isTrue();
        assertThat(again.apiChanged()).as("same sources, same API").isFalse();
        assertThat(again.compiled()).hasSize(4);
        assertThat(module.classes).isDirectoryNotContaining("glob:**.hotreload-tmp");
    }

    @Test
    void aBodyEditCompilesOnlyThatFileAndChangesNoApi() throws Exception {
        byte[] mainBefore = module.bytes("a/Main.class");
        Files.writeString(greeter, GREETER.replace("PREFIX + \", \" + name", "PREFIX + \" there, \" + name"));

        CompileResult result = compiler.compile(changed(greeter));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.fullCompile()).isFalse();
        assertThat(result.reason()).isNull();
        assertThat(result.apiChanged()).isFalse();
        assertThat(result.compiled()).containsExactly(greeter.toAbsolutePath().normalize());
        assertThat(module.call("a.Main", "run")).isEqualTo("Hello there, world");
        assertThat(module.bytes("a/Main.class")).isEqualTo(mainBefore);
    }

    @Test
    void aSignatureChangeCompilesTheModuleAndNamesTheBrokenCaller() throws Exception {
        byte[] greeterBefore = module.bytes("a/Greeter.class");
        Files.writeString(greeter, GREETER.replace("greet(String name)", "greet(int name)"));

        CompileResult result = compiler.compile(changed(greeter));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.fullCompile()).isTrue();
        assertThat(result.reason()).isEqualTo("the API of a.Greeter changed");
        assertThat(result.compiled()).hasSize(4);
        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().get(0)).startsWith("src/main/java/a/Main.java:5: error: ");
        int at = result.diagnostics().indexOf(result.errors().get(0));
        assertThat(result.diagnostics().get(at + 1)).isEqualTo("        return Greeter.greet(\"world\");");
        assertThat(result.diagnostics().get(at + 2)).isEqualTo(" ".repeat(29) + "^"); // as javac prints it
        assertThat(module.bytes("a/Greeter.class")).as("the old classes keep serving").isEqualTo(greeterBefore);

        // The caller is fixed: the full compile that failed is done again, whatever changed.
        Files.writeString(main, MAIN.replace("greet(\"world\")", "greet(42)"));
        CompileResult fixed = compiler.compile(changed(main));
        assertThat(fixed.diagnostics()).isEmpty();
        assertThat(fixed.succeeded()).isTrue();
        assertThat(fixed.fullCompile()).isTrue();
        assertThat(fixed.apiChanged()).isTrue();
        assertThat(module.call("a.Main", "run")).isEqualTo("Hello, 42");
    }

    @Test
    void aChangedConstantCompilesTheSourcesThatInlinedIt() throws Exception {
        Files.writeString(greeter, GREETER.replace("\"Hello\"", "\"Hi\""));

        CompileResult result = compiler.compile(changed(greeter));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.fullCompile()).isTrue();
        assertThat(result.apiChanged()).isTrue();
        assertThat(module.call("a.Banner", "banner")).isEqualTo("Hi!");
    }

    @Test
    void anAddedPublicMethodIsAnApiChangeThatStillCompiles() throws Exception {
        Files.writeString(greeter, GREETER.replace("}\n}", "}\n\n    public static int twice(int x) {\n"
                + "        return 2 * x;\n    }\n}"));

        CompileResult result = compiler.compile(changed(greeter));

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.fullCompile()).isTrue();
        assertThat(result.apiChanged()).isTrue();
        assertThat(module.call("a.Main", "run")).isEqualTo("Hello, world");
    }

    @Test
    void aDeletedSourceTakesItsNestedAndAnonymousClassesAlong() throws Exception {
        Path util = module.sources.resolve("a/util/Util.java");
        Files.delete(util);

        CompileResult result = compiler.compile(changed(util));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.fullCompile()).isTrue();
        assertThat(result.reason()).isEqualTo("src/main/java/a/util/Util.java was deleted");
        assertThat(module.classes.resolve("a/util")).isEmptyDirectory();
        assertThat(module.classFile("a/Main.class")).exists();
    }

    @Test
    void aDeletedSourceStillUsedFailsAndKeepsItsClassesUntilTheUseIsGone() throws Exception {
        Files.delete(greeter);

        CompileResult result = compiler.compile(changed(greeter));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.errors()).anyMatch(line -> line.startsWith("src/main/java/a/Main.java:5: error: "))
                .anyMatch(line -> line.startsWith("src/main/java/a/Banner.java:5: error: "));
        assertThat(module.classFile("a/Greeter.class")).as("the running service may still load it").exists();

        Files.writeString(main, MAIN.replace("Greeter.greet(\"world\")", "\"bye\""));
        Path banner = module.sources.resolve("a/Banner.java");
        Files.writeString(banner, BANNER.replace("Greeter.PREFIX", "\"Bye\""));
        CompileResult fixed = compiler.compile(changed(main, banner));
        assertThat(fixed.diagnostics()).isEmpty();
        assertThat(fixed.succeeded()).isTrue();
        assertThat(module.classFile("a/Greeter.class")).doesNotExist();
        assertThat(module.call("a.Main", "run")).isEqualTo("bye");
    }

    @Test
    void aRemovedPrivateNestedClassIsNoApiChangeButItsClassFileGoes() throws Exception {
        Path util = module.sources.resolve("a/util/Util.java");
        Files.writeString(util, UTIL.replace("    private static class Secret {\n    }\n", ""));

        CompileResult result = compiler.compile(changed(util));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.fullCompile()).isFalse();
        assertThat(module.classFile("a/util/Util$Secret.class")).doesNotExist();
        assertThat(module.classFile("a/util/Util$Nested.class")).exists();
        assertThat(module.classFile("a/util/Util$1.class")).exists();
    }

    @Test
    void aCompileErrorKeepsTheOldClassesAndTheFileIsCompiledAgainNextTime() throws Exception {
        byte[] greeterBefore = module.bytes("a/Greeter.class");
        Files.writeString(greeter, GREETER.replace("return PREFIX", "return PREFIXX"));

        CompileResult result = compiler.compile(changed(greeter));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.fullCompile()).isFalse();
        assertThat(result.diagnostics()).containsExactly(
                "src/main/java/a/Greeter.java:7: error: cannot find symbol",
                "        return PREFIXX + \", \" + name;",
                "               ^",
                "  symbol:   variable PREFIXX",
                "  location: class a.Greeter");
        assertThat(module.bytes("a/Greeter.class")).isEqualTo(greeterBefore);
        assertThat(module.call("a.Main", "run")).isEqualTo("Hello, world");

        // Fixed, but the next event names another file only: the failed one must not be forgotten.
        Files.writeString(greeter, GREETER.replace("\", \"", "\"; \""));
        Files.writeString(main, MAIN.replace("\"world\"", "\"you\""));
        CompileResult fixed = compiler.compile(changed(main));

        assertThat(fixed.succeeded()).isTrue();
        assertThat(fixed.fullCompile()).isFalse();
        assertThat(fixed.compiled()).containsExactlyInAnyOrder(
                greeter.toAbsolutePath().normalize(), main.toAbsolutePath().normalize());
        assertThat(module.call("a.Main", "run")).isEqualTo("Hello; you");

        assertThat(compiler.compile(Set.of()).compiled()).as("nothing left to do").isEmpty();
    }

    @Test
    void aSourceThatFailedAndWasDeletedWithoutAnEventIsNotCompiledAgain() throws Exception {
        Path bad = module.source("a/Bad.java", "package a; class Bad { int x = nope; }");
        assertThat(compiler.compile(changed(bad)).succeeded()).isFalse();
        Files.delete(bad);
        Files.writeString(main, MAIN.replace("\"world\"", "\"again\""));

        CompileResult result = compiler.compile(changed(main));

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.succeeded()).isTrue();
        assertThat(module.call("a.Main", "run")).isEqualTo("Hello, again");
    }

    @Test
    void anErrorFoundWhileWritingClassFilesLeavesEveryOneAsItWas() throws Exception {
        byte[] greeterBefore = module.bytes("a/Greeter.class");
        Files.writeString(greeter, GREETER.replace("\", \"", "\"; \""));
        // Sorted after Greeter, and found too large only when its bytecode is generated.
        Path big = module.source("a/Zbig.java", "package a; class Zbig { static int[] values = {"
                + IntStream.range(0, 20_000).mapToObj(String::valueOf).collect(Collectors.joining(",")) + "}; }");

        CompileResult result = compiler.compile(changed(greeter, big));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.errors()).anyMatch(line -> line.startsWith("src/main/java/a/Zbig.java:1: error: code too large"));
        assertThat(module.bytes("a/Greeter.class")).isEqualTo(greeterBefore);
    }

    @Test
    void anAddedSourceIsCompiledAloneAndLaterSourcesSeeIt() throws Exception {
        Path shout = module.source("a/Shout.java", """
                package a;

                public class Shout {
                    public static String loud(String s) {
                        return s.toUpperCase();
                    }
                }
                """);
        CompileResult added = compiler.compile(changed(shout));
        assertThat(added.fullCompile()).isFalse();
        assertThat(added.apiChanged()).isFalse();

        Files.writeString(main, MAIN.replace("Greeter.greet(\"world\")", "Shout.loud(Greeter.greet(\"world\"))"));
        CompileResult result = compiler.compile(changed(main));
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.fullCompile()).isFalse();
        assertThat(module.call("a.Main", "run")).isEqualTo("HELLO, WORLD");
    }

    @Test
    void aPackageDeletedOrAddedAsADirectoryCounts() throws Exception {
        Path utilPackage = module.sources.resolve("a/util");
        Path moved = module.sources.resolve("b/util");
        Files.createDirectories(moved.getParent());
        Files.move(utilPackage, moved);
        Path movedUtil = moved.resolve("Util.java");
        Files.writeString(movedUtil, UTIL.replace("package a.util;", "package b.util;"));

        CompileResult result = compiler.compile(changed(utilPackage, moved));

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.fullCompile()).isTrue();
        assertThat(result.reason()).isEqualTo("src/main/java/a/util was deleted");
        assertThat(module.classFile("a/util/Util.class")).doesNotExist();
        assertThat(module.classFile("b/util/Util$1.class")).exists();

        module.source("c/C.java", "package c; public class C { public static String run() { return \"c\"; } }");
        CompileResult added = compiler.compile(changed(module.sources.resolve("c")));
        assertThat(added.fullCompile()).isFalse();
        assertThat(added.compiled()).hasSize(1);
        assertThat(module.call("c.C", "run")).isEqualTo("c");
    }

    @Test
    void resourcesAreCopiedAndDeleted() throws Exception {
        Path properties = module.resources.resolve("app.properties");
        Files.writeString(properties, "greeting=hi\n");
        Path added = module.resource("static/index.html", "<p>hi</p>");
        CompileResult result = compiler.compile(changed(properties, added, dir.resolve("README.md")));
        assertThat(result.succeeded()).isTrue();
        assertThat(result.compiled()).isEmpty();
        assertThat(module.classFile("app.properties")).hasContent("greeting=hi");
        assertThat(module.classFile("static/index.html")).hasContent("<p>hi</p>");

        Files.delete(added);
        Files.delete(properties);
        compiler.compile(changed(added, properties));
        assertThat(module.classFile("static/index.html")).doesNotExist();
        assertThat(module.classFile("app.properties")).doesNotExist();
        assertThat(module.classFile("a/Main.class")).exists();

        module.resource("templates/mail/welcome.txt", "welcome");
        compiler.compile(changed(module.resources.resolve("templates")));
        assertThat(module.classFile("templates/mail/welcome.txt")).hasContent("welcome");
        Files.delete(module.resources.resolve("templates/mail/welcome.txt"));
        Files.delete(module.resources.resolve("templates/mail"));
        compiler.compile(changed(module.resources.resolve("templates/mail")));
        assertThat(module.classFile("templates/mail")).doesNotExist();
    }

    @Test
    void aModuleWithResourcesOnlyCompiles(@TempDir Path other) throws Exception {
        TestModule resourcesOnly = new TestModule(other);
        resourcesOnly.resource("only.txt", "only");
        try (ModuleCompiler onlyResources = new ModuleCompiler(resourcesOnly.settings())) {
            CompileResult result = onlyResources.compileAll();
            assertThat(result.diagnostics()).isEmpty();
            assertThat(result.succeeded()).isTrue();
            assertThat(resourcesOnly.classFile("only.txt")).hasContent("only");
        }
    }

    @Test
    void aRuntimeWithoutCompilerIsReportedAsSuch() {
        assertThatThrownBy(() -> new ModuleCompiler(module.settings(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a Java runtime without a compiler");
    }

    @Test
    void anApiChangeInACompileOfEverySourceIsNotCompiledTwice(@org.junit.jupiter.api.io.TempDir Path other)
            throws Exception {
        TestModule single = new TestModule(other);
        Path only = single.source("b/Only.java", "package b; public class Only {"
                + " public static final String VERSION = \"v1\"; public static String name() { return VERSION; } }");
        try (ModuleCompiler c = new ModuleCompiler(single.settings())) {
            assertThat(c.compileAll().succeeded()).isTrue();
            Files.writeString(only, Files.readString(only).replace("\"v1\"", "\"v2\""));

            CompileResult result = c.compile(changed(only));

            assertThat(result.succeeded()).isTrue();
            assertThat(result.apiChanged()).as("a constant is API: who inlined it must compile again").isTrue();
            assertThat(result.fullCompile()).isTrue();
            assertThat(result.compiled()).containsExactly(only.toAbsolutePath().normalize());
            assertThat(single.call("b.Only", "name")).isEqualTo("v2");
        }
    }

    @Test
    void aWarmUpWritesNothing() throws Exception {
        byte[] before = module.bytes("a/Main.class");
        long modified = Files.getLastModifiedTime(module.classFile("a/Main.class")).toMillis();
        Files.writeString(greeter, GREETER.replace("PREFIX + \", \" + name", "PREFIX + \" warm, \" + name"));

        compiler.warmUp();

        assertThat(module.bytes("a/Main.class")).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(module.classFile("a/Main.class")).toMillis()).isEqualTo(modified);
        assertThat(module.call("a.Main", "run")).as("the edit is not compiled by a warm-up").isEqualTo("Hello, world");
    }
}
