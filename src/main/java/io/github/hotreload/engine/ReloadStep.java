package io.github.hotreload.engine;

/** The step of a reload that did not happen. */
public enum ReloadStep {
    BUILD,
    STOP,
    START,
    READY
}
