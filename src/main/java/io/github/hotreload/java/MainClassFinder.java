package io.github.hotreload.java;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the classes a Java service can be started with, {@code public static void main(String[])}
 * ones, in a module's output directory, so that a service needs no main class configured when
 * it has only one. The class files are read, not loaded: loading would run static initializers
 * and tie the classes to this JVM.
 */
public final class MainClassFinder {

    private MainClassFinder() {
    }

    /**
     * The binary names ({@code a.Outer$Inner} for a nested class) of the classes under
     * {@code outputDirectory} with a {@code public static void main(String[])}, sorted; empty when
     * the directory does not exist. The caller reports none or several as a problem, listing them.
     *
     * @throws IOException when the directory cannot be read or holds a broken class file
     */
    public static List<String> find(Path outputDirectory) throws IOException {
        if (!Files.isDirectory(outputDirectory)) {
            return List.of();
        }
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(outputDirectory)) {
            classFiles = files.filter(MainClassFinder::isClassFile).toList();
        }
        List<String> mains = new ArrayList<>();
        for (Path file : classFiles) {
            ClassFileSummary summary = read(file);
            if (summary.hasMainMethod()) {
                mains.add(summary.binaryName());
            }
        }
        mains.sort(null);
        return mains;
    }

    /**
     * Whether {@code outputDirectory} holds class {@code binaryName} ({@code a.Main}, or
     * {@code a.Outer$Inner}) with a {@code public static void main(String[])}: a check for a
     * configured main class before the service is started with it.
     */
    public static boolean hasMainClass(Path outputDirectory, String binaryName) throws IOException {
        Path file = outputDirectory.resolve(binaryName.replace('.', '/') + ".class");
        if (!Files.isRegularFile(file)) {
            return false;
        }
        ClassFileSummary summary = read(file);
        return summary.binaryName().equals(binaryName) && summary.hasMainMethod();
    }

    private static boolean isClassFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".class") && !name.equals("module-info.class") && !name.equals("package-info.class")
                && Files.isRegularFile(file);
    }

    private static ClassFileSummary read(Path file) throws IOException {
        try {
            return ClassFileSummary.read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException("cannot read class file " + file + ": " + e.getMessage(), e);
        }
    }
}
