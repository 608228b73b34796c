package io.github.hotreload.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system's event queue overflows for real: the watcher's thread is held while more files
 * change than a watch key holds events for (the JDK keeps 512), so the events are dropped.
 */
class ChangeWatcherOverflowTest {

    @TempDir
    Path dir;

    @Test
    void afterAnOverflowADirectoryCreatedMeanwhileIsWatchedAndTheListenerIsToldOnceItIs() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/first.txt"), "1");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger overflows = new AtomicInteger();
        Set<Path> changes = ConcurrentHashMap.newKeySet();
        List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        ChangeWatcher.Listener listener = new ChangeWatcher.Listener() {
            @Override
            public void onChange(Path path) {
                changes.add(path);
                if (path.getFileName().toString().equals("hold.txt")) {
                    held.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void onOverflow() {
                overflows.incrementAndGet();
            }

            @Override
            public void onProblem(String message) {
                problems.add(message);
            }
        };
        PathFilter filter = new PathFilter(dir.toRealPath(), List.of(), List.of(), List.of(), Set.of());
        try (ChangeWatcher watcher = ChangeWatcher.start("storm", filter, listener)) {
            Path src = dir.toRealPath().resolve("src");
            Files.writeString(src.resolve("hold.txt"), "the watcher's thread waits in the listener");
            assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            Path fresh = Files.createDirectories(src.resolve("created-during-the-storm"));
            for (int i = 0; i < 2000; i++) {
                Files.writeString(src.resolve("file-" + i + ".txt"), "content " + i);
            }
            release.countDown();

            await().atMost(Duration.ofSeconds(20)).until(() -> overflows.get() >= 1);
            assertThat(changes).as("events were dropped").hasSizeLessThan(2001);
            Path inside = fresh.resolve("after.txt");
            Files.writeString(inside, "written once the watch is in place again");
            await().atMost(Duration.ofSeconds(10)).until(() -> changes.contains(inside));
            assertThat(problems).as("an overflow is no failure to show").isEmpty();
        }
    }
}
