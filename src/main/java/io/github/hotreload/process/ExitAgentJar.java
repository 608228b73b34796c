package io.github.hotreload.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes the jar that holds {@link ExitAgent} alone, for {@code -javaagent}, and names the JVM options that load it. */
public final class ExitAgentJar {

    private ExitAgentJar() {}

    /** The JVM options that load the agent from {@code jar}. */
    public static List<String> jvmOptions(Path jar) {
        return List.of("-javaagent:" + jar, ExitAgent.EXPORTS);
    }

    /**
     * The JVM options that load the agent, which lists the loaded classes into {@code classes}
     * at exit, and the main class and options that make the JVM a {@link Prestart} one.
     */
    public static List<String> prestartOptions(Path jar, Path classes) {
        return List.of("-javaagent:" + jar + "=" + ExitAgent.CLASSES + classes, ExitAgent.EXPORTS,
                "-Dhotreload.classes=" + classes);
    }

    /** The main class that runs the service's own main class once told to (see {@link Prestart}). */
    public static String prestartMainClass() {
        return Prestart.class.getName();
    }

    /** Writes the jar unless it is there with the same content; the JVM only reads it when it starts. */
    public static void write(Path jar) throws IOException {
        List<Class<?>> classes = List.of(ExitAgent.class, Prestart.class);
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        for (Class<?> c : classes) {
            String entry = c.getName().replace('.', '/') + ".class";
            try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                if (in == null) {
                    throw new IOException("the agent's class " + entry + " is not in the plugin");
                }
                entries.put(entry, in.readAllBytes());
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ExitAgent.class.getName());
        Files.createDirectories(jar.getParent());
        Path tmp = Files.createTempFile(jar.getParent(), "exit-agent", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream j = new JarOutputStream(out, manifest)) {
            for (java.util.Map.Entry<String, byte[]> entry : entries.entrySet()) {
                JarEntry e = new JarEntry(entry.getKey());
                e.setTime(0);
                j.putNextEntry(e);
                j.write(entry.getValue());
                j.closeEntry();
            }
        }
        if (Files.exists(jar) && java.util.Arrays.equals(Files.readAllBytes(jar), Files.readAllBytes(tmp))) {
            Files.delete(tmp);
            return;
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
