package io.github.hotreload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.process.Survivors;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.testing.EngineHarness;
import io.github.hotreload.testing.RecordingListener;
import io.github.hotreload.testing.Specs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Many reloads in a row, and many services at once: nothing may leak or interfere. */
class LoadTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final EngineHarness engine = new EngineHarness().quiet();

    private ProcessSupervisor supervisor() {
        return engine.supervisor();
    }
    private final RecordingListener events = engine.events;

    private ReloadSession start(List<ServiceSpec> specs) throws IOException {
        return engine.start(specs, 10);
    }

    /** What could leak: threads, file descriptors, heap, child processes. */
    private record Footprint(int threads, long fds, long heapBytes, long children, int tagged) {}

    private Footprint footprint() throws IOException {
        System.gc();
        System.gc();
        long fds;
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            fds = s.count();
        }
        return new Footprint(Thread.activeCount(), fds,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                ProcessHandle.current().children().count(), Survivors.of(supervisor()).size());
    }

    @Test
    void fiveHundredReloadsLeaveThreadsFilesHeapAndProcessesFlat() throws Exception {
        Files.writeString(dir.resolve("app.txt"), "0");
        start(List.of(Specs.exec(dir, "soak", d -> {
            d.setBuild("true");
            d.setDelay("10ms");
        })));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.reloads.size() == 1);
        Footprint early = null;
        for (int i = 1; i <= 500; i++) {
            Files.writeString(dir.resolve("app.txt"), Integer.toString(i));
            int expected = i + 1;
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(20))
                    .until(() -> events.reloads.size() == expected);
            if (i == 50) {
                early = footprint();
            }
        }
        Footprint late = footprint();

        System.out.println("soak: after 50 reloads " + early + ", after 500 " + late);
        // a build that a save's second write cancels is built again: completed builds are one per save
        assertThat(events.builds.size() - events.of(ReloadEvent.BuildCancelled.class).size()).isEqualTo(501);
        assertThat(events.failures).isEmpty();
        assertThat(late.tagged()).as("one service process and the shells started ahead for the next start and build, "
                + "nothing left of the 500 before").isEqualTo(3);
        assertThat(late.children()).isEqualTo(early.children());
        assertThat(late.threads()).isLessThanOrEqualTo(early.threads() + 3);
        assertThat(late.fds()).isLessThanOrEqualTo(early.fds() + 5);
        assertThat(late.heapBytes()).isLessThan(early.heapBytes() + 16L * 1024 * 1024);
    }

    @Test
    void twentyServicesStartReloadIndependentlyAndStopCleanly() throws Exception {
        List<ServiceSpec> specs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Path svc = Files.createDirectories(dir.resolve("svc-" + i));
            Files.writeString(svc.resolve("app.txt"), "v1");
            specs.add(Specs.exec(svc, "svc-" + i, d -> d.setBuild("true")));
        }
        ReloadSession session = start(specs);
        await().atMost(Duration.ofSeconds(60)).until(() -> events.reloads.size() == 20);
        // each service's process and the shells started ahead for its next start and its next build
        await().atMost(Duration.ofSeconds(10)).until(() -> Survivors.of(supervisor()).size() == 60);

        for (int i = 0; i < 20; i++) {
            Files.writeString(dir.resolve("svc-" + i + "/app.txt"), "v2");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> events.reloads.size() == 40);
        // a build that a save's second write cancels (the truncate, then the content) is built again:
        // completed builds are one per save
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> events.builds.size() - events.of(ReloadEvent.BuildCancelled.class).size() == 40);
        for (int i = 0; i < 20; i++) {
            String name = "svc-" + i;
            assertThat(events.reloads.stream().filter(r -> r.service().equals(name) && !r.initial()))
                    .as(name).hasSize(1);
        }

        session.close();
        assertThat(Survivors.of(supervisor())).isEmpty();
    }
}
