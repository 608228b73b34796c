package io.github.hotreload.config;

import java.util.Map;

/** How to install the tools that services commonly need. */
public final class Tools {

    private static final String RUST = "Install Rust with rustup (https://rustup.rs), or on Debian/Ubuntu: sudo apt-get install cargo.";
    private static final String GO = "Install Go from https://go.dev/dl, or on Debian/Ubuntu: sudo apt-get install golang-go.";
    private static final String NODE = "Install Node.js from https://nodejs.org, or on Debian/Ubuntu: sudo apt-get install nodejs npm.";
    private static final String PYTHON = "Install Python 3 from https://www.python.org, or on Debian/Ubuntu: sudo apt-get install python3.";
    private static final String JAVA = "Install a JDK (https://adoptium.net), or on Debian/Ubuntu: sudo apt-get install default-jdk.";
    private static final String BUILD_ESSENTIAL = "On Debian/Ubuntu: sudo apt-get install build-essential.";

    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("cargo", RUST),
            Map.entry("rustc", RUST),
            Map.entry("go", GO),
            Map.entry("node", NODE),
            Map.entry("npm", NODE),
            Map.entry("npx", NODE),
            Map.entry("python3", PYTHON),
            Map.entry("python", PYTHON),
            Map.entry("java", JAVA),
            Map.entry("javac", JAVA),
            Map.entry("mvn", "Use the project's ./mvnw, or install Maven from https://maven.apache.org."),
            Map.entry("make", BUILD_ESSENTIAL),
            Map.entry("gcc", BUILD_ESSENTIAL),
            Map.entry("cc", BUILD_ESSENTIAL));

    private Tools() {}

    /** How to install {@code program}, or how to put it on the PATH when it is not a known tool. */
    public static String installHint(String program) {
        return HINTS.getOrDefault(program,
                "Install '" + program + "' or add the folder that holds it to PATH (or to this service's <environment><PATH>).");
    }
}
