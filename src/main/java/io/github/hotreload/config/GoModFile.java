package io.github.hotreload.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directives of a {@code go.mod} or {@code go.work} that say where local code lies:
 * {@code replace} with a file path on the right ({@code => ../lib}, not {@code => example.com/fork
 * v1.2.3}) and {@code use}, in their one-line and block forms, with {@code //} comments and quoted
 * paths, as the go command reads them.
 *
 * @param localReplacements the file paths that {@code replace} directives point at, as written
 * @param uses the directories of {@code use} directives, as written
 */
record GoModFile(List<String> localReplacements, List<String> uses) {

    static final GoModFile NONE = new GoModFile(List.of(), List.of());

    /** The file's directives; {@link #NONE} when it cannot be read. */
    static GoModFile read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    static GoModFile parse(String text) {
        List<String> replacements = new ArrayList<>();
        List<String> uses = new ArrayList<>();
        String block = null;
        for (String raw : text.split("\n")) {
            String line = stripComment(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            String body;
            if (block != null) {
                if (line.equals(")")) {
                    block = null;
                    continue;
                }
                body = line;
            } else {
                List<String> words = words(line);
                String verb = words.get(0);
                if (!verb.equals("replace") && !verb.equals("use")) {
                    continue;
                }
                String rest = line.substring(verb.length()).strip();
                if (rest.equals("(")) {
                    block = verb;
                    continue;
                }
                block = null;
                body = rest;
                if (verb.equals("replace")) {
                    replacement(body, replacements);
                } else {
                    uses.addAll(words(body));
                }
                continue;
            }
            if (block.equals("replace")) {
                replacement(body, replacements);
            } else {
                uses.addAll(words(body));
            }
        }
        return new GoModFile(List.copyOf(replacements), List.copyOf(uses));
    }

    /** {@code old [version] => new [version]}: the new side when it is a file path. */
    private static void replacement(String body, List<String> out) {
        int arrow = body.indexOf("=>");
        if (arrow < 0) {
            return;
        }
        List<String> target = words(body.substring(arrow + 2));
        if (target.size() == 1) { // a module path has a version; a directory has none
            String path = target.get(0);
            if (path.startsWith("./") || path.startsWith("../") || path.startsWith("/") || path.equals(".")
                    || path.equals("..")) {
                out.add(path);
            }
        }
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length() - 1; i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '/' && line.charAt(i + 1) == '/') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** The words of a line, a double-quoted or back-quoted string counting as one (unquoted). */
    private static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '`') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) {
                    end = s.length();
                }
                words.add(s.substring(i + 1, end).replace("\\\"", "\""));
                i = end + 1;
            } else {
                int end = i;
                while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
                    end++;
                }
                words.add(s.substring(i, end));
                i = end;
            }
        }
        return words;
    }
}
