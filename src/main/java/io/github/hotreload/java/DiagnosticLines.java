package io.github.hotreload.java;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Turns javac's diagnostics into the lines javac itself prints, with file names relative to the
 * module's directory: {@code src/main/java/a/Foo.java:12: error: cannot find symbol}, then the
 * source line, a caret under the column and the message's further lines. People read these in
 * the console, and editors and terminals make {@code path:line} clickable.
 */
final class DiagnosticLines {

    private final Path moduleDirectory;

    DiagnosticLines(Path moduleDirectory) {
        this.moduleDirectory = moduleDirectory.toAbsolutePath().normalize();
    }

    /** The lines for all {@code diagnostics}, in the order javac reported them. */
    List<String> format(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<String> lines = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics) {
            lines.addAll(format(diagnostic));
        }
        return lines;
    }

    /** The lines for one diagnostic. */
    List<String> format(Diagnostic<? extends JavaFileObject> diagnostic) {
        List<String> message = List.of(diagnostic.getMessage(Locale.ROOT).split("\\R", -1));
        List<String> lines = new ArrayList<>();
        String kind = kind(diagnostic.getKind());
        JavaFileObject source = diagnostic.getSource();
        if (source == null) {
            lines.add(kind + ": " + message.get(0));
        } else {
            String where = name(source);
            if (diagnostic.getLineNumber() != Diagnostic.NOPOS) {
                where += ":" + diagnostic.getLineNumber();
            }
            lines.add(where + ": " + kind + ": " + message.get(0));
            lines.addAll(sourceAndCaret(source, diagnostic.getPosition()));
        }
        lines.addAll(message.subList(1, message.size()));
        return lines;
    }

    private String name(JavaFileObject source) {
        try {
            Path path = Path.of(source.toUri()).toAbsolutePath().normalize();
            return path.startsWith(moduleDirectory) ? moduleDirectory.relativize(path).toString() : path.toString();
        } catch (RuntimeException notAFile) {
            return source.getName();
        }
    }

    /** The source line holding {@code position} and a caret under it, as javac prints them. */
    private static List<String> sourceAndCaret(JavaFileObject source, long position) {
        if (position == Diagnostic.NOPOS) {
            return List.of();
        }
        CharSequence text;
        try {
            text = source.getCharContent(true);
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
        if (position > text.length()) {
            return List.of();
        }
        int at = (int) position;
        int start = at;
        while (start > 0 && text.charAt(start - 1) != '\n' && text.charAt(start - 1) != '\r') {
            start--;
        }
        int end = at;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        StringBuilder caret = new StringBuilder();
        for (int i = start; i < at; i++) {
            caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        return List.of(text.subSequence(start, end).toString(), caret.toString());
    }

    private static String kind(Diagnostic.Kind kind) {
        return switch (kind) {
            case ERROR -> "error";
            case WARNING, MANDATORY_WARNING -> "warning";
            case NOTE -> "note";
            case OTHER -> "info";
        };
    }
}
