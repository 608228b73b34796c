package io.github.hotreload.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationParserTest {

    @ParameterizedTest
    @CsvSource({"300, 300", "300ms, 300", "1.5s, 1500", "2m, 120000", "2min, 120000", " 10 s , 10000", "0, 0"})
    void parses(String text, long millis) {
        assertThat(DurationParser.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-5s", "fast", "5 hours", "1e3", "99999999999999999999999s"})
    void rejects(String text) {
        assertThat(DurationParser.parse(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"840, 840 ms", "1900, 1.9 s", "125000, 2 min 5 s"})
    void formats(long millis, String text) {
        assertThat(DurationParser.format(Duration.ofMillis(millis))).isEqualTo(text);
    }
}
