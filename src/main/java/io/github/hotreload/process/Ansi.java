package io.github.hotreload.process;

import java.util.regex.Pattern;

/** ANSI escape sequences in program output. */
public final class Ansi {

    private static final Pattern ESCAPES = Pattern.compile("\u001B(?:\\[[0-9;?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|[@-Z\\\\-_])");

    private Ansi() {}

    /** The text without colour and cursor sequences. */
    public static String strip(String text) {
        if (text.indexOf('\u001B') < 0) {
            return text;
        }
        return ESCAPES.matcher(text).replaceAll("");
    }
}
