package io.github.hotreload.watch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real git repository in a temporary directory, with a home directory of its own, and what
 * {@code git check-ignore} says of its paths: the reference our rules are checked against.
 */
final class GitRepo {

    /** What git says of one path: the file, line and pattern that matched last, or none. */
    record GitVerdict(String source, String line, String pattern) {
        boolean ignored() {
            return !pattern.isEmpty() && !pattern.startsWith("!");
        }
    }

    final Path top;
    final Path home;

    GitRepo(Path dir) throws IOException, InterruptedException {
        this.top = Files.createDirectories(dir.resolve("repo")).toRealPath();
        this.home = Files.createDirectories(dir.resolve("home")).toRealPath();
        git("init", "-q");
    }

    /** The variables our rules and git both get: only this repository's home. */
    Map<String, String> environment() {
        return Map.of("HOME", home.toString());
    }

    Path write(String relative, String content) throws IOException {
        Path file = top.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    Path mkdir(String relative) throws IOException {
        return Files.createDirectories(top.resolve(relative));
    }

    String git(String... args) throws IOException, InterruptedException {
        return run(null, args);
    }

    /** {@code git check-ignore -v -n --no-index} for each path (relative to the top, existing). */
    Map<String, GitVerdict> checkIgnore(List<String> paths) throws IOException, InterruptedException {
        StringBuilder in = new StringBuilder();
        for (String p : paths) {
            in.append(p).append('\0');
        }
        String out = run(in.toString(), "check-ignore", "-v", "-n", "-z", "--no-index", "--stdin");
        String[] fields = out.split("\0", -1);
        Map<String, GitVerdict> result = new LinkedHashMap<>();
        for (int i = 0; i + 3 < fields.length; i += 4) {
            result.put(fields[i + 3], new GitVerdict(fields[i], fields[i + 1], fields[i + 2]));
        }
        if (result.size() != paths.size()) {
            throw new IllegalStateException("git check-ignore answered " + result.size() + " of " + paths.size());
        }
        return result;
    }

    private String run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(top.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_") || k.equals("XDG_CONFIG_HOME"));
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        Process p = pb.start();
        try (OutputStream o = p.getOutputStream()) {
            if (stdin != null) {
                o.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        int code = p.waitFor();
        String text = out.toString(StandardCharsets.UTF_8);
        // check-ignore exits 1 when nothing is ignored
        if (code != 0 && !(code == 1 && args[0].equals("check-ignore"))) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed (" + code + "): " + text);
        }
        return text;
    }

    /** Every file and directory below the top, relative to it, except {@code .git}. */
    List<String> paths() throws IOException {
        List<String> all = new ArrayList<>();
        try (var walk = Files.walk(top)) {
            walk.filter(p -> !p.equals(top))
                    .map(p -> top.relativize(p).toString())
                    .filter(r -> !r.equals(".git") && !r.startsWith(".git/"))
                    .forEach(all::add);
        }
        return all;
    }

    /** A map from path to whether it is a directory, for the paths given. */
    Map<String, Boolean> kinds(List<String> paths) {
        Map<String, Boolean> kinds = new HashMap<>();
        for (String p : paths) {
            kinds.put(p, Files.isDirectory(top.resolve(p)));
        }
        return kinds;
    }
}
