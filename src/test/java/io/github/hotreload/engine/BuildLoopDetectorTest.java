package io.github.hotreload.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildLoopDetectorTest {

    private final Path dir = Path.of("/work/svc");
    private final BuildLoopDetector detector = new BuildLoopDetector();

    private String selfCaused(Path... changed) {
        return detector.next(Set.of(changed), Set.of(), false, dir, "svc");
    }

    @Test
    void warnsOnceWhenThreeBuildsInARowWereCausedOnlyByChangesDuringTheBuildBefore() {
        Path stamp = dir.resolve("dist/stamp.txt");
        assertThat(selfCaused(stamp)).isNull();
        assertThat(selfCaused(stamp)).isNull();
        assertThat(selfCaused(stamp))
                .contains("dist/stamp.txt changed while each of the last 3 builds ran")
                .contains("add <exclude>/dist/</exclude> to the <excludes> of service 'svc'");
        assertThat(selfCaused(stamp)).as("said once").isNull();
    }

    @Test
    void aChangeWhileNoBuildRanOrARequestedRebuildBreaksTheRun() {
        Path file = dir.resolve("version.txt");
        selfCaused(file);
        selfCaused(file);
        assertThat(detector.next(Set.of(file), Set.of(file), false, dir, "svc")).as("edited while idle").isNull();
        selfCaused(file);
        selfCaused(file);
        assertThat(detector.next(Set.of(file), Set.of(), true, dir, "svc")).as("a rebuild request").isNull();
        selfCaused(file);
        selfCaused(file);
        assertThat(selfCaused(file)).contains("<exclude>/version.txt</exclude>");
    }

    @Test
    void onlyChangesInsideTheLastBuildsTimeSpanCountAsDuringIt() {
        assertThat(detector.duringLastBuild(5)).as("no build yet").isFalse();
        detector.buildRan(1_000, 2_000);
        assertThat(detector.duringLastBuild(999)).isFalse();
        assertThat(detector.duringLastBuild(1_500)).isTrue();
        assertThat(detector.duringLastBuild(2_000 + 100_000_000L)).as("late event of a last write").isTrue();
        assertThat(detector.duringLastBuild(2_000 + 1_000_000_000L)).isFalse();
    }
}
