package io.github.hotreload.console;

import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.status.StatusTable;
import io.github.hotreload.status.WatchStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Reads commands typed while a session runs, one per line, each optionally followed by service
 * names (all services when none): {@code r} rebuilds, {@code rs} restarts without a build,
 * {@code p} pauses the automatic reloads, {@code u} resumes them, {@code s} shows the status,
 * {@code d} prints a fresh dashboard link, {@code h} lists the keys, {@code q} stops the session
 * cleanly.
 */
public final class KeyCommands implements Runnable {

    public static final String HELP = "keys (+ Enter, optionally followed by service names): r rebuild, rs restart, "
            + "p pause reloads, u resume, s status, d dashboard link, h help, q quit";

    private final InputStream in;
    private final ReloadSession session;
    private final Console console;
    private final Supplier<WatchStatus> status;
    private final Supplier<String> dashboardLink;

    public KeyCommands(InputStream in, ReloadSession session, Console console) {
        this(in, session, console, null, null);
    }

    /**
     * @param status the session's status, for {@code s}; null when there is none
     * @param dashboardLink a fresh one-time dashboard link, for {@code d}; null (or a null answer) when the dashboard is off
     */
    public KeyCommands(InputStream in, ReloadSession session, Console console, Supplier<WatchStatus> status,
            Supplier<String> dashboardLink) {
        this.in = in;
        this.session = session;
        this.console = console;
        this.status = status;
        this.dashboardLink = dashboardLink;
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
                String[] words = line.trim().split("\\s+");
                String key = words[0].toLowerCase(Locale.ROOT);
                List<String> services = Arrays.asList(words).subList(1, words.length);
                List<String> unknown = services.stream().filter(s -> !session.services().contains(s)).toList();
                if (!unknown.isEmpty()) {
                    console.plain("unknown service(s) " + String.join(", ", unknown) + "; this session runs "
                            + String.join(", ", session.services()));
                    continue;
                }
                switch (key) {
                    case "" -> {
                        // a stray Enter
                    }
                    case "r" -> session.rebuild(services, false, "the r key");
                    case "rs" -> session.restart(services, "the rs key");
                    case "p" -> session.pause(services, true, "the p key");
                    case "u" -> session.pause(services, false, "the u key");
                    case "s" -> {
                        if (status == null) {
                            console.plain("no status in this session");
                        } else {
                            StatusTable.render(status.get(), ZoneId.systemDefault()).forEach(console::plain);
                        }
                    }
                    case "d" -> {
                        String link = dashboardLink == null ? null : dashboardLink.get();
                        console.plain(link == null ? "the dashboard is off (-Dhotreload.dashboard=false)"
                                : "dashboard (the link opens once): " + link);
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
