package io.github.hotreload.engine;

import io.github.hotreload.process.OutputSink;
import java.util.ArrayList;
import java.util.List;

/**
 * The output of a build that may not be used: its lines are held until {@link #release()}, which
 * passes them and every later line on, or {@link #discard()}, which drops them and every later
 * line. A build started before its changes were compared is shown only once they differ.
 */
final class HeldOutput implements OutputSink {

    private final OutputSink target;
    private List<String> held = new ArrayList<>();
    private boolean discarded;

    HeldOutput(OutputSink target) {
        this.target = target;
    }

    @Override
    public synchronized void line(String text) {
        if (discarded) {
            return;
        }
        if (held != null) {
            held.add(text);
        } else {
            target.line(text);
        }
    }

    /** Passes the held lines on, in order, and every line from now on; idempotent. */
    synchronized void release() {
        if (held == null || discarded) {
            return;
        }
        List<String> lines = held;
        held = null;
        for (String line : lines) {
            target.line(line);
        }
    }

    /** Drops the held lines and every line from now on. */
    synchronized void discard() {
        discarded = true;
        held = null;
    }

    @Override
    public boolean wantsColor() {
        return target.wantsColor();
    }
}
