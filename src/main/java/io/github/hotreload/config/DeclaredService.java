package io.github.hotreload.config;

import java.nio.file.Path;

/**
 * A {@code <service>} and the POM that declares it: its paths are relative to that POM's
 * directory, and a clash of names names both POMs.
 *
 * @param definition the service as written
 * @param baseDirectory the declaring POM's directory
 * @param declaredIn the declaring POM, for messages (null when there is only one)
 * @param module whether the declaring POM is a module's rather than the build's top-level one;
 *     a module's service without {@code <directory>} is the module itself
 */
public record DeclaredService(ServiceDefinition definition, Path baseDirectory, Path declaredIn, boolean module) {}
