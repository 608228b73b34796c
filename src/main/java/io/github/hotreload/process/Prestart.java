package io.github.hotreload.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The main class of a JVM the java preset starts ahead, while the old version still serves: it
 * loads (without initializing) the JDK and dependency classes that the service's last run used,
 * as {@link ExitAgent} listed them, then waits for {@link #GO} on its standard input (or its
 * end) and only then runs the service's own main class. So the JVM's start and most of its class
 * loading happen before the change, and the service itself starts as a clean run: its own classes
 * are read from the output directories only after the go, and no code of its runs before.
 *
 * <p>Arguments: {@code MAINCLASS [ARGS...]}; the system property {@code hotreload.classes} names
 * the list of classes to load.
 */
public final class Prestart {

    /** The word that lets the service start. */
    public static final String GO = "go";

    private Prestart() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: Prestart MAINCLASS [ARGS...]");
        }
        preload(System.getProperty("hotreload.classes"));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            String word;
            do {
                word = in.readLine();
            } while (word != null && !word.strip().equals(GO));
        }
        Method main = Class.forName(args[0], false, ClassLoader.getSystemClassLoader())
                .getMethod("main", String[].class);
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new NoSuchMethodException(args[0] + " has no static main(String[])");
        }
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause(); // as if main had been the JVM's own
        }
    }

    /** Loads the listed classes that come from the JDK or a jar; those of directories may change, so never those. */
    private static void preload(String list) {
        if (list == null || !Files.isRegularFile(Path.of(list))) {
            return;
        }
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        try {
            for (String name : Files.readAllLines(Path.of(list), StandardCharsets.UTF_8)) {
                if (name.isBlank()) {
                    continue;
                }
                var resource = loader.getResource(name.replace('.', '/') + ".class");
                if (resource == null || resource.getProtocol().equals("file")) {
                    continue; // gone, or a class of a directory: read fresh after the go
                }
                try {
                    Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // not loadable here: the service loads what it needs itself
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable list: nothing is loaded ahead
        }
    }
}
