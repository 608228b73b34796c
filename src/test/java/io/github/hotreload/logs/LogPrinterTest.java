package io.github.hotreload.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.console.Console;
import io.github.hotreload.console.ConsoleReporter;
import io.github.hotreload.console.EventText;
import io.github.hotreload.engine.ReloadEvent;
import io.github.hotreload.testing.Specs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogPrinterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void printsALogLikeTheWatchsConsoleShowedIt(boolean color) {
        List<ServiceSpec> specs = List.of(Specs.exec(dir, "api", d -> {}), Specs.exec(dir, "web", d -> {}));
        Instant t = Instant.now();
        List<ReloadEvent> events = List.of(
                new ReloadEvent.LeftoversStopped(null, t, 2, 0, 42),
                new ReloadEvent.Output("web", t, ReloadEvent.Stream.BUILD, "\u001B[1m   Compiling\u001B[0m web"),
                new ReloadEvent.Output("api", t, ReloadEvent.Stream.RUN, "listening"),
                new ReloadEvent.Warning("api", t, "slow"),
                new ReloadEvent.Error("web", t, "boom"),
                new ReloadEvent.RestartScheduled("api", t, java.time.Duration.ofSeconds(1), 1,
                        java.time.Duration.ofSeconds(30)),
                new ReloadEvent.Stopping(null, t, true));

        ByteArrayOutputStream watch = new ByteArrayOutputStream();
        ConsoleReporter reporter = new ConsoleReporter(
                new Console(new PrintStream(watch, true, StandardCharsets.UTF_8), color, 3), specs);
        events.forEach(reporter::on);

        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        LogPrinter printer = new LogPrinter(new Console(new PrintStream(logs, true, StandardCharsets.UTF_8), color, 3),
                List.of("api", "web"));
        EventText text = new EventText(specs);
        // through the file format, as hotreload:logs gets them
        events.stream().flatMap(e -> LogLine.of(e, text).stream())
                .map(l -> LogLine.decode(l.service(), l.encode()))
                .forEach(printer::print);

        assertThat(logs.toString(StandardCharsets.UTF_8)).isEqualTo(watch.toString(StandardCharsets.UTF_8))
                .contains("[api]", "[web]", "[hotreload] ");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aServiceNoLongerInTheOrderStillGetsAColourOfItsOwn(boolean color) {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(logs, true, StandardCharsets.UTF_8), color, 3);
        LogPrinter printer = new LogPrinter(console, List.of("api"));
        printer.print(new LogLine(Instant.now(), "old", LogLine.Source.RUN, EventText.Style.OUTPUT, "x"));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        new Console(new PrintStream(expected, true, StandardCharsets.UTF_8), color, 3).service("old", 1).line("x");
        assertThat(logs.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString(StandardCharsets.UTF_8));
    }
}
