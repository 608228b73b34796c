package io.github.hotreload.process;

import java.time.Duration;

/**
 * How stopping a process tree went.
 *
 * @param processes how many processes the tree had
 * @param killed how many of them needed SIGKILL after the stop timeout
 * @param elapsed from SIGTERM until the last one had exited
 */
public record StopResult(int processes, int killed, Duration elapsed) {}
