package io.github.hotreload.engine;

/** Where the engine's timing rules read the time, so that tests can drive them. */
@FunctionalInterface
public interface Clock {

    Clock SYSTEM = System::nanoTime;

    /** Nanoseconds from an arbitrary origin, as {@link System#nanoTime()}. */
    long nanoTime();
}
