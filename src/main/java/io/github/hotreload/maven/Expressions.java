package io.github.hotreload.maven;

import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.project.MavenProject;

/**
 * Evaluates {@code ${...}} in a value of a POM as written, as Maven's model interpolation would:
 * the project's coordinates and directories, its properties (inherited ones included), the
 * session's user and system properties, and {@code env.NAME}. An expression it does not know is
 * left as it is.
 */
final class Expressions {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

    private final MavenProject project;
    private final Properties session;

    Expressions(MavenProject project, Properties session) {
        this.project = project;
        this.session = session;
    }

    String evaluate(String value) {
        return evaluate(value, 0);
    }

    private String evaluate(String value, int depth) {
        if (value.indexOf("${") < 0 || depth > 10) { // a property that names itself stays as it is
            return value;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = EXPRESSION.matcher(value);
        while (m.find()) {
            String resolved = lookup(m.group(1).trim(), depth);
            m.appendReplacement(out, Matcher.quoteReplacement(resolved == null ? m.group() : resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String lookup(String name, int depth) {
        switch (name) {
            case "basedir", "project.basedir" -> {
                return project.getBasedir().getPath();
            }
            case "project.build.directory" -> {
                return project.getBuild().getDirectory();
            }
            case "project.build.outputDirectory" -> {
                return project.getBuild().getOutputDirectory();
            }
            case "project.version", "version" -> {
                return project.getVersion();
            }
            case "project.groupId" -> {
                return project.getGroupId();
            }
            case "project.artifactId" -> {
                return project.getArtifactId();
            }
            case "project.name" -> {
                return project.getName();
            }
            default -> {
                // a property, below
            }
        }
        if (name.startsWith("env.")) {
            return System.getenv(name.substring(4));
        }
        String v = session.getProperty(name);
        if (v == null) {
            v = project.getProperties().getProperty(name);
        }
        return v == null ? null : evaluate(v, depth + 1);
    }
}
