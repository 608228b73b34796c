package io.github.hotreload.console;

import io.github.hotreload.process.Ansi;
import java.io.PrintStream;
import java.util.List;

/**
 * Writes every service's output and status to one stream, each line prefixed with the service's
 * name in its own colour, whole lines at a time so that services never interleave within a line.
 */
public final class Console {

    private static final String RESET = "\u001B[0m";
    private static final String BOLD = "\u001B[1m";
    private static final String RED = "\u001B[31m";
    private static final String GREEN = "\u001B[32m";
    private static final String YELLOW = "\u001B[33m";
    /** Service colours: cyan, magenta, yellow, green, blue, then their bright variants. */
    private static final List<String> COLORS = List.of(
            "\u001B[36m", "\u001B[35m", "\u001B[33m", "\u001B[32m", "\u001B[34m",
            "\u001B[96m", "\u001B[95m", "\u001B[93m", "\u001B[92m", "\u001B[94m");

    private final PrintStream out;
    private final boolean color;
    private final int width;

    /**
     * @param out where lines go
     * @param color whether to use ANSI colours
     * @param width the width of the widest service name, so that prefixes line up
     */
    public Console(PrintStream out, boolean color, int width) {
        this.out = out;
        this.color = color;
        this.width = width;
    }

    /**
     * Whether to use colours: not in batch mode, not when {@code NO_COLOR} is set, and when
     * Maven's {@code style.color} is {@code always}, or {@code auto} (the default) on a terminal.
     */
    public static boolean colorWanted(boolean batchMode, String noColor, String styleColor, boolean terminal) {
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        if ("always".equalsIgnoreCase(styleColor) || "force".equalsIgnoreCase(styleColor)) {
            return true;
        }
        if ("never".equalsIgnoreCase(styleColor) || batchMode) {
            return false;
        }
        return terminal;
    }

    public boolean color() {
        return color;
    }

    /** The console of one service. */
    public ServiceConsole service(String name, int index) {
        StringBuilder pad = new StringBuilder(name);
        while (pad.length() < width) {
            pad.append(' ');
        }
        String prefix = color
                ? COLORS.get(index % COLORS.size()) + "[" + pad + "]" + RESET + " "
                : "[" + pad + "] ";
        return new ServiceConsole(this, name, prefix);
    }

    /** A line of the plugin's own, not of a service. */
    public void plain(String text) {
        write(null, paint(Tone.TITLE, "[hotreload] ") + text);
    }

    void write(String service, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    String childLine(String text) {
        return color ? text + RESET : Ansi.strip(text);
    }

    /** How {@link #paint} marks text: bold for a title, and the colours of success, warning and failure. */
    public enum Tone {
        TITLE(BOLD), SUCCESS(GREEN + BOLD), WARNING(YELLOW + BOLD), FAILURE(RED + BOLD);

        private final String escape;

        Tone(String escape) {
            this.escape = escape;
        }
    }

    /** The text in the tone's colour, or as it is when colours are off. */
    public String paint(Tone tone, String text) {
        return color ? tone.escape + text + RESET : text;
    }

    String status(String text) {
        return paint(Tone.TITLE, "» " + text);
    }

    String success(String text) {
        return paint(Tone.SUCCESS, "» " + text);
    }

    String warning(String text) {
        return paint(Tone.WARNING, "» " + text);
    }

    String error(String text) {
        return paint(Tone.FAILURE, "» " + text);
    }
}
