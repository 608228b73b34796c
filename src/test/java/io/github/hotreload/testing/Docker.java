package io.github.hotreload.testing;

import java.util.concurrent.TimeUnit;

/**
 * Whether a Docker engine and compose run here, for the tests that need them. {@code .ci/run}
 * starts one and sets {@code HOTRELOAD_REQUIRE_DOCKER=1}: there these tests must run.
 */
public final class Docker {

    private static Boolean available;

    private Docker() {}

    /** Whether {@code docker info} answers. */
    public static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("docker", "info").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                available = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
                p.destroyForcibly();
            } catch (java.io.IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        return available;
    }

    /** Skips the calling test without an engine, or fails it where one is required. */
    public static void assumeAvailable() {
        if ("1".equals(System.getenv("HOTRELOAD_REQUIRE_DOCKER")) && !available()) {
            throw new AssertionError("a Docker engine is required here (HOTRELOAD_REQUIRE_DOCKER=1) but 'docker info'"
                    + " does not answer: run .ci/docker");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(available(), "no Docker engine answers here (.ci/docker starts one)");
    }
}
