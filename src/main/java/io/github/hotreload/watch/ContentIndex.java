package io.github.hotreload.watch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Remembers the content of a service's files as of its last build, so that a change that leaves
 * a file as it was (a {@code touch}, an edit undone, a branch switched there and back) does not
 * rebuild.
 *
 * <p>The files are fingerprinted by {@link #indexTree()} on a background thread once the watches
 * are in place, so that start-up does not wait for it. Until a file is indexed, any event for it
 * counts as a change. A file modified in the last {@link #RECENT} is left unindexed: its event may
 * still be on its way, and taking its new content as the baseline would lose that change.
 */
public final class ContentIndex {

    /** The content of a file: its size and two checksums, or absence. */
    record Fingerprint(long size, long checksums) {
        static final Fingerprint ABSENT = new Fingerprint(-1, 0);

        // written out: a record's generated equals is bootstrapped on its first call, which took
        // 25 ms of the first change's reload
        @Override
        public boolean equals(Object o) {
            return o instanceof Fingerprint f && f.size == size && f.checksums == checksums;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(size) * 31 + Long.hashCode(checksums);
        }
    }

    /**
     * A fingerprint taken on the watcher's thread as an event arrived, with the number of events
     * the index had been told of when the read began: it shows every change up to that event.
     */
    private record Early(Fingerprint fingerprint, long readAfter) {}

    /** Files larger than this are read when their batch is compared, not as their events arrive. */
    static final long EARLY_MAX_BYTES = 1 << 20;

    /** At most this many early fingerprints wait for their batch; beyond, files are read then. */
    static final int EARLY_MAX_FILES = 100_000;

    /** Files modified this recently are not fingerprinted: their events may not have arrived yet. */
    static final java.time.Duration RECENT = java.time.Duration.ofSeconds(2);

    private final PathFilter filter;
    private final NavigableMap<String, Fingerprint> baseline = new ConcurrentSkipListMap<>();
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    /** Files that existed at start-up but whose content was never fingerprinted. */
    private final Set<String> unindexed = ConcurrentHashMap.newKeySet();
    /** After lost events, a file without baseline may have existed: every change counts. */
    private volatile boolean lostTrack;
    /** Until the tree is indexed, a file without baseline may have existed: every change counts. */
    private volatile boolean complete;
    /** Files with events before the index was complete: whether they existed before is unknown. */
    private final Set<String> uncertain = ConcurrentHashMap.newKeySet();
    /**
     * Events told so far ({@link #touched}), and the number of the latest event of each file
     * whose batch has not been compared yet.
     */
    private final AtomicLong events = new AtomicLong();
    private final Map<String, Long> lastEvent = new ConcurrentHashMap<>();
    /** Fingerprints taken as events arrived ({@link #readEarly}), until a comparison uses them. */
    private final Map<String, Early> early = new ConcurrentHashMap<>();

    public ContentIndex(PathFilter filter) {
        this.filter = filter;
    }

    /** Notes that an event arrived for {@code path}: its content is no longer what the index may read. */
    public void touched(Path path) {
        String rel = filter.relative(path);
        if (rel != null) {
            touched.add(rel);
            if (!complete) {
                uncertain.add(rel);
            }
            lastEvent.merge(rel, events.incrementAndGet(), Math::max);
        }
    }

    /**
     * Fingerprints a file whose event arrived ({@link #touched} first), while its batch waits for
     * quiet, so that {@link #differing} need not read it: a storm of a thousand files is read
     * while it lasts, not all at once after it, on the way to the build. The fingerprint serves
     * only if no later event came for the file before the read began; otherwise the comparison
     * reads the file itself, as it does for files over {@link #EARLY_MAX_BYTES}. A file whose
     * batch was compared meanwhile is not read again.
     */
    public void readEarly(Path path) {
        String rel = filter.relative(path);
        if (rel == null || rel.isEmpty() || early.size() >= EARLY_MAX_FILES) {
            return;
        }
        if (!lastEvent.containsKey(rel)) {
            return; // its batch was compared already: the comparison read it
        }
        long readAfter = events.get();
        Fingerprint fp;
        try {
            fp = fingerprint(path, EARLY_MAX_BYTES);
        } catch (IOException e) {
            return; // read when compared
        }
        if (fp != null) {
            early.merge(rel, new Early(fp, readAfter), (a, b) -> b.readAfter() >= a.readAfter() ? b : a);
        }
    }

    /** Fingerprints every file that counts, leaving alone those with events or modified recently; returns how many. */
    public int indexTree() {
        return indexTree(file -> {});
    }

    /**
     * {@link #indexTree()}, calling {@code beforeFingerprint} between reading a file's metadata
     * and reading its content: where an edit can slip in (tests put one there).
     */
    int indexTree(java.util.function.Consumer<Path> beforeFingerprint) {
        int[] indexed = {0};
        long recent = System.currentTimeMillis() - RECENT.toMillis();
        try {
            TreeWalk.walk(filter, (file, rel, attrs) -> {
                if (touched.contains(rel) || attrs.lastModifiedTime().toMillis() >= recent) {
                    unindexed.add(rel);
                    return;
                }
                try {
                    beforeFingerprint.accept(file);
                    Fingerprint fp = fingerprint(file);
                    // an edit after the walk read the metadata may have been fingerprinted, and its event
                    // may still be on its way: look again, and take the content only if nothing moved
                    BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
                    boolean unchanged = now.lastModifiedTime().equals(attrs.lastModifiedTime())
                            && now.size() == attrs.size() && fp.size() == attrs.size();
                    if (touched.contains(rel) || !unchanged) {
                        unindexed.add(rel);
                    } else {
                        baseline.putIfAbsent(rel, fp);
                        indexed[0]++;
                    }
                } catch (IOException e) {
                    unindexed.add(rel); // gone or unreadable: an event will tell
                }
            });
        } catch (IOException e) {
            return indexed[0]; // incomplete: every unknown file keeps counting as changed
        }
        complete = true;
        return indexed[0];
    }

    /** The root of the tree it fingerprints. */
    public Path root() {
        return filter.root();
    }

    /** How many early fingerprints wait for their batch (for tests). */
    int earlyReads() {
        return early.size();
    }

    /** How many files have a known baseline. */
    public int size() {
        return baseline.size();
    }

    /**
     * Of the changed paths, those whose content differs from the baseline; the baseline becomes
     * their current content. A path may be a deleted directory: then each known file below it.
     */
    public Set<Path> differing(Collection<Path> paths) {
        // newest first: the early reads go oldest first, so when they are behind (a storm just
        // ended), the two threads read the rest from either end and meet, instead of this one
        // overtaking them and reading it all; the result keeps the order given
        List<Path> given = new ArrayList<>(paths);
        List<List<Path>> found = new ArrayList<>(java.util.Collections.nCopies(given.size(), List.of()));
        for (int i = given.size() - 1; i >= 0; i--) {
            Path path = given.get(i);
            String rel = filter.relative(path);
            if (rel == null || rel.isEmpty()) {
                continue;
            }
            List<Path> differ = new ArrayList<>(1);
            List<String> below = new ArrayList<>(baseline.subMap(rel + "/", rel + "0").keySet());
            if (!below.isEmpty() && !Files.isRegularFile(path)) {
                for (String child : below) {
                    if (compareAndUpdate(child, false)) {
                        differ.add(filter.root().resolve(child));
                    }
                }
            }
            if (compareAndUpdate(rel, true)) {
                differ.add(path);
            }
            found.set(i, differ);
        }
        Set<Path> result = new LinkedHashSet<>();
        for (List<Path> differ : found) {
            result.addAll(differ);
        }
        return result;
    }

    /** Makes the current content of these files their baseline: they are written by the build. */
    public void rebaseline(Collection<Path> files) {
        for (Path file : files) {
            String rel = filter.relative(file);
            if (rel == null || rel.isEmpty()) {
                continue;
            }
            unindexed.remove(rel);
            early.remove(rel);
            try {
                Fingerprint fp = fingerprint(file);
                if (fp == Fingerprint.ABSENT) {
                    baseline.remove(rel);
                } else {
                    baseline.put(rel, fp);
                }
            } catch (IOException e) {
                baseline.remove(rel);
            }
        }
    }

    /**
     * After events were lost: compares every file of the tree with its baseline and returns those
     * that differ, are new, or are gone, taking their content now as the baseline. A file whose
     * history the index does not know (never fingerprinted) counts as changed. Returns null when
     * the tree cannot be walked; then the baseline is forgotten, and every later change counts.
     */
    public Set<Path> rescan() {
        Set<Path> result = new LinkedHashSet<>();
        Set<String> seen = new java.util.HashSet<>();
        try {
            TreeWalk.walk(filter, (file, rel, attrs) -> {
                seen.add(rel);
                if (compareAndUpdate(rel, false)) {
                    result.add(file);
                }
            });
        } catch (IOException e) {
            forget();
            return null;
        }
        for (String rel : List.copyOf(baseline.keySet())) {
            if (!seen.contains(rel) && compareAndUpdate(rel, false)) {
                result.add(filter.root().resolve(rel)); // gone, or of a directory no longer watched
            }
        }
        return result;
    }

    /** Forgets every baseline after events were lost, so that the next change of any file counts. */
    public void forget() {
        lostTrack = true;
        baseline.clear();
        unindexed.clear();
        early.clear();
    }

    /**
     * Whether the file's content differs from its baseline, which becomes its content now; with
     * {@code mayUseEarly}, a fingerprint taken as its latest event arrived stands for reading it.
     */
    private boolean compareAndUpdate(String rel, boolean mayUseEarly) {
        Path file = filter.root().resolve(rel);
        Early e = early.remove(rel);
        Long last = lastEvent.get(rel);
        if (last != null) {
            // what the file is now accounts for that event: an early read still to come is not needed
            lastEvent.remove(rel, last);
        }
        Fingerprint current;
        if (mayUseEarly && e != null && last != null && e.readAfter() >= last) {
            current = e.fingerprint();
        } else {
            try {
                current = fingerprint(file);
            } catch (IOException x) {
                baseline.remove(rel);
                return true; // unreadable now: let the build have its say
            }
        }
        Fingerprint before = current == Fingerprint.ABSENT ? baseline.remove(rel) : baseline.put(rel, current);
        boolean existedUnindexed = unindexed.remove(rel);
        boolean unknown = uncertain.remove(rel);
        if (before == null) {
            // a new file, one never indexed, or (absent then and now) one created and deleted again
            return current != Fingerprint.ABSENT || existedUnindexed || unknown || lostTrack || !complete;
        }
        return !before.equals(current);
    }

    private static final ThreadLocal<ByteBuffer> BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));

    /** The fingerprint of a file's content; {@link Fingerprint#ABSENT} when it does not exist. */
    static Fingerprint fingerprint(Path file) throws IOException {
        return fingerprint(file, Long.MAX_VALUE);
    }

    /** {@link #fingerprint(Path)}, or null when the file is larger than {@code maxBytes}. */
    private static Fingerprint fingerprint(Path file, long maxBytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Files.exists(file) ? new Fingerprint(-2, 0) : Fingerprint.ABSENT;
        }
        CRC32C a = new CRC32C();
        CRC32 b = new CRC32();
        long size = 0;
        ByteBuffer buffer = BUFFER.get();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > maxBytes) {
                return null;
            }
            while (true) {
                buffer.clear();
                int n = ch.read(buffer);
                if (n < 0) {
                    break;
                }
                size += n;
                buffer.flip();
                a.update(buffer.duplicate());
                b.update(buffer);
            }
        } catch (NoSuchFileException e) {
            return Fingerprint.ABSENT;
        }
        return new Fingerprint(size, (a.getValue() << 32) | b.getValue());
    }
}
