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
        warmUpJdk();
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

    /**
     * Runs parts of the JDK that a service's first moments commonly use and that are slow the
     * first time in a JVM: the bootstraps of lambdas, method references and string concatenation,
     * and the date formatting of HTTP headers (the JDK's own server, Tomcat and Netty write a
     * {@code Date} header into the first response), with the locale data and time-zone rules it
     * reads. In a fresh JVM they take about half of the time from the go to the first response.
     *
     * <p>Only JDK code runs, with an explicit locale and zone: the default time zone and locale
     * are not read, so a service that sets {@code user.timezone} or calls {@code
     * Locale.setDefault} in its main gets what it set. What this does fix before the go is what
     * these JDK parts read once, when first used: the system properties {@code
     * java.locale.providers} and {@code java.time.zone.DefaultZoneRulesProvider}, which a service
     * must then set as JVM options (jvmArgs) rather than in its main.
     */
    static void warmUpJdk() {
        try {
            java.util.function.Function<String, Integer> length = String::length;
            Runnable nothing = () -> { };
            nothing.run();
            String concatenated = "x" + length.apply("warm") + '/' + 1.5;
            java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", java.util.Locale.US)
                    .withZone(java.time.ZoneId.of("GMT")).format(java.time.Instant.EPOCH);
            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    java.time.ZonedDateTime.ofInstant(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC));
            java.util.regex.Pattern.compile("([a-z]+)-(\\d+)").matcher(concatenated + "-1").find();
            String.format(java.util.Locale.ROOT, "%s %d %.2f", concatenated, 1, 1.5);
        } catch (RuntimeException | LinkageError e) {
            // a JDK without some of these parts: the service starts as it would have
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
