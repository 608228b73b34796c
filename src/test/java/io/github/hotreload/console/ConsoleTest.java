package io.github.hotreload.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void prefixesEveryLineWithTheServiceNamePaddedToTheWidest() {
        Console console = new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 10);
        console.service("api", 0).line("listening");
        console.service("jessy-core", 1).status("ready");
        assertThat(written().lines()).containsExactly("[api       ] listening", "[jessy-core] » ready");
    }

    @Test
    void withoutColourChildEscapesAreRemoved() {
        Console console = new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 3);
        console.service("api", 0).line("\u001B[1m\u001B[32m   Compiling\u001B[0m api");
        assertThat(written()).isEqualTo("[api]    Compiling api" + System.lineSeparator());
    }

    @Test
    void withColourEachServiceHasItsOwnColourAndChildColoursAreKept() {
        Console console = new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 3);
        ServiceConsole a = console.service("api", 0);
        ServiceConsole b = console.service("web", 1);
        a.line("\u001B[32mok");
        b.line("x");
        String[] lines = written().split(System.lineSeparator());
        assertThat(lines[0]).startsWith("\u001B[36m[api]\u001B[0m \u001B[32mok");
        assertThat(lines[1]).startsWith("\u001B[35m[web]\u001B[0m x");
        assertThat(a.wantsColor()).isTrue();
    }

    @Test
    void colourFollowsBatchModeNoColorAndStyleColor() {
        assertThat(Console.colorWanted(false, null, null, true)).isTrue();
        assertThat(Console.colorWanted(false, null, null, false)).as("not a terminal").isFalse();
        assertThat(Console.colorWanted(true, null, null, true)).as("-B").isFalse();
        assertThat(Console.colorWanted(false, "1", null, true)).as("NO_COLOR").isFalse();
        assertThat(Console.colorWanted(false, "", null, true)).as("empty NO_COLOR is unset").isTrue();
        assertThat(Console.colorWanted(true, null, "always", false)).as("-Dstyle.color=always").isTrue();
        assertThat(Console.colorWanted(false, null, "never", true)).isFalse();
        assertThat(Console.colorWanted(false, "1", "always", true)).as("NO_COLOR wins").isFalse();
    }
}
