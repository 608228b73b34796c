package io.github.hotreload.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fall-back to polling that happens while the native watch is still being set up leaks nothing. */
class ChangeWatcherFallbackTest {

    @TempDir
    Path dir;

    private static long pollers(String service) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("hotreload-" + service + "-poller")).count();
    }

    @Test
    void aFallBackBeforeTheNativeWatchIsInPlaceKeepsThePollerAndClosesTheNativeWatch() throws Exception {
        PathFilter filter = new PathFilter(dir, List.of(), List.of(), List.of(), Set.of());
        ChangeWatcher.Listener quiet = new ChangeWatcher.Listener() {
            @Override
            public void onChange(Path path) {}

            @Override
            public void onOverflow() {}

            @Override
            public void onProblem(String message) {}
        };
        ChangeWatcher watcher = ChangeWatcher.unstarted("early", filter, quiet);
        AtomicBoolean nativeClosed = new AtomicBoolean();

        watcher.fallBackToPolling("the limit on inotify watches is reached"); // from the watch's own thread
        watcher.adopt(() -> nativeClosed.set(true)); // then start() hands over the native watch

        assertThat(watcher.isPolling()).isTrue();
        assertThat(nativeClosed).as("the native watch, which is not used").isTrue();
        assertThat(pollers("early")).isEqualTo(1);
        watcher.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> pollers("early") == 0);
    }
}
