package io.github.hotreload.mojo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.hotreload.testing.ChildProcesses;
import io.github.hotreload.config.ServiceSpec;
import java.nio.file.Files;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** verify-reload's parameters and the probe configurations it must refuse before starting anything. */
@MojoTest
@Basedir("/projects/services")
class VerifyReloadMojoTest {

    /** Children of the test JVM before the goal ran (other tests\' may still be ending). */
    private static final java.util.Set<Long> BEFORE = ChildProcesses.now();

    private static final String HEAD = "<project><build><plugins><plugin>"
            + "<artifactId>hotreload-maven-plugin</artifactId><configuration>";
    private static final String TAIL = "</configuration></plugin></plugins></build></project>";

    private static void assertRefused(VerifyReloadMojo mojo, String... parts) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .message()
                .contains(parts)
                .contains("Fix: ");
        assertThat(ChildProcesses.startedSince(BEFORE)).as("nothing may start").isEmpty();
    }

    @Test
    @InjectMojo(goal = "verify-reload", pom = HEAD + "<services>"
            + "<service><name>core</name><preset>cargo</preset></service>"
            + "<service><name>api</name><preset>go</preset><probe><replace>func main() {}</replace>"
            + "<with>func main() { /* {token} */ }</with><expectUrl>http://127.0.0.1:3000/</expectUrl>"
            + "<expectText>{token}</expectText></probe></service>"
            + "</services>" + TAIL)
    void presetsProbeTheirMainSourceFile(VerifyReloadMojo mojo) throws Exception {
        ServiceSpec core = mojo.resolveServices().get(0);
        assertThat(core.probe().file()).isEqualTo(core.directory().resolve("src/main.rs"));
        byte[] probed = core.probe().apply(Files.readAllBytes(core.probe().file()), "hr1234");
        assertThat(new String(probed)).isEqualTo("fn main() {}\n// hotreload probe hr1234\n");

        ServiceSpec api = mojo.resolveServices().get(1);
        assertThat(api.probe().file()).isEqualTo(api.directory().resolve("main.go"));
        assertThat(new String(api.probe().apply(Files.readAllBytes(api.probe().file()), "hrX")))
                .contains("func main() { /* hrX */ }");
        assertThat(api.probe().expectedText("hrX")).isEqualTo("hrX");
        assertThat(mojo.timeout).isEqualTo("2m");
        assertThat(mojo.reportDirectory.toString()).endsWith("target/hotreload-reports");
    }

    @Test
    @InjectMojo(goal = "verify-reload", pom = HEAD + "<services><service><name>web</name><run>true</run></service></services>" + TAIL)
    void refusesAnExecServiceWithoutProbe(VerifyReloadMojo mojo) {
        assertRefused(mojo, "service 'web', <probe>: verify-reload needs a file of the service to change");
    }

    @Test
    @InjectMojo(goal = "verify-reload", pom = HEAD + "<services><service><name>web</name><run>true</run>"
            + "<probe><file>missing.txt</file></probe></service></services>" + TAIL)
    void refusesAProbeFileThatDoesNotExist(VerifyReloadMojo mojo) {
        assertRefused(mojo, "service 'web', <probe>: <file>", "missing.txt does not exist");
    }

    @Test
    @InjectMojo(goal = "verify-reload", pom = HEAD + "<services><service><name>web</name><run>true</run>"
            + "<excludes><exclude>*.txt</exclude></excludes>"
            + "<probe><file>index.txt</file></probe></service></services>" + TAIL)
    void refusesAProbeFileTheServiceDoesNotWatch(VerifyReloadMojo mojo) {
        assertRefused(mojo, "service 'web', <probe>: <file> index.txt is not watched for this service");
    }

    @Test
    @InjectMojo(goal = "verify-reload", pom = HEAD + "<services><service><name>web</name><run>true</run>"
            + "<probe><file>index.txt</file><replace>v9</replace><with>v{token}</with></probe></service></services>" + TAIL)
    void refusesAReplaceTextTheFileDoesNotContain(VerifyReloadMojo mojo) {
        assertRefused(mojo, "service 'web', <probe>: index.txt does not contain the <replace> text 'v9'");
    }

    @Test
    @InjectMojo(goal = "verify-reload", pom = HEAD + "<services><service><name>web</name><run>true</run>"
            + "<probe><file>index.txt</file><expectText>v2</expectText></probe></service></services>" + TAIL)
    void refusesExpectTextWithoutUrl(VerifyReloadMojo mojo) {
        assertRefused(mojo, "service 'web', <probe>: has <expectText> but no <expectUrl>");
    }

    @Test
    @InjectMojo(goal = "verify-reload", pom = HEAD + "<services><service><name>web</name><run>true</run>"
            + "<probe><file>../api/main.go</file></probe></service></services>" + TAIL)
    void refusesAProbeOutsideTheService(VerifyReloadMojo mojo) {
        assertRefused(mojo, "service 'web', <probe>: <file> ../api/main.go is outside the service directory");
    }

    @Test
    @InjectMojo(goal = "verify-reload", pom = HEAD + "<services><service><name>web</name><run>true</run></service></services>" + TAIL)
    @MojoParameter(name = "timeout", value = "eventually")
    void refusesAMalformedTimeout(VerifyReloadMojo mojo) {
        assertRefused(mojo, "<timeout> (-Dhotreload.timeout) 'eventually' is not a duration");
    }

    @Test
    @InjectMojo(goal = "verify-reload", pom = HEAD + "<services><service><name>web</name><run>true</run></service></services>" + TAIL)
    @MojoParameter(name = "skipTests", value = "true")
    void skipsWithTheTests(VerifyReloadMojo mojo) throws Exception {
        mojo.execute();
        assertThat(ChildProcesses.startedSince(BEFORE)).isEmpty();
    }
}
