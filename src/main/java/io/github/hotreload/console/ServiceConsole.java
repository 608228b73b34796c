package io.github.hotreload.console;

import io.github.hotreload.process.OutputSink;

/** One service's view of the {@link Console}: its processes' output and its status lines. */
public final class ServiceConsole implements OutputSink {


    private final Console console;
    private final String service;
    private final String prefix;

    ServiceConsole(Console console, String service, String prefix) {
        this.console = console;
        this.service = service;
        this.prefix = prefix;
    }

    /** A line printed by one of the service's processes. */
    @Override
    public void line(String text) {
        console.write(service, prefix + console.childLine(text));
    }

    @Override
    public boolean wantsColor() {
        return console.color();
    }

    /** A line in the style the {@link EventText} gave it. */
    public void show(EventText.Style style, String text) {
        switch (style) {
            case OUTPUT -> line(text);
            case STATUS -> status(text);
            case SUCCESS -> success(text);
            case WARNING -> warning(text);
            case ERROR -> error(text);
        }
    }

    public void status(String text) {
        console.write(service, prefix + console.status(text));
    }

    public void success(String text) {
        console.write(service, prefix + console.success(text));
    }

    public void warning(String text) {
        console.write(service, prefix + console.warning(text));
    }

    public void error(String text) {
        console.write(service, prefix + console.error(text));
    }
}
