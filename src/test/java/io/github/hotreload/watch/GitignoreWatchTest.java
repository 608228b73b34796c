package io.github.hotreload.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real watch of a real repository: what its ignore files rule out fires nothing, and edits of them take effect. */
class GitignoreWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private GitRepo repo;
    private Path service;
    private final List<Path> changes = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private ChangeWatcher watcher;

    private final ChangeWatcher.Listener listener = new ChangeWatcher.Listener() {
        @Override
        public void onChange(Path path) {
            changes.add(path);
        }

        @Override
        public void onOverflow() {}

        @Override
        public void onProblem(String message) {
            problems.add(message);
        }
    };

    @BeforeEach
    void repository() throws Exception {
        repo = new GitRepo(dir);
        service = repo.mkdir("api");
        repo.write(".gitignore", "build/\n*.log\n!keep.log\n");
        repo.write("api/build/old.o", "x");
        repo.write("api/src/main.go", "package main");
    }

    @AfterEach
    void close() {
        if (watcher != null) {
            watcher.close();
        }
        assertThat(problems).isEmpty();
    }

    private PathFilter filter(boolean gitignore) {
        return new PathFilter(service, List.of(), List.of(), List.of(), Set.of(),
                gitignore ? IgnoreRules.forService(service, repo.environment()) : null);
    }

    /** Writes a file that counts and waits for its event: every event before it has arrived. */
    private void sync(String name) throws Exception {
        Path marker = repo.write("api/" + name, name);
        await().atMost(WAIT).until(() -> changes.contains(marker));
    }

    @Test
    void anIgnoredDirectoryGetsNoWatch() throws Exception {
        List<Path> watched = new ArrayList<>();
        new FilteringTreeVisitor(filter(true), problems::add).recursiveVisitFiles(service, watched::add, f -> {});
        assertThat(watched).contains(service, service.resolve("src")).doesNotContain(service.resolve("build"));

        watched.clear();
        new FilteringTreeVisitor(filter(false), problems::add).recursiveVisitFiles(service, watched::add, f -> {});
        assertThat(watched).as("<gitignore>false").contains(service.resolve("build"));
    }

    @Test
    void ignoredFilesFireNothingAndANegatedOneDoes() throws Exception {
        watcher = ChangeWatcher.start("api", filter(true), listener);
        Path ignored = repo.write("api/build/new.o", "x");
        Path log = repo.write("api/src/debug.log", "x");
        Path keep = repo.write("api/src/keep.log", "x");
        await().atMost(WAIT).until(() -> changes.contains(keep));
        sync("marker.go");
        assertThat(changes).doesNotContain(ignored, log);
    }

    @Test
    void withGitignoreFalseIgnoredFilesFire() throws Exception {
        watcher = ChangeWatcher.start("api", filter(false), listener);
        Path log = repo.write("api/src/debug.log", "x");
        Path ignored = repo.write("api/build/new.o", "x");
        await().atMost(WAIT).until(() -> changes.containsAll(List.of(log, ignored)));
    }

    @Test
    void editingAGitignoreWhileWatchingTakesEffectWithoutARebuild() throws Exception {
        watcher = ChangeWatcher.start("api", filter(true), listener);
        Path gitignore = repo.write("api/.gitignore", "*.gen\n");
        sync("after-edit.go");
        assertThat(changes).as("the ignore file itself").doesNotContain(gitignore);

        Path gen = repo.write("api/src/a.gen", "x");
        sync("after-gen.go");
        assertThat(changes).as("newly ignored").doesNotContain(gen);

        Files.delete(gitignore);
        sync("after-delete.go");
        Path genAgain = repo.write("api/src/b.gen", "x");
        await().atMost(WAIT).until(() -> changes.contains(genAgain));
    }

    @Test
    void aDirectoryThatBecomesUnignoredIsWatched() throws Exception {
        watcher = ChangeWatcher.start("api", filter(true), listener);
        Path inBuild = service.resolve("build/before.o");
        repo.write("api/build/before.o", "x");
        sync("first.go");
        assertThat(changes).doesNotContain(inBuild);

        repo.write(".gitignore", "*.log\n"); // outside the watched tree: not seen
        repo.write("api/.ignore", "!build/\n"); // inside: seen, and re-includes build/
        Path after = service.resolve("build/after.o");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            Files.writeString(after, "x" + System.nanoTime());
            return changes.contains(after);
        });
    }

    @Test
    void aPollingWatchFollowsTheIgnoreFilesToo() throws Exception {
        watcher = ChangeWatcher.poll("api", filter(true), listener, Duration.ofMillis(100));
        repo.write("api/.gitignore", "*.gen\n");
        Path gen = repo.write("api/src/a.gen", "x");
        sync("after-gen.go");
        assertThat(changes).doesNotContain(gen);
    }
}
