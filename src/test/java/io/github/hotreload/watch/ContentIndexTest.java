package io.github.hotreload.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
        a = old(Files.writeString(dir.resolve("a.txt"), "A"));
        index = new ContentIndex(new PathFilter(dir, List.of(), List.of(), List.of(), Set.of()));
        assertThat(index.indexTree()).isEqualTo(1);
    }

    /** A file last modified a minute ago: no event for it can still be on its way. */
    private static Path old(Path file) throws Exception {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        return file;
    }

    /** As the service loop has it: each event told and its file read as it arrives, then the batch compared. */
    private Set<Path> changed(Path... paths) {
        for (Path p : paths) {
            index.touched(p);
            index.readEarly(p);
        }
        return index.differing(List.of(paths));
    }

    @Test
    void theFingerprintTakenAsTheEventArrivedIsWhatTheBatchCompares() throws Exception {
        Files.writeString(a, "A2");
        index.touched(a);
        index.readEarly(a);
        // the file changes back before the batch is compared, and that save's event is still on its way:
        // the batch is of the content its event announced; the coming event makes a batch of its own
        Files.writeString(a, "A");

        assertThat(index.differing(List.of(a))).containsExactly(a);
    }

    @Test
    void aFingerprintReadBeforeTheFilesLatestEventIsNotUsed() throws Exception {
        Files.writeString(a, "A2");
        index.touched(a);
        index.readEarly(a);
        Files.writeString(a, "A"); // undone, and its event arrives before the file is read again
        index.touched(a);

        assertThat(index.differing(List.of(a))).as("the undo is compared, not the early read").isEmpty();
    }

    @Test
    void aFileWhoseBatchWasComparedIsNotReadAgainWhenItsEarlyReadComesLate() throws Exception {
        Files.writeString(a, "A2");
        index.touched(a);
        assertThat(index.differing(List.of(a))).containsExactly(a); // read by the comparison itself
        index.readEarly(a); // the reader thread, behind

        assertThat(index.earlyReads()).as("nothing read: the comparison had it").isZero();
        Files.writeString(a, "A3");
        index.touched(a);
        index.readEarly(a);
        assertThat(index.earlyReads()).as("a new event: read").isEqualTo(1);
        assertThat(index.differing(List.of(a))).containsExactly(a);
    }

    @Test
    void aLargeFileIsReadWhenItsBatchIsCompared() throws Exception {
        Path big = old(Files.write(dir.resolve("big.bin"), new byte[(int) ContentIndex.EARLY_MAX_BYTES + 1]));
        assertThat(index.rescan()).containsExactly(big);
        byte[] changedBytes = new byte[(int) ContentIndex.EARLY_MAX_BYTES + 1];
        changedBytes[7] = 1;
        Files.write(big, changedBytes);
        index.touched(big);
        index.readEarly(big);
        Files.write(big, new byte[(int) ContentIndex.EARLY_MAX_BYTES + 1]); // back as it was

        assertThat(index.differing(List.of(big))).as("not read early, so read now: as it was").isEmpty();
    }

    @Test
    void aRescanReadsEveryFileItselfAfterLostEvents() throws Exception {
        Files.writeString(a, "A2");
        index.touched(a);
        index.readEarly(a);
        Files.writeString(a, "A"); // the event of the undo was lost

        assertThat(index.rescan()).as("the file as it is now: unchanged").isEmpty();
    }

    @Test
    void fingerprintsAreEqualByContent() throws Exception {
        Path b = Files.writeString(dir.resolve("b.txt"), "A");
        assertThat(ContentIndex.fingerprint(b)).isEqualTo(ContentIndex.fingerprint(a))
                .hasSameHashCodeAs(ContentIndex.fingerprint(a));
        Files.writeString(b, "B");
        assertThat(ContentIndex.fingerprint(b)).isNotEqualTo(ContentIndex.fingerprint(a));
        assertThat(ContentIndex.fingerprint(dir.resolve("none"))).isEqualTo(ContentIndex.Fingerprint.ABSENT);
    }

    @Test
    void anEditBetweenTheWalkAndTheFingerprintIsNotTakenAsTheBaseline() throws Exception {
        Path b = old(Files.writeString(dir.resolve("b.txt"), "B1"));
        ContentIndex fresh = new ContentIndex(new PathFilter(dir, List.of(), List.of(), List.of(), Set.of()));
        // the walk has read b's metadata (old); the user saves now, and the save's event is still on its way
        fresh.indexTree(file -> {
            if (file.equals(b)) {
                try {
                    Files.writeString(b, "B2");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        fresh.touched(b); // the event arrives

        assertThat(fresh.differing(List.of(b))).as("the edit is a change").containsExactly(b);
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
        ContentIndex fresh = new ContentIndex(new PathFilter(dir, List.of(), List.of(), List.of(), Set.of()));
        Files.writeString(a, "B");
        fresh.touched(a); // the event arrives before the background indexer reaches the file
        fresh.indexTree();
        assertThat(fresh.differing(List.of(a))).containsExactly(a);
    }

    @Test
    void aFileDeletedBeforeItWasIndexedIsAChange() throws Exception {
        ContentIndex fresh = new ContentIndex(new PathFilter(dir, List.of(), List.of(), List.of(), Set.of()));
        Files.delete(a);
        fresh.touched(a);
        fresh.indexTree();
        assertThat(fresh.differing(List.of(a))).containsExactly(a);
    }

    @Test
    void aFileModifiedJustNowIsNotTakenAsBaseline() throws Exception {
        Path b = Files.writeString(dir.resolve("b.txt"), "written a moment ago; its event may be on its way");
        ContentIndex fresh = new ContentIndex(new PathFilter(dir, List.of(), List.of(), List.of(), Set.of()));
        assertThat(fresh.indexTree()).isEqualTo(1); // a.txt only
        fresh.touched(b); // the late event
        assertThat(fresh.differing(List.of(b))).containsExactly(b);
    }

    @Test
    void beforeTheIndexIsCompleteEveryUnknownFileCounts() throws Exception {
        ContentIndex fresh = new ContentIndex(new PathFilter(dir, List.of(), List.of(), List.of(), Set.of()));
        Path gone = dir.resolve("was-it-there.txt");
        fresh.touched(gone);
        assertThat(fresh.differing(List.of(gone))).containsExactly(gone);
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

    @Test
    void aRescanFindsWhatChangedWithoutEventsAndTakesItAsTheBaseline() throws Exception {
        Path kept = old(Files.writeString(dir.resolve("kept.txt"), "K"));
        Path gone = old(Files.writeString(Files.createDirectories(dir.resolve("sub")).resolve("gone.txt"), "G"));
        ContentIndex fresh = new ContentIndex(new PathFilter(dir, List.of(), List.of(), List.of(), Set.of()));
        assertThat(fresh.indexTree()).isEqualTo(3);
        // events lost: an edit, a new file in a new directory, a deletion, a touch
        Files.writeString(a, "A, edited");
        Path added = Files.writeString(Files.createDirectories(dir.resolve("new/deep")).resolve("added.txt"), "N");
        Files.delete(gone);
        Files.setLastModifiedTime(kept, FileTime.fromMillis(System.currentTimeMillis()));

        assertThat(fresh.rescan()).containsExactlyInAnyOrder(a, added, gone);
        assertThat(fresh.rescan()).as("nothing more since").isEmpty();
        for (Path p : List.of(a, added, gone, kept)) {
            fresh.touched(p);
        }
        assertThat(fresh.differing(List.of(a, added, gone, kept))).as("the baseline is the content now").isEmpty();
    }
}
