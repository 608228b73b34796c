package io.github.hotreload.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hotreload.console.EventText.Style;
import io.github.hotreload.logs.LogLine.Source;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LogFilterTest {

    private static LogLine line(String service, Source source, String text) {
        return new LogLine(Instant.EPOCH, service, source, Style.OUTPUT, text);
    }

    @Test
    void emptySetsAcceptEveryLineTheSessionsToo() {
        assertThat(LogFilter.ALL.accepts(line("api", Source.RUN, "x"))).isTrue();
        assertThat(LogFilter.ALL.accepts(line(null, Source.EVENT, "x"))).isTrue();
        assertThat(new LogFilter(null, null, null).accepts(line("web", Source.BUILD, "x"))).isTrue();
    }

    @Test
    void namedServicesLeaveOutTheOthersAndTheSession() {
        LogFilter f = LogFilter.of(List.of("api", "api"), List.of(), null);
        assertThat(f.accepts(line("api", Source.RUN, "x"))).isTrue();
        assertThat(f.accepts(line("web", Source.RUN, "x"))).isFalse();
        assertThat(f.accepts(line(null, Source.EVENT, "x"))).isFalse();
    }

    @Test
    void sourcesAndAPatternFoundInThePlainText() {
        LogFilter f = new LogFilter(Set.of(), Set.of(Source.RUN), Pattern.compile("Compiling api"));
        assertThat(f.accepts(line("api", Source.RUN, "\u001B[32mCompiling\u001B[0m api now"))).as("escapes between words").isTrue();
        assertThat(f.accepts(line("api", Source.BUILD, "Compiling api"))).isFalse();
        assertThat(f.accepts(line("api", Source.RUN, "Compiling web"))).isFalse();
    }
}
