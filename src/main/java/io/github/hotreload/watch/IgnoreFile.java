package io.github.hotreload.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The patterns of one ignore file, for the directory that holds it (or, for {@code info/exclude}
 * and the global excludes file, the repository's top), read as git's
 * {@code add_patterns_from_buffer} reads them: lines split at {@code \n}, a {@code \r} before it
 * dropped, a UTF-8 byte order mark skipped, {@code #} lines are comments.
 */
final class IgnoreFile {

    /** A file that does not exist or cannot be read: no patterns. */
    static final IgnoreFile NONE = new IgnoreFile(List.of(), 0, null);

    private final IgnorePattern[] patterns;
    /** The length of the base directory's path relative to the root, with its slash; 0 at the root. */
    final int baseLength;
    /** Size and modification time when read, to notice a change without events; null for none. */
    private final Object stamp;

    private IgnoreFile(List<IgnorePattern> patterns, int baseLength, Object stamp) {
        this.patterns = patterns.toArray(IgnorePattern[]::new);
        this.baseLength = baseLength;
        this.stamp = stamp;
    }

    /** Reads the file; {@link #NONE} when it does not exist or cannot be read as a file. */
    static IgnoreFile read(Path file, int baseLength) {
        Object stamp = stamp(file);
        if (stamp == null) {
            return new IgnoreFile(List.of(), baseLength, null);
        }
        try {
            String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return new IgnoreFile(patterns(file.toString(), content), baseLength, stamp);
        } catch (IOException e) {
            return new IgnoreFile(List.of(), baseLength, null);
        }
    }

    private static List<IgnorePattern> patterns(String source, String content) {
        List<IgnorePattern> list = new ArrayList<>();
        int start = content.startsWith("\uFEFF") ? 1 : 0;
        int lineNumber = 0;
        while (start < content.length()) {
            int end = content.indexOf('\n', start);
            boolean last = end < 0;
            if (last) {
                end = content.length();
            }
            lineNumber++;
            int stop = end > start && content.charAt(end - 1) == '\r' ? end - 1 : end;
            IgnorePattern p = IgnorePattern.parse(source, lineNumber, content.substring(start, stop));
            if (p != null) {
                list.add(p);
            }
            start = end + 1;
        }
        return list;
    }

    /** Whether the file's size or modification time differ from when it was read. */
    boolean changedOnDisk(Path file) {
        Object now = stamp(file);
        return now == null ? stamp != null : !now.equals(stamp);
    }

    private static Object stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.isRegularFile() ? List.of(a.size(), a.lastModifiedTime(), a.fileKey() == null ? "" : a.fileKey()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    boolean isEmpty() {
        return patterns.length == 0;
    }

    /**
     * The last pattern that matches, negated or not, as git's {@code last_matching_pattern_from_list};
     * null when none does.
     */
    IgnorePattern lastMatch(String path, int nameStart, boolean directory) {
        for (int i = patterns.length - 1; i >= 0; i--) {
            if (patterns[i].matches(path, nameStart, baseLength, directory)) {
                return patterns[i];
            }
        }
        return null;
    }
}
