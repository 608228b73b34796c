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
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Remembers the content of a service's files as of its last build, so that a change that leaves
 * a file as it was (a {@code touch}, an edit undone, a branch switched there and back) does not
 * rebuild.
 *
 * <p>The files found when watching starts are fingerprinted by {@link #indexPending()} on a
 * background thread rather than before the first build, so that start-up does not wait for it.
 * Until a file is indexed, any event for it counts as a change. A file whose size or modification
 * time differs from what the first walk saw is left unindexed for the same reason.
 */
public final class ContentIndex {

    /** The content of a file: its size and two checksums, or absence. */
    record Fingerprint(long size, long checksums) {
        static final Fingerprint ABSENT = new Fingerprint(-1, 0);
    }

    private record Seen(long size, long modified) {}

    private final PathFilter filter;
    private final NavigableMap<String, Fingerprint> baseline = new ConcurrentSkipListMap<>();
    private final Map<String, Seen> pending = new ConcurrentHashMap<>();
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    /** Files that existed at start-up but whose content was never fingerprinted. */
    private final Set<String> unindexed = ConcurrentHashMap.newKeySet();
    /** After lost events, a file without baseline may have existed: every change counts. */
    private volatile boolean lostTrack;

    public ContentIndex(PathFilter filter) {
        this.filter = filter;
    }

    /** Records a file found by the first walk, to be fingerprinted by {@link #indexPending()}. */
    public void found(Path file, BasicFileAttributes attrs) {
        String rel = filter.relative(file);
        if (rel != null) {
            pending.put(rel, new Seen(attrs.size(), attrs.lastModifiedTime().toMillis()));
        }
    }

    /** Notes that an event arrived for {@code path}: its first-walk state no longer holds. */
    public void touched(Path path) {
        String rel = filter.relative(path);
        if (rel != null) {
            touched.add(rel);
            if (pending.remove(rel) != null) {
                unindexed.add(rel);
            }
        }
    }

    /** Fingerprints the files found by the first walk; returns how many. */
    public int indexPending() {
        int indexed = 0;
        for (String rel : new ArrayList<>(pending.keySet())) {
            Seen seen = pending.remove(rel);
            if (seen == null || touched.contains(rel)) {
                continue;
            }
            Path file = filter.root().resolve(rel);
            try {
                BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
                if (now.size() != seen.size() || now.lastModifiedTime().toMillis() != seen.modified()) {
                    unindexed.add(rel);
                    continue;
                }
                Fingerprint fp = fingerprint(file);
                if (touched.contains(rel)) {
                    unindexed.add(rel);
                } else {
                    baseline.putIfAbsent(rel, fp);
                    indexed++;
                }
            } catch (IOException e) {
                unindexed.add(rel); // gone or unreadable: an event will tell
            }
        }
        return indexed;
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
        Set<Path> result = new LinkedHashSet<>();
        for (Path path : paths) {
            String rel = filter.relative(path);
            if (rel == null || rel.isEmpty()) {
                continue;
            }
            List<String> below = new ArrayList<>(baseline.subMap(rel + "/", rel + "0").keySet());
            if (!below.isEmpty() && !Files.isRegularFile(path)) {
                for (String child : below) {
                    if (compareAndUpdate(child)) {
                        result.add(filter.root().resolve(child));
                    }
                }
            }
            if (compareAndUpdate(rel)) {
                result.add(path);
            }
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
            pending.remove(rel);
            unindexed.remove(rel);
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

    /** Forgets every baseline after events were lost, so that the next change of any file counts. */
    public void forget() {
        lostTrack = true;
        baseline.clear();
        pending.clear();
        unindexed.clear();
    }

    private boolean compareAndUpdate(String rel) {
        Path file = filter.root().resolve(rel);
        Fingerprint current;
        try {
            current = fingerprint(file);
        } catch (IOException e) {
            baseline.remove(rel);
            return true; // unreadable now: let the build have its say
        }
        Fingerprint before = current == Fingerprint.ABSENT ? baseline.remove(rel) : baseline.put(rel, current);
        boolean existedUnindexed = unindexed.remove(rel);
        if (before == null) {
            // a new file, one never indexed, or (absent then and now) one created and deleted again
            return current != Fingerprint.ABSENT || existedUnindexed || lostTrack;
        }
        return !before.equals(current);
    }

    private static final ThreadLocal<ByteBuffer> BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));

    /** The fingerprint of a file's content; {@link Fingerprint#ABSENT} when it does not exist. */
    static Fingerprint fingerprint(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Files.exists(file) ? new Fingerprint(-2, 0) : Fingerprint.ABSENT;
        }
        CRC32C a = new CRC32C();
        CRC32 b = new CRC32();
        long size = 0;
        ByteBuffer buffer = BUFFER.get();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
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
