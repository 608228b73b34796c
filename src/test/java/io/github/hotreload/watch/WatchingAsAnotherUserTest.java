package io.github.hotreload.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.testing.WatcherHost;
import io.methvin.watcher.DirectoryWatcher;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults that depend on the user: a directory the user cannot read, and the user's inotify
 * instances used up. Root reads every directory, and using up root's instances would disturb
 * the machine, so when the tests run as root the watcher runs as {@code nobody} (through
 * setpriv).
 */
class WatchingAsAnotherUserTest {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final int NOBODY = 65534;

    @TempDir
    Path scratch;

    private Path tree;
    private Process host;
    private Path log;

    @BeforeEach
    void makeATreeTheWatcherCanReach() throws Exception {
        // under /tmp, not under the test's own temporary directory, which only its owner may enter
        tree = Files.createTempDirectory(Path.of("/tmp"), "hotreload-user-test");
        Files.createDirectories(tree.resolve("open"));
        Files.writeString(tree.resolve("open/a.txt"), "a");
        Files.createDirectories(tree.resolve("locked/inner"));
        Files.writeString(tree.resolve("locked/inner/secret.txt"), "s");
        log = scratch.resolve("host.log");
    }

    @AfterEach
    void stop() throws Exception {
        if (host != null) {
            host.destroyForcibly().waitFor();
        }
        Files.setPosixFilePermissions(tree.resolve("locked"), PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> paths = Files.walk(tree)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Path copies = tree.resolveSibling(tree.getFileName() + "-classpath");
        if (Files.exists(copies)) {
            try (Stream<Path> paths = Files.walk(copies)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void startHost(String... options) throws Exception {
        if (ROOT) {
            try (Stream<Path> paths = Files.walk(tree)) {
                for (Path p : paths.toList()) {
                    Files.setAttribute(p, "unix:uid", NOBODY);
                    Files.setAttribute(p, "unix:gid", NOBODY);
                }
            }
        }
        Files.setPosixFilePermissions(tree.resolve("locked"), PosixFilePermissions.fromString("---------"));
        List<String> command = new ArrayList<>();
        if (ROOT) {
            command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx32m", "-cp", readableClassPath(), WatcherHost.class.getName(),
                tree.toString()));
        command.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HOME", "/tmp");
        host = pb.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> output().contains("READY"));
    }

    private String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /**
     * The class path of the watcher, where any user can read it: entries that another user cannot
     * reach (jars in root's home, class directories of a clone under /root) are copied beside the
     * tree first.
     */
    private String readableClassPath() throws Exception {
        Set<Path> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(WatcherHost.class, ChangeWatcher.class, DirectoryWatcher.class,
                org.slf4j.helpers.NOPLogger.class, com.sun.jna.Native.class)) {
            entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        Path copies = Files.createDirectories(tree.resolveSibling(tree.getFileName() + "-classpath"));
        List<String> path = new ArrayList<>();
        int n = 0;
        for (Path entry : entries) {
            if (readableByOthers(entry)) {
                path.add(entry.toString());
                continue;
            }
            Path copy = copies.resolve((n++) + "-" + entry.getFileName());
            try (Stream<Path> files = Files.walk(entry)) {
                for (Path f : files.toList()) {
                    Path target = copy.resolve(entry.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    target.toFile().setReadable(true, false);
                    if (Files.isDirectory(target)) {
                        target.toFile().setExecutable(true, false);
                    }
                }
            }
            copy.toFile().setReadable(true, false);
            path.add(copy.toString());
        }
        copies.toFile().setReadable(true, false);
        copies.toFile().setExecutable(true, false);
        return String.join(File.pathSeparator, path);
    }

    /** Whether a user other than the owner can read the file or directory tree (every directory above it searchable). */
    private static boolean readableByOthers(Path entry) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return true;
        }
        for (Path p = entry.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        try (Stream<Path> files = Files.walk(entry)) {
            for (Path f : files.toList()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
                if (!perms.contains(PosixFilePermission.OTHERS_READ)
                        || (Files.isDirectory(f) && !perms.contains(PosixFilePermission.OTHERS_EXECUTE))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void anUnreadableDirectoryIsAWarningAndWatchingGoesOn() throws Exception {
        startHost();

        assertThat(output()).contains("PROBLEM cannot read " + tree.resolve("locked") + " (AccessDeniedException)")
                .contains("READY polling=false");
        Files.writeString(tree.resolve("open/b.txt"), "b");
        await().atMost(Duration.ofSeconds(10)).until(() -> output().contains("CHANGE open/b.txt"));
    }

    @Test
    void withTheUsersInotifyInstancesUsedUpItSaysHowToRaiseTheLimitAndPolls() throws Exception {
        startHost("--exhaust-instances");

        assertThat(output()).contains("EXHAUSTED after")
                .contains("PROBLEM the system's limit on inotify instances")
                .contains("fs.inotify.max_user_instances = ")
                .contains("Raise it with: sudo sysctl fs.inotify.max_user_instances=")
                .contains("/etc/sysctl.d/90-hotreload-inotify.conf")
                .contains("is watched by polling every 1 s")
                .contains("READY polling=true");
        Files.writeString(tree.resolve("open/a.txt"), "a, changed");
        Files.writeString(tree.resolve("open/c.txt"), "c");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> output().contains("CHANGE open/a.txt") && output().contains("CHANGE open/c.txt"));
    }
}
