package io.github.hotreload.console;

import io.github.hotreload.engine.ReloadSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;

/**
 * Reads commands typed while a session runs, one per line: {@code r} rebuilds every service,
 * {@code h} lists the keys, {@code q} stops the session cleanly.
 */
public final class KeyCommands implements Runnable {

    public static final String HELP = "keys: r + Enter rebuilds every service, h + Enter lists the keys, q + Enter quits";

    private final InputStream in;
    private final ReloadSession session;
    private final Console console;

    public KeyCommands(InputStream in, ReloadSession session, Console console) {
        this.in = in;
        this.session = session;
        this.console = console;
    }

    /** Reads the commands on a daemon thread until end of input or the session's end. */
    public void start() {
        Thread t = new Thread(this, "hotreload-keys");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String key = line.trim().toLowerCase(Locale.ROOT);
                switch (key) {
                    case "" -> {
                        // a stray Enter
                    }
                    case "r" -> {
                        session.rebuild(List.of(), false, "the r key");
                    }
                    case "h", "?" -> console.plain(HELP);
                    case "q" -> {
                        console.plain("quitting: stopping every service");
                        session.close();
                        return;
                    }
                    default -> console.plain("unknown key '" + key + "'; " + HELP);
                }
            }
        } catch (IOException e) {
            // no input to read: keys are off
        }
    }
}
