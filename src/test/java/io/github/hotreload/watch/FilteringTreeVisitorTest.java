package io.github.hotreload.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilteringTreeVisitorTest {

    @TempDir
    Path dir;

    private final List<String> problems = new ArrayList<>();

    /** root/{a/{a1, a2/deep}, b, .hidden, target/inside, link -> a}, 40 files in every folder. */
    private Path tree() throws IOException {
        Path root = dir.toRealPath().resolve("svc");
        for (String d : List.of("a/a1", "a/a2/deep", "b", ".hidden", "target/inside")) {
            Files.createDirectories(root.resolve(d));
        }
        try (var all = Files.walk(root)) {
            for (Path folder : all.filter(Files::isDirectory).toList()) {
                for (int i = 0; i < 40; i++) {
                    Files.writeString(folder.resolve("f" + i + ".txt"), "file " + i);
                }
            }
        }
        Files.createSymbolicLink(root.resolve("link"), root.resolve("a"));
        return root;
    }

    private FilteringTreeVisitor visitor(Path root) {
        return new FilteringTreeVisitor(new PathFilter(root, List.of(), List.of(), List.of(), Set.of()), problems::add);
    }

    @Test
    void theFirstWalkListsEveryAcceptedFolderAndSkipsTheEntriesOfFoldersWithoutSubfolders() throws IOException {
        Path root = tree();
        FilteringTreeVisitor visitor = visitor(root);

        Set<Path> listed = new HashSet<>(visitor.listDirectories(root));

        assertEquals(Set.of(root, root.resolve("a"), root.resolve("a/a1"), root.resolve("a/a2"),
                root.resolve("a/a2/deep"), root.resolve("b"), root.resolve(".hidden")), listed,
                "every folder but the ignored target/ and the link");
        assertEquals(List.of(), problems);
        long entries;
        try (var all = Files.walk(root)) {
            entries = all.count() - 1;
        }
        long linksOfA = (Integer) Files.getAttribute(root.resolve("a"), "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        if (linksOfA == 4) {
            // a/a1, a/a2/deep, b and .hidden hold files only: none of their 160 files is looked
            // at, nor the 81 entries of the ignored target/ and target/inside, nor a folder's files
            // read after its last subfolder
            assertTrue(visitor.entriesExamined() <= entries - 81 - 160,
                    visitor.entriesExamined() + " of " + entries + " entries examined");
        } else {
            // a file system that does not count subfolders: every entry is looked at
            assertEquals(entries - 81, visitor.entriesExamined(), "all but those of the ignored target/");
        }
    }

    @Test
    void aFolderThatGainsASubfolderAfterItsFilesIsStillListedWhole() throws IOException {
        Path root = tree();
        Files.createDirectories(root.resolve("b/late"));
        Files.writeString(root.resolve("b/late/file.txt"), "late");

        Set<Path> listed = new HashSet<>(visitor(root).listDirectories(root));

        assertTrue(listed.contains(root.resolve("b/late")), listed.toString());
        assertEquals(8, listed.size(), listed.toString());
    }
}
