package io.github.hotreload.maven;

import io.github.hotreload.config.DeclaredService;
import io.github.hotreload.config.Preset;
import io.github.hotreload.java.JavaModule;
import io.github.hotreload.java.JavaReactor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.configuration.BeanConfigurator;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.RepositorySystem;

/**
 * Where Maven's world ends: turns the reactor into plain values for the rest of the plugin, the
 * services each POM declares and the Java modules they need. Holds no state of its own, so one
 * instance serves every build of the JVM, also several at once under {@code mvn -T}.
 */
@Named
@Singleton
public class ReactorAdapter {

    private final BeanConfigurator configurator;
    private final ProjectDependenciesResolver resolver;
    private final RepositorySystem repositories;

    @Inject
    public ReactorAdapter(BeanConfigurator configurator, ProjectDependenciesResolver resolver, RepositorySystem repositories) {
        this.configurator = configurator;
        this.resolver = resolver;
        this.repositories = repositories;
    }

    /** The services of a build, and the Java modules its {@code java} services need. */
    public record Services(List<DeclaredService> declared, JavaReactor java, Path root) {}

    /**
     * The services the projects declare.
     *
     * @param projects the projects to look at: the whole reactor, or one module
     * @param ownOnly count only blocks the projects declare themselves (a module's bound execution)
     */
    public Services services(MavenSession session, List<MavenProject> projects, boolean ownOnly, String groupId,
            String artifactId) throws MojoFailureException, MojoExecutionException {
        MavenProject top = session.getTopLevelProject() != null ? session.getTopLevelProject() : projects.get(0);
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(session.getSystemProperties());
        properties.putAll(session.getUserProperties());
        List<DeclaredService> declared = new ReactorServices(configurator, groupId, artifactId)
                .gather(projects, top, ownOnly, properties);
        return new Services(declared, javaModules(session, declared), ReactorServices.pathOf(top));
    }

    /** Reads the module of every {@code java} service, and the reactor modules each depends on. */
    private JavaReactor javaModules(MavenSession session, List<DeclaredService> declared) throws MojoExecutionException {
        List<Path> wanted = new ArrayList<>();
        for (DeclaredService d : declared) {
            String preset = d.definition().getPreset();
            if (preset != null && Preset.of(preset).orElse(null) == Preset.JAVA) {
                String dir = d.definition().getDirectory();
                Path base = d.baseDirectory();
                if (dir != null && !dir.isBlank()) {
                    wanted.add(base.resolve(dir.trim()).normalize());
                } else {
                    wanted.add(base.normalize()); // a java service without <directory> is its POM's module
                }
            }
        }
        if (wanted.isEmpty()) {
            return JavaReactor.none();
        }
        JavaModuleReader reader = new JavaModuleReader(resolver, repositories, session);
        Map<String, JavaModule> modules = new LinkedHashMap<>();
        for (Path dir : wanted) {
            MavenProject project = reader.projectAt(dir);
            if (project == null || modules.containsKey(JavaModuleReader.key(project))) {
                continue; // not a module: the configuration check says so
            }
            JavaModule module = reader.read(project);
            modules.put(module.id(), module);
            for (String id : module.upstream()) {
                if (!modules.containsKey(id)) {
                    modules.put(id, reader.read(reader.project(id)));
                }
            }
        }
        return new JavaReactor(new ArrayList<>(modules.values()));
    }
}
