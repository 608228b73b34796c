package io.github.hotreload.maven;

import io.github.hotreload.config.DeclaredService;
import io.github.hotreload.config.ServiceDefinition;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.configuration.BeanConfigurationException;
import org.apache.maven.configuration.BeanConfigurator;
import org.apache.maven.configuration.DefaultBeanConfigurationRequest;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Gathers the {@code <services>} of a build: those the top-level POM declares and those each
 * module declares in its own POM. A block that a module inherits from its parent is the
 * parent's: it counts once, with paths relative to the parent.
 */
final class ReactorServices {

    private final BeanConfigurator configurator;
    private final String groupId;
    private final String artifactId;

    ReactorServices(BeanConfigurator configurator, String groupId, String artifactId) {
        this.configurator = configurator;
        this.groupId = groupId;
        this.artifactId = artifactId;
    }

    /**
     * The services declared by these projects (or by the parents they inherit them from), each
     * declaring POM once, in build order.
     *
     * @param ownOnly count only blocks the projects declare themselves, not inherited ones
     */
    List<DeclaredService> gather(List<MavenProject> projects, MavenProject topLevel, boolean ownOnly,
            Properties sessionProperties) throws MojoFailureException {
        List<DeclaredService> found = new ArrayList<>();
        Set<File> seen = new LinkedHashSet<>();
        for (MavenProject project : projects) {
            MavenProject declaring = declaring(project);
            if (declaring == null || (ownOnly && declaring != project) || declaring.getFile() == null
                    || !seen.add(declaring.getFile())) {
                continue;
            }
            boolean module = topLevel != null && !declaring.getBasedir().equals(topLevel.getBasedir());
            for (ServiceDefinition d : read(declaring, sessionProperties)) {
                found.add(new DeclaredService(d, declaring.getBasedir().toPath(), declaring.getFile().toPath(), module));
            }
        }
        return found;
    }

    /** The project whose own POM declares the services this project has: itself, or the nearest parent. */
    private MavenProject declaring(MavenProject project) {
        for (MavenProject p = project; p != null; p = p.getParent()) {
            if (p.getFile() == null) {
                return null; // a parent from a repository: not part of this checkout
            }
            if (declares(p.getOriginalModel())) {
                return p;
            }
        }
        return null;
    }

    private boolean declares(Model model) {
        if (model == null || model.getBuild() == null) {
            return false;
        }
        List<Plugin> plugins = new ArrayList<>(model.getBuild().getPlugins());
        if (model.getBuild().getPluginManagement() != null) {
            plugins.addAll(model.getBuild().getPluginManagement().getPlugins());
        }
        for (Plugin p : plugins) {
            if (isOurs(p) && servicesIn(p) != null) {
                return true;
            }
        }
        return false;
    }

    private boolean isOurs(Plugin p) {
        return artifactId.equals(p.getArtifactId()) && (p.getGroupId() == null || groupId.equals(p.getGroupId()));
    }

    /** The plugin's {@code <configuration>} that holds {@code <services>}: the plugin's own, or an execution's. */
    private static Xpp3Dom servicesIn(Plugin p) {
        if (p.getConfiguration() instanceof Xpp3Dom c && c.getChild("services") != null) {
            return c;
        }
        for (PluginExecution e : p.getExecutions()) {
            if (e.getConfiguration() instanceof Xpp3Dom c && c.getChild("services") != null) {
                return c;
            }
        }
        return null;
    }

    /**
     * The services of a declaring project, from its own POM as written: the effective model merges
     * a module's {@code <service>} list element by element with its parent's, which would mix two
     * blocks into one. Expressions such as {@code ${project.basedir}} or a property are evaluated
     * as Maven would.
     */
    private List<ServiceDefinition> read(MavenProject project, Properties sessionProperties) throws MojoFailureException {
        Model model = project.getOriginalModel();
        List<Plugin> plugins = new ArrayList<>(model.getBuild().getPlugins());
        if (model.getBuild().getPluginManagement() != null) {
            plugins.addAll(model.getBuild().getPluginManagement().getPlugins());
        }
        Xpp3Dom configuration = null;
        for (Plugin p : plugins) {
            if (isOurs(p) && servicesIn(p) != null) {
                configuration = servicesIn(p);
                break;
            }
        }
        if (configuration == null) {
            return List.of();
        }
        Xpp3Dom only = new Xpp3Dom("configuration");
        only.addChild(new Xpp3Dom(configuration.getChild("services")));
        ServicesBlock block = new ServicesBlock();
        Expressions expressions = new Expressions(project, sessionProperties);
        try {
            configurator.configureBean(new DefaultBeanConfigurationRequest()
                    .setBean(block)
                    .setConfiguration(only)
                    .setValuePreprocessor((value, type) -> value == null ? null : expressions.evaluate(value))
                    .setClassLoader(ServicesBlock.class.getClassLoader()));
        } catch (BeanConfigurationException e) {
            throw new MojoFailureException("Invalid hotreload configuration in " + project.getFile() + ": the <services> "
                    + "block cannot be read: " + e.getMessage() + ". Fix: check the element names against the "
                    + "configuration reference (every <service> holds elements such as <name>, <preset>, <run>).", e);
        }
        return block.getServices();
    }

    static Path pathOf(MavenProject p) {
        return p.getBasedir().toPath().toAbsolutePath().normalize();
    }
}
