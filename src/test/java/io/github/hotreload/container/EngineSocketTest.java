package io.github.hotreload.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hotreload.testing.Docker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's API on its socket: the archives it is sent, read back by tar, and a real engine's answers. */
class EngineSocketTest {

    @TempDir
    Path dir;

    private String tar(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("tar"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void aFileArchiveIsWhatTarReadsBackWithItsContentAndMode() throws Exception {
        byte[] content = "#!/bin/sh\necho hi\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("a.tar"), EngineSocket.tar("server", content, 0755, 1_700_000_000L));

        assertThat(tar("-tvf", "a.tar")).startsWith("-rwxr-xr-x 0/0").contains(" " + content.length + " ", "server");
        Files.createDirectories(dir.resolve("out"));
        tar("-xf", "a.tar", "-C", "out");
        assertThat(dir.resolve("out/server")).hasBinaryContent(content);
    }

    @Test
    void aLinkArchiveIsASymbolicLinkToTheTarget() throws Exception {
        Files.write(dir.resolve("l.tar"), EngineSocket.symlinkTar("jessy-core", "/.hotreload/0/jessy-core"));

        assertThat(tar("-tvf", "l.tar")).startsWith("lrwxrwxrwx 0/0").contains("jessy-core -> /.hotreload/0/jessy-core");
    }

    @Test
    void chunkedAndPlainBodiesAreRead() throws Exception {
        String chunked = "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "6\r\n{\"mess\r\n12\r\nage\":\"no such x\"}\n\r\n0\r\n\r\n";
        EngineSocket.Response r = EngineSocket.parse(chunked.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"message\":\"no such x\"}\n");
        assertThat(r.ok()).isFalse();

        r = EngineSocket.parse("HTTP/1.1 204 No Content\r\nApi-Version: 1.41\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.ok()).isTrue();
    }

    @Test
    void onlyAUnixSocketThatExistsIsUsed() {
        assertThat(EngineSocket.of("tcp://127.0.0.1:2375")).isNull();
        assertThat(EngineSocket.of("unix://" + dir.resolve("none.sock"))).isNull();
        assertThat(EngineSocket.of(null)).isNull();
    }

    @Test
    void aRealEngineTellsScriptsLinksIntoAContainerAndStopsOneThatDoesNotRun() throws Exception {
        Docker.assumeAvailable();
        String docker = io.github.hotreload.process.ShellCommand.locate("docker", dir, System.getenv()).orElseThrow()
                .toString();
        ComposeCli.Output endpoint = ComposeCli.query(List.of(docker, "context", "inspect", "--format",
                "{{.Endpoints.docker.Host}}"), dir, Map.of());
        EngineSocket engine = EngineSocket.of(System.getenv().getOrDefault("DOCKER_HOST", endpoint.text().strip()));
        org.junit.jupiter.api.Assumptions.assumeTrue(engine != null, "the engine is not on a Unix socket here");

        // an image with a script and a binary in /bin, imported from a tar
        Files.createDirectories(dir.resolve("root/bin"));
        Files.writeString(dir.resolve("root/bin/entrypoint.sh"), "#!/bin/sh\nexec /bin/server\n");
        Files.write(dir.resolve("root/bin/binary"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        tar("-cf", "root.tar", "-C", "root", ".");
        String image = "hotreload-test/engine-socket:" + ProcessHandle.current().pid();
        ComposeCli.Output imported = ComposeCli.query(List.of("/bin/sh", "-c", docker + " import " + dir.resolve("root.tar")
                + " " + image), dir, Map.of());
        assertThat(imported.ok()).as(imported.text()).isTrue();
        String id = ComposeCli.query(List.of(docker, "create", image, "/bin/server"), dir, Map.of()).text().strip();
        try {
            assertThat(engine.isScript(id, "/bin/entrypoint.sh")).isTrue();
            assertThat(engine.isScript(id, "/bin/binary")).isFalse();
            assertThat(engine.isScript(id, "/bin/none")).isFalse();

            EngineSocket.Response linked = engine.link(id, "/bin/server", "/.hotreload/0/main");
            assertThat(linked.ok()).as(linked.body()).isTrue();
            ComposeCli.Output listed = ComposeCli.query(List.of("/bin/sh", "-c", docker + " cp " + id
                    + ":/bin/server - | tar -tvf -"), dir, Map.of());
            assertThat(listed.text()).contains("server -> /.hotreload/0/main");

            assertThat(engine.stop(id, 1).ok()).as("a container that does not run counts as stopped").isTrue();
            assertThat(engine.stop("no-such-container-" + id, 1).status()).isEqualTo(404);
        } finally {
            ComposeCli.query(List.of(docker, "rm", "-f", id), dir, Map.of());
            ComposeCli.query(List.of(docker, "rmi", "-f", image), dir, Map.of());
        }
    }
}
