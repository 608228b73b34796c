package io.github.hotreload.engine;

import io.github.hotreload.engine.ReloadEvent.Output;
import io.github.hotreload.engine.ReloadEvent.Stream;
import io.github.hotreload.process.OutputSink;
import java.time.Instant;

/** Turns the lines a service's build or run process prints into {@link Output} events. */
final class ServiceOutput implements OutputSink {

    private final String service;
    private final Stream stream;
    private final ReloadListener events;
    private final boolean color;

    ServiceOutput(String service, Stream stream, ReloadListener events, boolean color) {
        this.service = service;
        this.stream = stream;
        this.events = events;
        this.color = color;
    }

    @Override
    public void line(String text) {
        events.on(new Output(service, Instant.now(), stream, text));
    }

    @Override
    public boolean wantsColor() {
        return color;
    }
}
