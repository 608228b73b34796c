package io.github.hotreload.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The crash-loop rule, with uptimes the test gives: no process, no waiting. */
class CrashBackoffTest {

    private final CrashBackoff backoff = new CrashBackoff();

    @Test
    void eachExitInARowDoublesTheWaitUpToThirtySeconds() {
        Duration quick = Duration.ofMillis(200);
        assertThat(backoff.exited(quick)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.exited(quick)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.exited(quick)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.inARow()).isEqualTo(3);
        for (int i = 0; i < 10; i++) {
            backoff.exited(quick);
        }
        assertThat(backoff.exited(quick)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aProcessThatStayedUpLongEnoughStartsTheWaitsSmallAgain() {
        backoff.exited(Duration.ofMillis(100));
        backoff.exited(Duration.ofMillis(100));
        assertThat(backoff.exited(CrashBackoff.STABLE.minusMillis(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.exited(CrashBackoff.STABLE)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.inARow()).isEqualTo(1);
    }

    @Test
    void aResetMakesTheNextExitTheFirst() {
        backoff.exited(Duration.ZERO);
        backoff.exited(Duration.ZERO);
        backoff.reset();
        assertThat(backoff.exited(Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void theDelayOfAnyCountIsBounded() {
        assertThat(CrashBackoff.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(CrashBackoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
        assertThat(CrashBackoff.delay(0)).isEqualTo(Duration.ofMillis(500));
    }
}
