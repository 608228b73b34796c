package io.github.hotreload.process;

/** Receives the output of a process, one line at a time, without the line terminator. */
@FunctionalInterface
public interface OutputSink {

    void line(String text);

    /** Whether the sink shows colours, so that children may be asked to force theirs. */
    default boolean wantsColor() {
        return false;
    }
}
