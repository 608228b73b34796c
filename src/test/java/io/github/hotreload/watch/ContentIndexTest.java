package io.github.hotreload.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentIndexTest {

    @TempDir
    Path dir;

    private ContentIndex index;
    private Path a;

    @BeforeEach
    void indexOneFile() throws Exception {
        a = Files.writeString(dir.resolve("a.txt"), "A");
        index = new ContentIndex(new PathFilter(dir, List.of(), List.of(), List.of(), Set.of()));
        index.found(a, Files.readAttributes(a, BasicFileAttributes.class));
        assertThat(index.indexPending()).isEqualTo(1);
    }

    private Set<Path> changed(Path... paths) {
        for (Path p : paths) {
            index.touched(p);
        }
        return index.differing(List.of(paths));
    }

    @Test
    void aTouchIsNoChange() throws Exception {
        Files.setLastModifiedTime(a, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(changed(a)).isEmpty();
    }

    @Test
    void anEditUndoneIsNoChange() throws Exception {
        Files.writeString(a, "B");
        Files.writeString(a, "A");
        assertThat(changed(a)).isEmpty();
    }

    @Test
    void anEditIsAChangeOnceOnly() throws Exception {
        Files.writeString(a, "B");
        assertThat(changed(a)).containsExactly(a);
        assertThat(changed(a)).isEmpty();
        Files.writeString(a, "A");
        assertThat(changed(a)).containsExactly(a);
    }

    @Test
    void sameSizeDifferentContentIsAChange() throws Exception {
        Files.writeString(a, "Z");
        assertThat(changed(a)).containsExactly(a);
    }

    @Test
    void creationAndDeletionAreChanges() throws Exception {
        Path b = Files.writeString(dir.resolve("b.txt"), "new");
        assertThat(changed(b)).containsExactly(b);
        Files.delete(b);
        assertThat(changed(b)).containsExactly(b);
        Files.delete(a);
        assertThat(changed(a)).containsExactly(a);
    }

    @Test
    void aFileCreatedAndDeletedAgainIsNoChange() {
        Path c = dir.resolve("c.txt");
        assertThat(changed(c)).isEmpty();
    }

    @Test
    void aDeletedDirectoryChangesTheFilesItHeld() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path x = Files.writeString(sub.resolve("x.txt"), "x");
        assertThat(changed(x)).containsExactly(x);
        Files.delete(x);
        Files.delete(sub);
        assertThat(changed(sub)).containsExactly(x);
    }

    @Test
    void aFileEditedBeforeItWasIndexedIsAChange() throws Exception {
        Path b = Files.writeString(dir.resolve("b.txt"), "one");
        index.found(b, Files.readAttributes(b, BasicFileAttributes.class));
        Files.writeString(b, "two");
        index.touched(b); // the event arrives before the background indexer reaches the file
        index.indexPending();
        assertThat(index.differing(List.of(b))).containsExactly(b);
    }

    @Test
    void aFileDeletedBeforeItWasIndexedIsAChange() throws Exception {
        Path b = Files.writeString(dir.resolve("b.txt"), "one");
        index.found(b, Files.readAttributes(b, BasicFileAttributes.class));
        Files.delete(b);
        index.touched(b);
        assertThat(index.differing(List.of(b))).containsExactly(b);
    }

    @Test
    void filesTheBuildWritesAreRebaselined() throws Exception {
        Path lock = Files.writeString(dir.resolve("Cargo.lock"), "v1");
        index.rebaseline(List.of(lock));
        assertThat(changed(lock)).isEmpty();
        Files.writeString(lock, "v2 by the user");
        assertThat(changed(lock)).containsExactly(lock);
    }

    @Test
    void afterLostEventsEveryChangeCounts() throws Exception {
        index.forget();
        assertThat(changed(dir.resolve("never-existed.txt"))).hasSize(1);
    }
}
