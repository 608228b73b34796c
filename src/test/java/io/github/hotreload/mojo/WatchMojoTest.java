package io.github.hotreload.mojo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.hotreload.testing.ChildProcesses;
import io.github.hotreload.config.Preset;
import io.github.hotreload.config.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * Parameter binding of {@code hotreload:watch} through Maven's own configurator, and every bad
 * configuration the goal must refuse before it starts anything.
 */
@MojoTest
@Basedir("/projects/services")
class WatchMojoTest {

    /** Children of the test JVM before the goal ran (other tests\' may still be ending). */
    private static final java.util.Set<Long> BEFORE = ChildProcesses.now();

    private static final String HEAD = "<project><build><plugins><plugin>"
            + "<artifactId>hotreload-maven-plugin</artifactId><configuration>";
    private static final String TAIL = "</configuration></plugin></plugins></build></project>";

    private static void assertRefused(WatchMojo mojo, String... parts) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .message()
                .contains(parts)
                .contains("Fix: ");
        assertThat(ChildProcesses.startedSince(BEFORE)).as("nothing may start").isEmpty();
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + """
            <services>
              <service>
                <name>core</name>
                <preset>cargo</preset>
                <readyLog>Server started on</readyLog>
              </service>
              <service>
                <name>api</name>
                <preset>go</preset>
                <readyUrl>http://127.0.0.1:3000/health</readyUrl>
                <delay>250ms</delay>
                <environment><PORT>3000</PORT><GREETING>hi there</GREETING></environment>
              </service>
              <service>
                <name>web</name>
                <run>python3 -m http.server 8000</run>
                <build>cp index.txt index.html</build>
                <includes><include>*.txt</include></includes>
                <excludes><exclude>*.html</exclude></excludes>
                <extensions><extension>css</extension></extensions>
                <readyPort>8000</readyPort>
                <stopTimeout>2s</stopTimeout>
                <maxDelay>5s</maxDelay>
              </service>
            </services>
            """ + TAIL)
    void bindsTheServicesAndMergesPresets(WatchMojo mojo) throws Exception {
        List<ServiceSpec> specs = mojo.resolveServices();

        assertThat(specs).extracting(ServiceSpec::name).containsExactly("core", "api", "web");
        ServiceSpec core = specs.get(0);
        assertThat(core.preset()).isEqualTo(Preset.CARGO);
        assertThat(core.build()).isEqualTo("cargo build --bin core");
        assertThat(core.run()).isEqualTo("target/debug/core");
        assertThat(core.directory()).endsWith(Path.of("core"));
        assertThat(core.readiness().logPattern().pattern()).isEqualTo("Server started on");
        assertThat(core.filter().acceptsFile(core.directory().resolve("src/main.rs"))).isTrue();
        assertThat(core.filter().acceptsDirectory(core.directory().resolve("target"))).isFalse();

        ServiceSpec api = specs.get(1);
        assertThat(api.build()).isEqualTo("go build -o ./tmp/main .");
        assertThat(api.run()).isEqualTo("./tmp/main");
        assertThat(api.delay()).isEqualTo(Duration.ofMillis(250)); // the preset's 50 ms, overridden
        assertThat(api.environment()).containsEntry("PORT", "3000").containsEntry("GREETING", "hi there");
        assertThat(api.readiness().url()).hasToString("http://127.0.0.1:3000/health");

        ServiceSpec web = specs.get(2);
        assertThat(web.preset()).isEqualTo(Preset.EXEC);
        assertThat(web.delay()).isEqualTo(Duration.ofMillis(50));
        assertThat(web.maxDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(web.stopTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(web.readiness().port()).isEqualTo(8000);
        assertThat(web.filter().acceptsFile(web.directory().resolve("index.txt"))).isTrue();
        assertThat(web.filter().acceptsFile(web.directory().resolve("style.css"))).isTrue();
        assertThat(web.filter().acceptsFile(web.directory().resolve("index.html"))).isFalse();
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + "<services><service><name>api</name><preset>go</preset></service>"
            + "<service><name>web</name><run>true</run></service></services>" + TAIL)
    @MojoParameter(name = "selectedServices", value = "web")
    void selectsServicesByName(WatchMojo mojo) throws Exception {
        assertThat(mojo.resolveServices()).extracting(ServiceSpec::name).containsExactly("web");
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + "<services><service><name>web</name><run>true</run></service></services>" + TAIL)
    @MojoParameter(name = "selectedServices", value = "web,nope")
    void refusesToSelectAnUnknownService(WatchMojo mojo) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("nope").hasMessageContaining("Fix: use names from the <services> of its POMs: web");
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + "<services><service><name>web</name><run>true</run></service></services>" + TAIL)
    @MojoParameter(name = "skip", value = "true")
    void skips(WatchMojo mojo) throws Exception {
        mojo.execute();
        assertThat(ChildProcesses.startedSince(BEFORE)).isEmpty();
    }

    // ---- every bad input refused before anything starts ----

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + TAIL)
    void refusesNoServices(WatchMojo mojo) {
        assertRefused(mojo, "<services>", "no services are configured");
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + "<services><service><name>web</name><run>true</run></service>"
            + "<service><name>web</name><directory>api</directory><run>true</run></service></services>" + TAIL)
    void refusesTwoServicesWithOneName(WatchMojo mojo) {
        assertRefused(mojo, "service 'web'", "<name>", "two services are named 'web'");
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + "<services><service><name>ghost</name><run>true</run></service></services>" + TAIL)
    void refusesADirectoryThatDoesNotExist(WatchMojo mojo) {
        assertRefused(mojo, "service 'ghost'", "<directory>", "ghost does not exist",
                "defaults to the service name");
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + "<services><service><name>web</name><directory>a-file.txt</directory>"
            + "<run>true</run></service></services>" + TAIL)
    void refusesADirectoryThatIsAFile(WatchMojo mojo) {
        assertRefused(mojo, "service 'web'", "<directory>", "is a file");
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + "<services><service><name>web</name><preset>gradle</preset>"
            + "<run>true</run></service></services>" + TAIL)
    void refusesAnUnknownPreset(WatchMojo mojo) {
        assertRefused(mojo, "service 'web'", "<preset>", "'gradle' is not a preset", "cargo, go, java, exec");
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + "<services><service><name>web</name><preset>exec</preset></service></services>" + TAIL)
    void refusesExecWithoutRun(WatchMojo mojo) {
        assertRefused(mojo, "service 'web'", "<run>", "is missing");
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + "<services><service><name>core</name><preset>cargo</preset>"
            + "<environment><PATH>/nonexistent</PATH></environment></service></services>" + TAIL)
    void refusesABuildToolThatIsNotOnThePath(WatchMojo mojo) {
        assertRefused(mojo, "service 'core'", "<build>", "runs 'cargo', which is not on the PATH",
                "Install Rust with rustup", "sudo apt-get install cargo");
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + "<services><service><name>web</name>"
            + "<run>no-such-server-xyz --port 8000</run></service></services>" + TAIL)
    void refusesARunToolThatIsNotOnThePath(WatchMojo mojo) {
        assertRefused(mojo, "service 'web'", "<run>", "runs 'no-such-server-xyz', which is not on the PATH");
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + "<services><service><name>web</name><run>true</run>"
            + "<readyUrl>htp:/localhost:8000</readyUrl></service></services>" + TAIL)
    void refusesAMalformedReadinessUrl(WatchMojo mojo) {
        assertRefused(mojo, "service 'web'", "<readyUrl>", "'htp:/localhost:8000' is not a valid HTTP URL");
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + "<services><service><name>web</name><run>true</run>"
            + "<readyLog>Listening on (port</readyLog></service></services>" + TAIL)
    void refusesAMalformedReadinessRegex(WatchMojo mojo) {
        assertRefused(mojo, "service 'web'", "<readyLog>", "is not a valid regular expression");
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + "<services><service><name>web</name><run>true</run>"
            + "<includes><include>src/[abc.rs</include></includes></service></services>" + TAIL)
    void refusesAGlobThatCannotBeParsed(WatchMojo mojo) {
        assertRefused(mojo, "service 'web'", "<includes>", "glob 'src/[abc.rs' cannot be parsed", "never closed");
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + "<services><service><name>web</name><run>true</run>"
            + "<delay>soon</delay><readyPort>70000</readyPort></service>"
            + "<service><preset>go</preset></service></services>" + TAIL)
    void reportsEveryProblemAtOnce(WatchMojo mojo) {
        assertRefused(mojo, "3 problems", "<delay>: 'soon' is not a duration", "<readyPort>: '70000' is not a TCP port",
                "service '#2', <name>: is missing");
    }

    @Test
    @InjectMojo(goal = "watch", pom = HEAD + "<services><service><name>web</name><run>true</run></service></services>" + TAIL)
    @MojoParameter(name = "maxDuration", value = "whenever")
    void refusesAMalformedMaxDuration(WatchMojo mojo) {
        assertRefused(mojo, "<maxDuration>", "'whenever' is not a duration");
    }
}
