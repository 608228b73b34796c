package io.github.hotreload.java;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A measurement to run by hand, not a test: how long ModuleCompiler takes on a module of 20
 * sources, first in full, then for a one-file body edit and for a signature change, warm.
 *
 * <pre>./mvnw -q -o test-compile
 * java -cp target/classes:target/test-classes io.github.hotreload.java.CompileTimings</pre>
 */
public final class CompileTimings {

    private static final int SOURCES = 20;
    private static final int ROUNDS = 15;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("compile-timings");
        TestModule module = new TestModule(dir);
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < SOURCES; i++) {
            sources.add(module.source("a/C" + i + ".java", source(i, "int", 0)));
        }
        try (ModuleCompiler compiler = new ModuleCompiler(module.settings())) {
            report("first compileAll (cold javac)", List.of(compiler.compileAll()));
            List<CompileResult> full = new ArrayList<>();
            List<CompileResult> body = new ArrayList<>();
            List<CompileResult> signature = new ArrayList<>();
            Path edited = sources.get(SOURCES / 2);
            String type = "int";
            for (int round = 1; round <= ROUNDS; round++) {
                full.add(compiler.compileAll());
                Files.writeString(edited, source(SOURCES / 2, type, round));
                body.add(check(compiler.compile(Set.of(edited)), false));
                type = type.equals("int") ? "long" : "int";
                Files.writeString(edited, source(SOURCES / 2, type, round));
                signature.add(check(compiler.compile(Set.of(edited)), true));
            }
            report("warm compileAll", full);
            report("warm one-file body edit", body);
            report("warm signature change (falls back to full)", signature);
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Source {@code i}: a class that calls the one before it, with some methods to attribute. */
    private static String source(int i, String parameterType, int variant) {
        StringBuilder s = new StringBuilder("package a;\n\nimport java.util.*;\n\npublic class C" + i + " {\n");
        s.append("    public static ").append(parameterType).append(" value(").append(parameterType)
                .append(" x) {\n        return x + ").append(variant).append(";\n    }\n");
        for (int m = 0; m < 15; m++) {
            s.append("    public List<String> m").append(m).append("(Map<String, Integer> in) {\n")
                    .append("        List<String> out = new ArrayList<>();\n")
                    .append("        in.forEach((k, v) -> out.add(k + v + ").append(m).append("));\n")
                    .append("        return out;\n    }\n");
        }
        if (i > 0) {
            s.append("    public static long previous() {\n        return C").append(i - 1).append(".value(1);\n    }\n");
        }
        return s.append("}\n").toString();
    }

    private static CompileResult check(CompileResult result, boolean full) {
        if (!result.succeeded() || result.fullCompile() != full) {
            throw new IllegalStateException("unexpected: " + result);
        }
        return result;
    }

    private static void report(String what, List<CompileResult> results) {
        List<Long> millis = new ArrayList<>(results.stream().map(r -> r.duration().toMillis()).toList());
        Collections.sort(millis);
        System.out.printf("%-45s median %4d ms  min %4d ms  max %4d ms  (%d runs, %d sources compiled)%n", what,
                millis.get(millis.size() / 2), millis.get(0), millis.get(millis.size() - 1), millis.size(),
                results.get(0).compiled().size());
    }
}
