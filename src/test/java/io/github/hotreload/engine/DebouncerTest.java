package io.github.hotreload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The debounce rule, driven by a clock the test sets: no waiting. */
class DebouncerTest {

    private static final long MS = 1_000_000L;
    private final Debouncer debouncer = new Debouncer(Duration.ofMillis(100), Duration.ofMillis(1000));

    @Test
    void aSingleChangeIsDueAQuietPeriodLater() {
        assertThat(debouncer.pending()).isFalse();
        debouncer.add(5_000 * MS);
        assertThat(debouncer.pending()).isTrue();
        assertThat(debouncer.dueAt()).isEqualTo(5_100 * MS);
        assertThat(debouncer.isDue(5_099 * MS)).isFalse();
        assertThat(debouncer.isDue(5_100 * MS)).isTrue();
    }

    @Test
    void eachLaterChangePostponesTheBatch() {
        debouncer.add(0);
        debouncer.add(80 * MS);
        debouncer.add(150 * MS);
        assertThat(debouncer.dueAt()).isEqualTo(250 * MS);
        assertThat(debouncer.isDue(200 * MS)).isFalse();
    }

    @Test
    void aStreamOfChangesCannotPostponeTheBatchBeyondTheCap() {
        for (long t = 0; t <= 2_000; t += 50) {
            debouncer.add(t * MS);
        }
        assertThat(debouncer.dueAt()).isEqualTo(1_000 * MS);
        assertThat(debouncer.first()).isZero();
    }

    @Test
    void anEventThatArrivesLateStillCountsFromWhenItHappened() {
        debouncer.add(500 * MS);
        debouncer.add(200 * MS); // seen before the other, delivered after
        assertThat(debouncer.first()).isEqualTo(200 * MS);
        assertThat(debouncer.dueAt()).isEqualTo(600 * MS);
    }

    @Test
    void aResetBatchStartsAfresh() {
        debouncer.add(0);
        debouncer.reset();
        assertThat(debouncer.pending()).isFalse();
        assertThat(debouncer.isDue(Long.MAX_VALUE)).isFalse();
        assertThatThrownBy(debouncer::dueAt).isInstanceOf(IllegalStateException.class);
        debouncer.add(10_000 * MS);
        assertThat(debouncer.dueAt()).isEqualTo(10_100 * MS);
    }

    @Test
    void worksAcrossTheWrapOfTheNanosecondClock() {
        long nearMax = Long.MAX_VALUE - 50 * MS;
        debouncer.add(nearMax);
        long later = nearMax + 120 * MS; // wraps to a negative number
        assertThat(debouncer.isDue(later)).isTrue();
        assertThat(debouncer.isDue(nearMax + 50 * MS)).isFalse();
    }
}
