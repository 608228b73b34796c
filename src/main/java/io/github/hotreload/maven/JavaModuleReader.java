package io.github.hotreload.maven;

import io.github.hotreload.java.CompilerSettings;
import io.github.hotreload.java.JavaModule;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;

/**
 * Reads a Java module of the reactor into a {@link JavaModule}: its source and resource roots,
 * its compiler settings, and its class paths with the reactor modules it depends on mapped to
 * their output directories (never to jars, which a clean checkout does not have).
 */
final class JavaModuleReader {

    private final ProjectDependenciesResolver resolver;
    private final RepositorySystem repositories;
    private final MavenSession session;
    /** The reactor's projects by {@code groupId:artifactId}. */
    private final Map<String, MavenProject> reactor = new HashMap<>();
    private final List<MavenProject> buildOrder;

    JavaModuleReader(ProjectDependenciesResolver resolver, RepositorySystem repositories, MavenSession session) {
        this.resolver = resolver;
        this.repositories = repositories;
        this.session = session;
        this.buildOrder = session.getProjects();
        for (MavenProject p : buildOrder) {
            reactor.put(key(p), p);
        }
    }

    static String key(MavenProject p) {
        return p.getGroupId() + ":" + p.getArtifactId();
    }

    MavenProject project(String id) {
        return reactor.get(id);
    }

    /** The reactor project whose directory is {@code dir}, or null. */
    MavenProject projectAt(Path dir) {
        for (MavenProject p : buildOrder) {
            if (ReactorServices.pathOf(p).equals(dir.toAbsolutePath().normalize())) {
                return p;
            }
        }
        return null;
    }

    JavaModule read(MavenProject project) throws MojoExecutionException {
        DependencyResolutionResult resolved;
        try {
            // reactor modules are left out of the resolution: their classes come from their output directories
            resolved = resolver.resolve(new DefaultDependencyResolutionRequest(project, session.getRepositorySession())
                    .setResolutionFilter((node, parents) -> node.getArtifact() == null
                            || !reactor.containsKey(node.getArtifact().getGroupId() + ":" + node.getArtifact().getArtifactId())));
        } catch (DependencyResolutionException e) {
            throw new MojoExecutionException("hotreload: the dependencies of " + key(project) + " (" + project.getFile()
                    + ") cannot be resolved: " + e.getMessage() + ". Fix: check that the module builds with 'mvn compile'.", e);
        }
        Set<String> upstreamIds = new LinkedHashSet<>();
        collectReactorNodes(resolved.getDependencyGraph(), upstreamIds);
        List<String> upstream = new ArrayList<>();
        for (MavenProject p : buildOrder) {
            if (upstreamIds.contains(key(p)) && p != project) {
                upstream.add(key(p));
            }
        }
        List<Path> compile = new ArrayList<>();
        List<Path> runtime = new ArrayList<>();
        for (String id : upstream) {
            Path out = Path.of(reactor.get(id).getBuild().getOutputDirectory());
            compile.add(out);
            runtime.add(out);
        }
        for (Dependency d : resolved.getDependencies()) {
            File file = d.getArtifact() == null ? null : d.getArtifact().getFile();
            if (file == null || reactor.containsKey(d.getArtifact().getGroupId() + ":" + d.getArtifact().getArtifactId())) {
                continue;
            }
            String scope = d.getScope();
            if (!"test".equals(scope) && !"runtime".equals(scope)) {
                compile.add(file.toPath());
            }
            if ("compile".equals(scope) || "runtime".equals(scope) || scope == null || scope.isEmpty()) {
                runtime.add(file.toPath());
            }
        }
        CompilerConfiguration c = new CompilerConfiguration(project);
        List<Path> processorPath = processorPath(project, c);
        Path dir = ReactorServices.pathOf(project);
        CompilerSettings settings = new CompilerSettings(dir,
                project.getCompileSourceRoots().stream().map(Path::of).toList(),
                resourceRoots(project),
                Path.of(project.getBuild().getOutputDirectory()),
                compile, processorPath,
                Path.of(project.getBuild().getDirectory(), "generated-sources", "annotations"),
                c.release(), c.release() == null ? c.source() : null, c.release() == null ? c.target() : null,
                c.encoding(), c.parameters(), c.compilerArgs(), c.processors());
        return new JavaModule(key(project), dir, project.getFile().toPath(), project.getPackaging(), settings, runtime,
                upstream, mainClassHints(project));
    }

