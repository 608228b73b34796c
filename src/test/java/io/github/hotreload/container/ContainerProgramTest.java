package io.github.hotreload.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which file the build's binary takes the place of: the program, never a wrapper or a shell. */
class ContainerProgramTest {

    @Test
    void theExecFormsProgramTheEntrypointsFirst() {
        assertThat(ContainerProgram.of(List.of(), List.of("/jessy-api"))).isEqualTo("/jessy-api");
        assertThat(ContainerProgram.of(List.of("/usr/local/bin/core"), List.of("--port", "8080")))
                .isEqualTo("/usr/local/bin/core");
    }

    @Test
    void throughAnInitWrapper() {
        assertThat(ContainerProgram.of(List.of("/sbin/tini", "--"), List.of("/app/server"))).isEqualTo("/app/server");
        assertThat(ContainerProgram.of(List.of("/usr/bin/dumb-init", "-v", "--"), List.of("/app/server")))
                .isEqualTo("/app/server");
        assertThat(ContainerProgram.of(List.of("/usr/bin/dumb-init"), List.of("/app/server", "-x")))
                .isEqualTo("/app/server");
    }

    @Test
    void theShellFormsScriptNotTheShell() {
        // CMD /app/server --port 80 is stored as /bin/sh -c "/app/server --port 80"
        assertThat(ContainerProgram.of(List.of(), List.of("/bin/sh", "-c", "/app/server --port 80")))
                .isEqualTo("/app/server");
        assertThat(ContainerProgram.of(List.of("/bin/bash", "-c"), List.of("exec /srv/api; echo gone")))
                .isEqualTo("/srv/api");
    }

    @Test
    void whatCannotBeToldIsSaid() {
        assertThatThrownBy(() -> ContainerProgram.of(List.of(), List.of("server")))
                .hasMessageContaining("'server', not a program by its absolute path");
        assertThatThrownBy(() -> ContainerProgram.of(List.of(), List.of("/bin/sh", "-c", "cd /app && ./server")))
                .hasMessageContaining("its shell runs 'cd /app && ./server'");
        assertThatThrownBy(() -> ContainerProgram.of(List.of(), List.of("/bin/sh")))
                .hasMessageContaining("runs the shell /bin/sh");
        assertThatThrownBy(() -> ContainerProgram.of(List.of(), List.of())).hasMessageContaining("no command");
    }
}
