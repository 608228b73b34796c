package io.github.hotreload.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.hotreload.java.CompilerSettings;
import io.github.hotreload.java.JavaModule;
import io.github.hotreload.java.JavaReactor;
import io.github.hotreload.watch.PathFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The java preset's defaults and every bad input it refuses, on modules described by plain values. */
class JavaPresetTest {

    @TempDir
    Path root;

    private Path lib;
    private Path app;
    private JavaReactor reactor;

    @BeforeEach
    void aReactorOfALibraryAndAnApp() throws Exception {
        lib = module("lib", "a/lib/Util.java", "package a.lib; public class Util { public static String v() { return \"1\"; } }");
        app = module("app", "a/app/Main.java",
                "package a.app; public class Main { public static void main(String[] args) { } }");
        reactor = new JavaReactor(List.of(
                javaModule("g:lib", lib, "jar", List.of(), List.of()),
                javaModule("g:app", app, "jar", List.of("g:lib"), List.of())));
    }

    private Path module(String name, String file, String source) throws Exception {
        Path dir = Files.createDirectories(root.resolve(name));
        Path src = dir.resolve("src/main/java").resolve(file);
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        return dir.toRealPath();
    }

    private static JavaModule javaModule(String id, Path dir, String packaging, List<String> upstream, List<String> hints) {
        return new JavaModule(id, dir, dir.resolve("pom.xml"), packaging, CompilerSettings.defaults(dir),
                List.of(Path.of("/repo/dep.jar")), upstream, hints);
    }

    private List<ServiceSpec> resolve(Path declaredIn, Consumer<ServiceDefinition> customize) throws Exception {
        ServiceDefinition d = new ServiceDefinition("app");
        d.setPreset("java");
        customize.accept(d);
        return new ServiceSpecResolver(root, System.getenv())
                .resolveDeclared(List.of(new DeclaredService(d, declaredIn, declaredIn.resolve("pom.xml"), true)), reactor);
    }

    private void refused(Path declaredIn, Consumer<ServiceDefinition> customize, String... expected) {
        assertThatThrownBy(() -> resolve(declaredIn, customize))
                .isInstanceOf(InvalidConfigurationException.class)
                .message().contains("service 'app'").contains(expected).contains("Fix: ");
    }

    @Test
    void aModulesServiceRunsItsMainClassWithItsClassPathAndWatchesWhatItDependsOn() throws Exception {
        ServiceSpec spec = resolve(app, d -> {
            d.setJvmArgs(List.of("-Xmx64m"));
            d.setArgs(List.of("--port", "8080"));
        }).get(0);

        assertThat(spec.directory()).isEqualTo(app);
        assertThat(spec.java().mainClass()).isEqualTo("a.app.Main");
        assertThat(spec.run()).contains("/bin/java -javaagent:" + app.resolve("target/hotreload/exit-agent.jar"))
                .endsWith(" -Xmx64m io.github.hotreload.process.Prestart a.app.Main --port 8080");
        assertThat(spec.environment().get("CLASSPATH"))
                .isEqualTo(app.resolve("target/classes") + java.io.File.pathSeparator + "/repo/dep.jar");
        assertThat(spec.java().upstream()).extracting(JavaModule::id).containsExactly("g:lib");
        assertThat(spec.filters()).extracting(f -> f.root()).containsExactly(app, lib);
        assertThat(spec.filter().acceptsFile(app.resolve("src/main/java/a/app/Main.java"))).isTrue();
        assertThat(spec.filter().acceptsFile(app.resolve("target/classes/a/app/Main.class"))).isFalse();
        assertThat(spec.filters().get(1).acceptsFile(lib.resolve("src/main/java/a/lib/Util.java"))).isTrue();
        assertThat(spec.hasBuild()).isTrue();
        assertThat(spec.delay()).isEqualTo(JavaPresetDefaults.JAVA_DELAY);
        assertThat(spec.probe().file()).isEqualTo(app.resolve("src/main/java/a/app/Main.java"));
    }

    @Test
    void aModuleItDependsOnIsWatchedWithItsIgnoreFilesAsTheServicesOwnDirectoryIs() throws Exception {
        // .gitignore files count in a git repository
        assertThat(new ProcessBuilder("git", "init", "-q", root.toString()).inheritIO().start().waitFor()).isZero();
        Files.writeString(lib.resolve(".gitignore"), "Generated.java\n");
        Path generated = lib.resolve("src/main/java/a/lib/Generated.java");
        Path util = lib.resolve("src/main/java/a/lib/Util.java");

        PathFilter upstream = resolve(app, d -> {}).get(0).filters().get(1);
        assertThat(upstream.root()).isEqualTo(lib);
        assertThat(upstream.acceptsFile(generated)).as("what git ignores in lib does not count").isFalse();
        assertThat(upstream.acceptsFile(util)).isTrue();

        PathFilter off = resolve(app, d -> d.setGitignore("false")).get(0).filters().get(1);
        assertThat(off.acceptsFile(generated)).as("<gitignore>false: the ignore files decide nothing").isTrue();
    }

