package io.github.hotreload.logs;

import io.github.hotreload.console.Console;
import io.github.hotreload.console.ServiceConsole;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints log lines the way the watch's console showed them: a service's under its prefix in its
 * colour, output as printed and status lines in their style, the session's as the plugin's own.
 * For {@code hotreload:logs}, so that what it shows looks like what the watch showed.
 */
public final class LogPrinter {

    private final Console console;
    private final Map<String, ServiceConsole> services = new HashMap<>();

    /**
     * @param console where lines go
     * @param order the services in the session's order, which gives each its colour as in the watch;
     *     a service not in it gets the next colour when its first line comes
     */
    public LogPrinter(Console console, List<String> order) {
        this.console = console;
        for (String name : order) {
            services.computeIfAbsent(name, n -> console.service(n, services.size()));
        }
    }

    public synchronized void print(LogLine line) {
        if (line.service() == null) {
            console.plain(line.text());
            return;
        }
        ServiceConsole out = services.computeIfAbsent(line.service(), n -> console.service(n, services.size()));
        out.show(line.style(), line.text());
    }
}
