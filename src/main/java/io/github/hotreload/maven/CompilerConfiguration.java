package io.github.hotreload.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The maven-compiler-plugin settings of a module as the module's build would use them: the
 * plugin's configuration, its {@code default-compile} execution's, and the {@code maven.compiler.*}
 * properties the plugin reads when neither says.
 */
final class CompilerConfiguration {

    static final String KEY = "org.apache.maven.plugins:maven-compiler-plugin";

    /** A processor path entry: {@code groupId:artifactId:version} with an optional classifier and type. */
    record ProcessorArtifact(String groupId, String artifactId, String version, String classifier, String type) {}

    private final Xpp3Dom plugin;
    private final Xpp3Dom execution;
    private final Properties properties;

    CompilerConfiguration(MavenProject project) {
        Plugin p = project.getBuild().getPluginsAsMap().get(KEY);
        Xpp3Dom config = null;
        Xpp3Dom exec = null;
        if (p != null) {
            config = p.getConfiguration() instanceof Xpp3Dom c ? c : null;
            for (PluginExecution e : p.getExecutions()) {
                if ("default-compile".equals(e.getId()) && e.getConfiguration() instanceof Xpp3Dom c) {
                    exec = c;
                }
            }
        }
        this.plugin = config;
        this.execution = exec;
        this.properties = project.getProperties();
    }

    private String value(String element, String property) {
        for (Xpp3Dom dom : new Xpp3Dom[] {execution, plugin}) {
            if (dom != null && dom.getChild(element) != null && dom.getChild(element).getValue() != null
                    && !dom.getChild(element).getValue().isBlank()) {
                return dom.getChild(element).getValue().trim();
            }
        }
        String v = property == null ? null : properties.getProperty(property);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private Xpp3Dom child(String element) {
        for (Xpp3Dom dom : new Xpp3Dom[] {execution, plugin}) {
            if (dom != null && dom.getChild(element) != null) {
                return dom.getChild(element);
            }
        }
        return null;
    }

    String release() {
        return value("release", "maven.compiler.release");
    }

    String source() {
        return value("source", "maven.compiler.source");
    }

    String target() {
        return value("target", "maven.compiler.target");
    }

    String encoding() {
        String e = value("encoding", "project.build.sourceEncoding");
        return e == null ? properties.getProperty("maven.compiler.encoding") : e;
    }

    boolean parameters() {
        return Boolean.parseBoolean(value("parameters", "maven.compiler.parameters"));
    }

    List<String> compilerArgs() {
        List<String> args = new ArrayList<>();
        Xpp3Dom list = child("compilerArgs");
        if (list != null) {
            for (Xpp3Dom arg : list.getChildren()) {
                if (arg.getValue() != null && !arg.getValue().isBlank()) {
                    args.add(arg.getValue().trim());
                }
            }
        }
        String single = value("compilerArgument", null);
        if (single != null) {
            args.add(single);
        }
        return args;
    }

    List<String> processors() {
        List<String> names = new ArrayList<>();
        Xpp3Dom list = child("annotationProcessors");
        if (list != null) {
            for (Xpp3Dom p : list.getChildren()) {
                if (p.getValue() != null && !p.getValue().isBlank()) {
                    names.add(p.getValue().trim());
                }
            }
        }
        return names;
    }

    /** The {@code <annotationProcessorPaths>}, or null when none is configured (processors come from the class path). */
    List<ProcessorArtifact> processorPaths() {
        Xpp3Dom list = child("annotationProcessorPaths");
        if (list == null) {
            return null;
        }
        List<ProcessorArtifact> paths = new ArrayList<>();
        for (Xpp3Dom path : list.getChildren()) {
            paths.add(new ProcessorArtifact(text(path, "groupId"), text(path, "artifactId"), text(path, "version"),
                    text(path, "classifier"), text(path, "type")));
        }
        return paths;
    }

    private static String text(Xpp3Dom dom, String child) {
        Xpp3Dom c = dom.getChild(child);
        return c == null || c.getValue() == null ? null : c.getValue().trim();
    }
}
