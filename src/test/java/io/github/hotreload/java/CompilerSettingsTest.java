package io.github.hotreload.java;

import static io.github.hotreload.java.TestModule.changed;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Parameter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings javac gets from a module's build reach it: encoding, -parameters, annotation processors. */
class CompilerSettingsTest {

    @TempDir
    Path dir;

    @Test
    void theSourceEncodingIsHonoured() throws Exception {
        TestModule module = new TestModule(dir);
        Path source = module.sources.resolve("a/Word.java");
        Files.createDirectories(source.getParent());
        Files.write(source, "package a; public class Word { public static String word() { return \"caf\u00e9\"; } }"
                .getBytes(StandardCharsets.ISO_8859_1));

        try (ModuleCompiler compiler = new ModuleCompiler(module.settings().withEncoding("ISO-8859-1"))) {
            CompileResult result = compiler.compileAll();
            assertThat(result.diagnostics()).isEmpty();
            assertThat(module.call("a.Word", "word")).isEqualTo("caf\u00e9");
        }
    }

    @Test
    void parameterNamesAreKeptOnlyWithTheParametersFlag() throws Exception {
        assertThat(parameterNames(dir.resolve("with"), true)).containsExactly("name", "times");
        assertThat(parameterNames(dir.resolve("without"), false)).containsExactly("arg0", "arg1");
    }

    private static List<String> parameterNames(Path moduleDir, boolean parameters) throws Exception {
        TestModule module = new TestModule(moduleDir);
        module.source("a/Api.java", "package a; public class Api { public void greet(String name, int times) {} }");
        try (ModuleCompiler compiler = new ModuleCompiler(module.settings().withParameters(parameters))) {
            assertThat(compiler.compileAll().succeeded()).isTrue();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {module.classes.toUri().toURL()}, null)) {
            Parameter[] params = loader.loadClass("a.Api").getMethod("greet", String.class, int.class).getParameters();
            return Arrays.stream(params).map(Parameter::getName).toList();
        }
    }

    @Test
    void anAnnotationProcessorFromTheProcessorPathGeneratesASourceThatIsCompiled() throws Exception {
        Path processorSources = dir.resolve("processor/src");
        Javac.write(processorSources, "proc/Make.java", "package proc; public @interface Make {}");
        Javac.write(processorSources, "proc/MakeProcessor.java", """
                package proc;

                import java.io.IOException;
                import java.io.UncheckedIOException;
                import java.io.Writer;
                import java.util.Set;
                import javax.annotation.processing.AbstractProcessor;
                import javax.annotation.processing.RoundEnvironment;
                import javax.annotation.processing.SupportedAnnotationTypes;
                import javax.lang.model.SourceVersion;
                import javax.lang.model.element.Element;
                import javax.lang.model.element.TypeElement;

                @SupportedAnnotationTypes("proc.Make")
                public class MakeProcessor extends AbstractProcessor {
                    @Override
                    public SourceVersion getSupportedSourceVersion() {
                        return SourceVersion.latestSupported();
                    }

                    @Override
                    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
                        for (Element e : round.getElementsAnnotatedWith(Make.class)) {
                            String name = e.getSimpleName() + "Made";
                            try (Writer w = processingEnv.getFiler().createSourceFile("a." + name, e).openWriter()) {
                                w.write("package a; public class " + name
                                        + " { public static String made() { return \\"made by a processor\\"; } }");
                            } catch (IOException x) {
                                throw new UncheckedIOException(x);
                            }
                        }
                        return true;
                    }
                }
                """);
        Path processorClasses = dir.resolve("processor/classes");
        Javac.compile(processorSources, processorClasses);
        // The module sees the annotation only: the processor must come from the processor path.
        Path annotationSources = Javac.write(dir, "annotation/src/proc/Make.java", "package proc; public @interface Make {}");
        Path annotationClasses = dir.resolve("annotation/classes");
        Javac.compile(annotationSources.getParent(), annotationClasses);

        TestModule module = new TestModule(dir.resolve("module"));
        Path thing = module.source("a/Thing.java", "package a; @proc.Make public class Thing {"
                + " public static String run() { return ThingMade.made(); } }");
        Path generated = module.dir.resolve("target/generated-sources/annotations");
        CompilerSettings defaults = module.settings();
        CompilerSettings settings = new CompilerSettings(defaults.moduleDirectory(), defaults.sourceRoots(),
                defaults.resourceRoots(), defaults.outputDirectory(), List.of(annotationClasses), List.of(processorClasses),
                generated, "17", null, null, "UTF-8", false, List.of(), List.of("proc.MakeProcessor"));

        try (ModuleCompiler compiler = new ModuleCompiler(settings)) {
            CompileResult result = compiler.compileAll();
            assertThat(result.diagnostics()).isEmpty();
            assertThat(generated.resolve("a/ThingMade.java")).content().contains("made by a processor");
            assertThat(module.classFile("a/ThingMade.class")).exists();
            assertThat(module.call("a.Thing", "run")).isEqualTo("made by a processor");

            // An edit of the annotated source runs the processor again, incrementally.
            Files.writeString(thing, Files.readString(thing).replace("ThingMade.made()", "ThingMade.made() + \"!\""));
            CompileResult again = compiler.compile(changed(thing));
            assertThat(again.diagnostics()).isEmpty();
            assertThat(again.fullCompile()).isFalse();
            assertThat(module.call("a.Thing", "run")).isEqualTo("made by a processor!");
        }
    }
}