    @Test
    void theBuildsOwnMainClassHintWinsOverTheSourceScan() throws Exception {
        Files.writeString(app.resolve("src/main/java/a/app/Other.java"),
                "package a.app; public class Other { public static void main(String... args) { } }");
        reactor = new JavaReactor(List.of(javaModule("g:app", app, "jar", List.of(), List.of("a.app.Other"))));
        assertThat(resolve(app, d -> {}).get(0).java().mainClass()).isEqualTo("a.app.Other");
    }

    @Test
    void aDirectoryThatIsNoModuleIsRefused() throws Exception {
        Path plain = Files.createDirectories(root.resolve("plain"));
        refused(root, d -> d.setDirectory("plain"), "<preset>", "is none", "point <directory> at a module");
        assertThat(plain).exists();
    }

    @Test
    void aModuleThatIsNoJarIsRefused() {
        reactor = new JavaReactor(List.of(javaModule("g:app", app, "war", List.of(), List.of())));
        refused(app, d -> {}, "packaging war");
    }

    @Test
    void noMainClassIsRefused() throws Exception {
        Files.writeString(app.resolve("src/main/java/a/app/Main.java"), "package a.app; public class Main { }");
        refused(app, d -> {}, "<mainClass>", "no class of g:app has a main method");
    }

    @Test
    void severalMainClassesAreRefusedListingThem() throws Exception {
        Files.writeString(app.resolve("src/main/java/a/app/Tool.java"),
                "package a.app;\npublic class Tool {\n    public static void main(final String[] args) { }\n}");
        refused(app, d -> {}, "several classes of g:app have a main method: a.app.Main, a.app.Tool",
                "<mainClass>a.app.Main</mainClass>");
    }

    @Test
    void aMainInACommentDoesNotCount() throws Exception {
        Files.writeString(app.resolve("src/main/java/a/app/Doc.java"),
                "package a.app; /** run it: public static void main(String[] args) */ class Doc { }");
        assertThat(resolve(app, d -> {}).get(0).java().mainClass()).isEqualTo("a.app.Main");
    }

    @Test
    void aMainClassThatIsNotInTheModuleIsRefused() {
        refused(app, d -> d.setMainClass("a.app.Nope"), "<mainClass>", "a.app.Nope is not a class of g:app");
    }

    @Test
    void aJavaHomeWithoutJavaIsRefused() throws Exception {
        Path empty = Files.createDirectories(root.resolve("not-a-jdk"));
        refused(app, d -> d.setJavaHome(empty.toString()), "<javaHome>", "holds no bin/java");
    }

    @Test
    void aJavaOlderThan17RunsTheServicePlainlyWithoutTheAgentAndTheJvmStartedAhead() throws Exception {
        Path jre = Files.createDirectories(root.resolve("jre8/bin"));
        Path java = Files.writeString(jre.resolve("java"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Files.writeString(root.resolve("jre8/release"), "JAVA_VERSION=\"1.8.0_392\"\n");

        ServiceSpec spec = resolve(app, d -> d.setJavaHome(root.resolve("jre8").toString())).get(0);

        assertThat(spec.run()).isEqualTo(java + " a.app.Main");
        assertThat(JavaPresetDefaults.featureVersion(root.resolve("jre8"))).isEqualTo(8);
        assertThat(JavaPresetDefaults.featureVersion(Path.of(System.getProperty("java.home"))))
                .isEqualTo(Runtime.version().feature());
    }

    @Test
    void namesAreUniqueAcrossTheBuildAndAClashNamesBothPoms() throws Exception {
        ServiceDefinition one = new ServiceDefinition("web");
        one.setRun("sleep 600");
        one.setDirectory(".");
        ServiceDefinition two = new ServiceDefinition("web");
        two.setRun("sleep 600");
        assertThatThrownBy(() -> new ServiceSpecResolver(root, System.getenv()).resolveDeclared(List.of(
                        new DeclaredService(one, lib, lib.resolve("pom.xml"), true),
                        new DeclaredService(two, app, app.resolve("pom.xml"), true)), reactor))
                .message().contains("two services are named 'web'").contains(lib.resolve("pom.xml").toString())
                .contains(app.resolve("pom.xml").toString());
    }
}
