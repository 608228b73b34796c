package io.github.hotreload.testing;

import io.github.hotreload.process.OutputSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An output sink that keeps every line. */
public final class Lines implements OutputSink {

    public final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void line(String text) {
        lines.add(text);
    }

    public boolean contains(String part) {
        return lines.stream().anyMatch(l -> l.contains(part));
    }
}