    private void collectReactorNodes(DependencyNode node, Set<String> into) {
        for (DependencyNode child : node.getChildren()) {
            if (child.getArtifact() != null) {
                String id = child.getArtifact().getGroupId() + ":" + child.getArtifact().getArtifactId();
                if (reactor.containsKey(id) && into.add(id)) {
                    // its own reactor dependencies come through its POM's node below
                }
            }
            collectReactorNodes(child, into);
        }
    }

    private static List<Path> resourceRoots(MavenProject project) {
        List<Path> roots = new ArrayList<>();
        for (Resource r : project.getResources()) {
            if (r.getDirectory() != null && r.getTargetPath() == null) {
                roots.add(Path.of(r.getDirectory()));
            }
        }
        return roots;
    }

    private List<Path> processorPath(MavenProject project, CompilerConfiguration c) throws MojoExecutionException {
        List<CompilerConfiguration.ProcessorArtifact> paths = c.processorPaths();
        if (paths == null) {
            return null;
        }
        List<Path> files = new ArrayList<>();
        for (CompilerConfiguration.ProcessorArtifact a : paths) {
            if (a.groupId() == null || a.artifactId() == null || a.version() == null) {
                throw new MojoExecutionException("hotreload: an <annotationProcessorPaths> entry of " + key(project)
                        + " lacks a groupId, artifactId or version. Fix: give all three, as maven-compiler-plugin needs.");
            }
            DefaultArtifact artifact = new DefaultArtifact(a.groupId(), a.artifactId(), a.classifier(),
                    a.type() == null ? "jar" : a.type(), a.version());
            CollectRequest collect = new CollectRequest(new Dependency(artifact, "runtime"),
                    project.getRemoteProjectRepositories());
            try {
                for (ArtifactResult r : repositories.resolveDependencies(session.getRepositorySession(),
                        new DependencyRequest(collect, null)).getArtifactResults()) {
                    if (r.getArtifact() != null && r.getArtifact().getFile() != null) {
                        files.add(r.getArtifact().getFile().toPath());
                    }
                }
            } catch (org.eclipse.aether.resolution.DependencyResolutionException e) {
                throw new MojoExecutionException("hotreload: the annotation processor " + artifact + " of " + key(project)
                        + " cannot be resolved: " + e.getMessage(), e);
            }
        }
        return files;
    }

    /** Main classes the build names: exec.mainClass, Spring Boot's start-class and plugin, the jar's manifest. */
    private static List<String> mainClassHints(MavenProject project) {
        List<String> hints = new ArrayList<>();
        for (String property : List.of("exec.mainClass", "start-class", "main.class", "mainClass")) {
            String v = project.getProperties().getProperty(property);
            if (v != null && !v.isBlank()) {
                hints.add(v.trim());
            }
        }
        for (String plugin : List.of("org.springframework.boot:spring-boot-maven-plugin", "org.codehaus.mojo:exec-maven-plugin")) {
            Plugin p = project.getBuild().getPluginsAsMap().get(plugin);
            if (p != null && p.getConfiguration() instanceof Xpp3Dom c && c.getChild("mainClass") != null
                    && c.getChild("mainClass").getValue() != null) {
                hints.add(c.getChild("mainClass").getValue().trim());
            }
        }
        Plugin jar = project.getBuild().getPluginsAsMap().get("org.apache.maven.plugins:maven-jar-plugin");
        if (jar != null && jar.getConfiguration() instanceof Xpp3Dom c && c.getChild("archive") != null
                && c.getChild("archive").getChild("manifest") != null
                && c.getChild("archive").getChild("manifest").getChild("mainClass") != null) {
            String v = c.getChild("archive").getChild("manifest").getChild("mainClass").getValue();
            if (v != null && !v.isBlank()) {
                hints.add(v.trim());
            }
        }
        return hints;
    }
}
