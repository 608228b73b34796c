package io.github.hotreload.console;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.engine.ReloadEvent;
import io.github.hotreload.engine.ReloadListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shows a session's events on the {@link Console}: each service's lines under its prefix and colour. */
public final class ConsoleReporter implements ReloadListener {

    private final Console console;
    private final EventText text;
    private final Map<String, ServiceConsole> services = new HashMap<>();

    public ConsoleReporter(Console console, List<ServiceSpec> specs) {
        this.console = console;
        this.text = new EventText(specs);
        for (int i = 0; i < specs.size(); i++) {
            services.put(specs.get(i).name(), console.service(specs.get(i).name(), i));
        }
    }

    @Override
    public void on(ReloadEvent event) {
        ServiceConsole out = event.service() == null ? null : services.get(event.service());
        for (EventText.Line line : text.lines(event)) {
            if (out == null) {
                console.plain(line.text());
                continue;
            }
            out.show(line.style(), line.text());
        }
    }
}
