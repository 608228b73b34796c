package io.github.hotreload.java;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds main classes in a module's sources, before anything is compiled, so that a missing or
 * ambiguous main class is reported before any service starts. {@link MainClassFinder} checks the
 * compiled classes afterwards.
 */
public final class MainClassSources {

    private static final Pattern MAIN = Pattern.compile(
            "\\bpublic\\s+static\\s+(final\\s+)?void\\s+main\\s*\\(\\s*(final\\s+)?String\\s*(\\[\\s*]|\\.\\.\\.)"
                    + "|\\bstatic\\s+public\\s+void\\s+main\\s*\\(\\s*(final\\s+)?String\\s*(\\[\\s*]|\\.\\.\\.)");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private MainClassSources() {}

    /** The classes whose top-level source declares a {@code public static void main(String[])}, sorted. */
    public static List<String> find(List<Path> sourceRoots) {
        TreeSet<String> found = new TreeSet<>();
        for (Path root : sourceRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = read(f);
                    if (text != null && MAIN.matcher(stripComments(text)).find()) {
                        found.add(className(root, f));
                    }
                }
            } catch (IOException e) {
                // an unreadable tree: the compiler will say more
            }
        }
        return new ArrayList<>(found);
    }

    /** Whether a source of the roots declares the class (a top-level one, or a nested one by its outer file). */
    public static boolean declares(List<Path> sourceRoots, String className) {
        String top = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        String file = top.replace('.', '/') + ".java";
        for (Path root : sourceRoots) {
            if (Files.isRegularFile(root.resolve(file))) {
                return true;
            }
        }
        // a top-level class in a file of another name, or a nested class written with dots
        for (int dot = top.lastIndexOf('.'); dot > 0; dot = top.lastIndexOf('.', dot - 1)) {
            String outer = top.substring(0, dot).replace('.', '/') + ".java";
            for (Path root : sourceRoots) {
                if (Files.isRegularFile(root.resolve(outer))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String className(Path root, Path file) {
        String text = read(file);
        String name = file.getFileName().toString();
        name = name.substring(0, name.length() - ".java".length());
        Matcher m = text == null ? null : PACKAGE.matcher(text);
        if (m != null && m.find()) {
            return m.group(1) + "." + name;
        }
        Path rel = root.relativize(file.getParent());
        String pkg = rel.toString().replace(java.io.File.separatorChar, '.');
        return pkg.isEmpty() ? name : pkg + "." + name;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            try {
                return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            } catch (IOException e2) {
                return null;
            }
        }
    }

    private static String stripComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }
}
