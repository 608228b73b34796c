package io.github.hotreload.config;

import io.github.hotreload.watch.PathFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resolves a service's {@code <probe>}, or its preset's default, and checks it. */
final class ProbeResolver {

    private ProbeResolver() {}

    /** The probe as configured, or the preset's default; null when there is none. */
    static Probe resolve(ServiceDefinition d, Preset preset, Path dir, PathFilter filter, JavaService java, Checks checks) {
        ProbeDefinition p = d.getProbe();
        String file = p == null ? null : p.getFile();
        if (file == null) {
            file = defaultProbeFile(preset, dir, java);
            if (file == null) {
                if (p != null) {
                    checks.problem("probe", "has no <file>, and the " + preset.id() + " preset has no default.",
                            "add <file> with a source file of the service, e.g. <file>src/app.py</file>.");
                }
                return null;
            }
        }
        Path path = dir.resolve(file.trim()).normalize();
        if (!path.startsWith(dir)) {
            checks.problem("probe", "<file> " + file + " is outside the service directory " + dir + ".",
                    "name a file of the service, relative to its directory.");
            return null;
        }
        if (!Files.isRegularFile(path)) {
            checks.problem("probe", "<file> " + path + " does not exist or is not a file.",
                    "name an existing source file of the service, relative to its directory.");
            return null;
        }
        if (!Files.isWritable(path)) {
            checks.problem("probe", "<file> " + path + " cannot be written.", "make it writable (chmod u+w).");
            return null;
        }
        if (!filter.acceptsFile(path)) {
            checks.problem("probe", "<file> " + dir.relativize(path) + " is not watched for this service "
                            + "(its includes, extensions or excludes leave it out), so changing it cannot reload it.",
                    "name a file that the service watches, or adjust <includes>, <extensions> or <excludes>.");
            return null;
        }
        String append = p == null ? null : p.getAppend();
        String replace = p == null ? null : p.getReplace();
        String with = p == null ? null : p.getWith();
        if (append != null && replace != null) {
            checks.problem("probe", "has both <append> and <replace>.", "use one of them.");
            return null;
        }
        if (replace != null) {
            if (replace.isEmpty() || with == null) {
                checks.problem("probe", "<replace> needs a non-empty text and a <with>.",
                        "write <replace>text in the file</replace><with>new text with {token}</with>.");
                return null;
            }
            try {
                if (!Files.readString(path).contains(replace)) {
                    checks.problem("probe", dir.relativize(path) + " does not contain the <replace> text '" + replace + "'.",
                            "copy the text exactly from the file.");
                    return null;
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                checks.problem("probe", "cannot read " + path + " as UTF-8 text: " + e.getMessage() + ".",
                        "use <append>, or a text file.");
                return null;
            }
        } else if (with != null) {
            checks.problem("probe", "has <with> but no <replace>.", "add <replace> with the text that <with> replaces.");
            return null;
        } else if (append == null) {
            append = Probe.commentFor(path.getFileName().toString());
        }
        java.net.URI expectUrl = null;
        String expectText = p == null ? null : p.getExpectText();
        if (p != null && p.getExpectUrl() != null) {
            expectUrl = checks.httpUrl("probe", p.getExpectUrl());
            if (expectUrl == null) {
                return null;
            }
            if (expectText == null) {
                checks.problem("probe", "has <expectUrl> but no <expectText>.",
                        "add <expectText> with what the new version answers, e.g. {token}.");
                return null;
            }
        } else if (expectText != null) {
            checks.problem("probe", "has <expectText> but no <expectUrl>.", "add <expectUrl> with the URL to ask.");
            return null;
        }
        return new Probe(path, replace == null ? append : null, replace, with, expectUrl, expectText);
    }

    private static String defaultProbeFile(Preset preset, Path dir, JavaService java) {
        switch (preset) {
            case JAVA -> {
                if (java == null) {
                    return null;
                }
                // the main class's source, else the first source of the module
                for (Path root : java.module().compiler().sourceRoots()) {
                    String top = java.mainClass().contains("$")
                            ? java.mainClass().substring(0, java.mainClass().indexOf('$')) : java.mainClass();
                    Path main = root.resolve(top.replace('.', '/') + ".java");
                    if (Files.isRegularFile(main) && main.startsWith(dir)) {
                        return dir.relativize(main).toString();
                    }
                }
                for (Path root : java.module().compiler().sourceRoots()) {
                    try (var files = Files.walk(root)) {
                        var first = files.filter(f -> f.toString().endsWith(".java")).sorted().findFirst();
                        if (first.isPresent() && first.get().startsWith(dir)) {
                            return dir.relativize(first.get()).toString();
                        }
                    } catch (IOException e) {
                        // no sources there
                    }
                }
                return null;
            }
            case CARGO -> {
                for (String candidate : List.of("src/main.rs", "src/lib.rs")) {
                    if (Files.isRegularFile(dir.resolve(candidate))) {
                        return candidate;
                    }
                }
                return null;
            }
            case GO -> {
                if (Files.isRegularFile(dir.resolve("main.go"))) {
                    return "main.go";
                }
                try (var files = Files.list(dir)) {
                    return files.map(f -> f.getFileName().toString())
                            .filter(n -> n.endsWith(".go") && !n.endsWith("_test.go"))
                            .sorted()
                            .findFirst()
                            .orElse(null);
                } catch (IOException e) {
                    return null;
                }
            }
            default -> {
                return null;
            }
        }
    }
}
