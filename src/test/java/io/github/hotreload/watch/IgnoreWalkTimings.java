package io.github.hotreload.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A measurement to run by hand, not a test: a walk of a 50,000-file repository with nested
 * {@code .gitignore} files, with the ignore rules and without them, cold (new rules, nothing
 * cached) and warm, and the start-up listing of directories that the watch does.
 *
 * <pre>./mvnw -q -o test-compile
 * java -cp target/classes:target/test-classes:$(cat cp.txt) io.github.hotreload.watch.IgnoreWalkTimings</pre>
 */
public final class IgnoreWalkTimings {

    private static final int ROUNDS = 15;

    public static void main(String[] args) throws Exception {
        Path top = Files.createTempDirectory("ignore-walk").toRealPath();
        Files.createDirectories(top.resolve(".git/info"));
        StringBuilder root = new StringBuilder("# the repository's rules\n");
        for (int i = 0; i < 30; i++) {
            root.append("*.ext").append(i).append("\n/top").append(i).append("/\n");
        }
        root.append("*.log\n!keep.log\nbuild/\n**/cache/**\n[Tt]emp*/\n");
        Files.writeString(top.resolve(".gitignore"), root);
        int files = 0;
        for (int a = 0; a < 50; a++) {
            Path da = Files.createDirectories(top.resolve("mod" + a));
            Files.writeString(da.resolve(".gitignore"), "/generated/\n*.o\n!important.o\nsrc/**/*.bak\n"
                    + "*.tmp" + a + "\nfoo?bar\n[0-9]*.out\n");
            for (int b = 0; b < 10; b++) {
                Path db = Files.createDirectories(da.resolve("src/pkg" + b));
                if (b % 3 == 0) {
                    Files.writeString(db.resolve(".gitignore"), "*.gen\n!keep.gen\n/local\n");
                }
                for (int c = 0; c < 100; c++) {
                    String name = switch (c % 10) {
                        case 0 -> "f" + c + ".log";
                        case 1 -> "f" + c + ".o";
                        case 2 -> "f" + c + ".gen";
                        default -> "File" + c + ".java";
                    };
                    Files.writeString(db.resolve(name), "x");
                    files++;
                }
            }
        }
        System.out.println(files + " files in " + top);
        PathFilter without = new PathFilter(top, List.of(), List.of(), List.of(), Set.of());
        Supplier<PathFilter> with = () -> new PathFilter(top, List.of(), List.of(), List.of(), Set.of(),
                IgnoreRules.forService(top, Map.of("HOME", top.toString())));
        PathFilter warm = with.get();
        walk(warm);
        report("walk, no ignore rules        ", () -> without);
        report("walk, ignore rules, cold     ", with);
        report("walk, ignore rules, warm     ", () -> warm);
        System.out.println("files that count: without " + walk(without) + ", with " + walk(warm));
        List<Path> all = new ArrayList<>();
        try (var w = Files.walk(top)) {
            w.filter(Files::isRegularFile).filter(p -> !p.startsWith(top.resolve(".git"))).forEach(all::add);
        }
        time("acceptsFile x " + all.size() + ", no rules ", () -> without, f -> all.forEach(f::acceptsFile));
        time("acceptsFile x " + all.size() + ", rules, cold", with, f -> all.forEach(f::acceptsFile));
        time("acceptsFile x " + all.size() + ", rules, warm", () -> warm, f -> all.forEach(f::acceptsFile));
        list("start-up listing, no rules   ", () -> without);
        list("start-up listing, rules, cold", with);
    }

    private static int walk(PathFilter filter) throws Exception {
        int[] n = {0};
        TreeWalk.walk(filter, (file, rel, attrs) -> n[0]++);
        return n[0];
    }

    private interface Run {
        void run(PathFilter f) throws Exception;
    }

    private static void report(String what, Supplier<PathFilter> filter) throws Exception {
        time(what, filter, IgnoreWalkTimings::walk);
    }

    private static void list(String what, Supplier<PathFilter> filter) throws Exception {
        time(what, filter, f -> new FilteringTreeVisitor(f, s -> {}).recursiveVisitFiles(f.root(), d -> {}, x -> {}));
    }

    private static void time(String what, Supplier<PathFilter> filter, Run run) throws Exception {
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            PathFilter f = filter.get();
            long t = System.nanoTime();
            run.run(f);
            ms.add((System.nanoTime() - t) / 1_000_000);
        }
        Collections.sort(ms);
        System.out.println(what + ": median " + ms.get(ROUNDS / 2) + " ms (min " + ms.get(0) + ", max "
                + ms.get(ROUNDS - 1) + ")");
    }
}
