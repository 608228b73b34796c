package io.github.hotreload.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hotreload.console.EventText;
import io.github.hotreload.console.EventText.Style;
import io.github.hotreload.engine.ReloadEvent;
import io.github.hotreload.logs.LogLine.Source;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogLineTest {

    private static final Instant T = Instant.parse("2026-12-01T11:46:29.123Z");
    private static final String AWKWARD = "a\\b \\n not a newline\nsecond\r\nthird\twith\ttabs \u001B[32mgreen\u001B[0m\\";

    @Test
    void theFileCodecWritesOneLineInTheAgreedFormat() {
        assertThat(new LogLine(T, "api", Source.RUN, Style.OUTPUT, "listening on :8080").encode())
                .isEqualTo("2026-12-01T11:46:29.123Z\tRUN\tOUTPUT\tlistening on :8080");
        String encoded = new LogLine(T, "api", Source.BUILD, Style.OUTPUT, AWKWARD).encode();
        assertThat(encoded).doesNotContain("\n", "\r")
                .endsWith("\tOUTPUT\ta\\\\b \\\\n not a newline\\nsecond\\r\\nthird\twith\ttabs \u001B[32mgreen\u001B[0m\\\\");
    }

    @Test
    void theFileCodecRoundTripsNewlinesBackslashesTabsAndAnsi() {
        for (String text : List.of(AWKWARD, "", "\\", "\\\\n", "\n", "\t", "trailing tab\t", "\\r\r")) {
            LogLine line = new LogLine(T, "api", Source.BUILD, Style.OUTPUT, text);
            assertThat(LogLine.decode("api", line.encode())).as(text).isEqualTo(line);
        }
        LogLine session = new LogLine(T, null, Source.EVENT, Style.ERROR, AWKWARD);
        assertThat(LogLine.decode(null, session.encode())).isEqualTo(session);
    }

    @Test
    void theStreamCodecPutsTheServiceFirstAndADashForTheSession() {
        LogLine api = new LogLine(T, "api", Source.RUN, Style.OUTPUT, AWKWARD);
        LogLine session = new LogLine(T, null, Source.EVENT, Style.STATUS, "stopping");
        assertThat(session.encodeWithService()).isEqualTo("-\t2026-12-01T11:46:29.123Z\tEVENT\tSTATUS\tstopping");
        assertThat(api.encodeWithService()).startsWith("api\t2026-12-01T11:46:29.123Z\tRUN\tOUTPUT\t");
        assertThat(LogLine.decodeWithService(api.encodeWithService())).isEqualTo(api);
        assertThat(LogLine.decodeWithService(session.encodeWithService())).isEqualTo(session);
    }

    @Test
    void timesAreKeptToTheMillisecondSoThatALineReadBackEqualsTheOneWritten() {
        LogLine line = new LogLine(Instant.parse("2026-12-01T11:46:29.123456789Z"), "api", Source.RUN, Style.OUTPUT, "x");
        assertThat(line.time()).isEqualTo(T);
        assertThat(LogLine.decode("api", line.encode())).isEqualTo(line);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "garbage", "2026-12-01T11:46:29.123Z", "2026-12-01T11:46:29.123Z\tRUN\tOUTPUT",
        "yesterday\tRUN\tOUTPUT\tx", "2026-12-01T11:46:29.123Z\tSTDOUT\tOUTPUT\tx",
        "2026-12-01T11:46:29.123Z\tRUN\tLOUD\tx", "2026-13-45T99:46:29.123Z\tRUN\tOUTPUT\tx",
        "\u0000\uFFFD\tRUN\tOUTPUT\tx", "\tRUN\tOUTPUT\tx"})
    void aMalformedLineIsNoneRatherThanAnException(String raw) {
        assertThat(LogLine.decode("api", raw)).isNull();
        assertThat(LogLine.decodeWithService(raw)).isNull();
        assertThat(LogLine.decodeWithService("api\t" + raw)).isNull();
    }

    @Test
    void anUnknownOrDanglingEscapeInADamagedFileIsKeptAsItIs() {
        assertThat(LogLine.decode("api", "2026-12-01T11:46:29.123Z\tRUN\tOUTPUT\tC:\\temp\\x \\").text())
                .isEqualTo("C:\\temp\\x \\");
    }

    @Test
    void anOutputEventIsOneLineAsPrintedWithItsStreamAsTheSource() {
        EventText text = new EventText(List.of());
        assertThat(LogLine.of(new ReloadEvent.Output("api", T, ReloadEvent.Stream.BUILD, "\u001B[1mCompiling\u001B[0m"), text))
                .containsExactly(new LogLine(T, "api", Source.BUILD, Style.OUTPUT, "\u001B[1mCompiling\u001B[0m"));
        assertThat(LogLine.of(new ReloadEvent.Output("api", T, ReloadEvent.Stream.RUN, "up"), text))
                .containsExactly(new LogLine(T, "api", Source.RUN, Style.OUTPUT, "up"));
    }

    @Test
    void anyOtherEventGivesTheLinesTheConsoleShowsOfIt() {
        EventText text = new EventText(List.of());
        assertThat(LogLine.of(new ReloadEvent.Warning("api", T, "port 8080 is taken"), text))
                .containsExactly(new LogLine(T, "api", Source.EVENT, Style.WARNING, "port 8080 is taken"));
        assertThat(LogLine.of(new ReloadEvent.Stopping(null, T, true), text))
                .containsExactly(new LogLine(T, null, Source.EVENT, Style.STATUS, "stopping every service (Ctrl-C or SIGTERM)"));
        assertThat(LogLine.of(new ReloadEvent.Stopping(null, T, false), text)).as("no line on the console").isEmpty();
    }

    @Test
    void thePlainTextHasNoAnsiEscapes() {
        LogLine line = new LogLine(T, "api", Source.RUN, Style.OUTPUT, "\u001B[1m\u001B[32m   Compiling\u001B[0m api");
        assertThat(line.plainText()).isEqualTo("   Compiling api");
    }
}
