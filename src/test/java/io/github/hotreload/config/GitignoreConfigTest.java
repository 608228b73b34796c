package io.github.hotreload.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <gitignore>}: on by default, off with false, anything else refused with a fix. */
class GitignoreConfigTest {

    @TempDir
    Path project;

    private List<ServiceSpec> resolve(String gitignore) throws Exception {
        Files.createDirectories(project.resolve("api"));
        ServiceDefinition d = new ServiceDefinition("api");
        d.setRun("sleep 600");
        d.setGitignore(gitignore);
        return new ServiceSpecResolver(project, Map.of("PATH", System.getenv("PATH"))).resolve(List.of(d));
    }

    @Test
    void ignoreFilesCountByDefault() throws Exception {
        assertThat(resolve(null).get(0).filter().ignoreRules()).isNotNull();
        assertThat(resolve(" TRUE ").get(0).filter().ignoreRules()).isNotNull();
    }

    @Test
    void falseTurnsThemOff() throws Exception {
        assertThat(resolve("false").get(0).filter().ignoreRules()).isNull();
    }

    @Test
    void anythingElseIsRefusedNamingTheServiceAndTheElement() {
        assertThatThrownBy(() -> resolve("no"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("service 'api', <gitignore>: 'no' is neither true nor false.")
                .hasMessageContaining("Fix: write <gitignore>true</gitignore> or <gitignore>false</gitignore>");
    }
}
