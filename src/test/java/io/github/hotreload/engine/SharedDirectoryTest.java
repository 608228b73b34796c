package io.github.hotreload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.config.ServiceDefinition;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.config.ServiceSpecResolver;
import io.github.hotreload.testing.Commands;
import io.github.hotreload.testing.EngineHarness;
import io.github.hotreload.testing.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two services of one Go module, in one directory: a change of the package both use reloads
 * both, a change of one's main package reloads only that one (each excludes the other's). Real
 * go builds.
 */
class SharedDirectoryTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private final RecordingListener events = engine.events;

    private static String main(String name) {
        return """
                package main

                import (
                	"fmt"
                	"net/http"
                	"os"

                	"example.com/shop/greet"
                )

                func main() {
                	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
                		fmt.Fprint(w, "NAME " + greet.Text)
                	})
                	if err := http.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), nil); err != nil {
                		fmt.Println(err)
                		os.Exit(1)
                	}
                }
                """.replace("NAME", name);
    }

    private ServiceDefinition service(String name, String other, int port) {
        ServiceDefinition d = new ServiceDefinition(name);
        d.setExcludes(List.of("/tmp/", "/cmd/" + other + "/"));
        d.setDirectory(".");
        d.setPreset("go");
        d.setBuild("go build -o ./tmp/" + name + " ./cmd/" + name);
        d.setRun("./tmp/" + name);
        d.setEnvironment(Map.of("PORT", Integer.toString(port)));
        d.setReadyUrl("http://127.0.0.1:" + port + "/");
        d.setReadyTimeout("60s");
        d.setDelay("200ms");
        return d;
    }

    private long reloadsOf(String name) {
        return events.reloads.stream().filter(r -> r.service().equals(name)).count();
    }

    @Test
    void twoBinariesOfOneGoModuleShareItsDirectory() throws Exception {
        Files.writeString(dir.resolve("go.mod"), "module example.com/shop\n\ngo 1.19\n");
        Files.createDirectories(dir.resolve("greet"));
        Files.writeString(dir.resolve("greet/greet.go"), "package greet\n\nconst Text = \"v1\"\n");
        for (String name : List.of("api", "worker")) {
            Files.createDirectories(dir.resolve("cmd/" + name));
            Files.writeString(dir.resolve("cmd/" + name + "/main.go"), main(name));
        }
        int apiPort = Commands.freePort();
        int workerPort = Commands.freePort();
        List<ServiceSpec> specs = new ServiceSpecResolver(dir, System.getenv())
                .resolve(List.of(service("api", "worker", apiPort), service("worker", "api", workerPort)));

        engine.start(specs, 6);
        await().atMost(Duration.ofSeconds(120)).until(() -> reloadsOf("api") == 1 && reloadsOf("worker") == 1);
        assertThat(Commands.get(apiPort)).isEqualTo("api v1");
        assertThat(Commands.get(workerPort)).isEqualTo("worker v1");

        Files.writeString(dir.resolve("greet/greet.go"), "package greet\n\nconst Text = \"v2\"\n");
        await().atMost(Duration.ofSeconds(120)).until(() -> reloadsOf("api") == 2 && reloadsOf("worker") == 2);
        assertThat(Commands.get(apiPort)).isEqualTo("api v2");
        assertThat(Commands.get(workerPort)).isEqualTo("worker v2");

        Files.writeString(dir.resolve("cmd/api/main.go"), main("api").replace("\"api \"", "\"API \""));
        await().atMost(Duration.ofSeconds(120)).until(() -> reloadsOf("api") == 3);
        assertThat(Commands.get(apiPort)).isEqualTo("API v2");

        // the worker excludes cmd/api: after one more change of the shared package, it has
        // reloaded for that change only
        Files.writeString(dir.resolve("greet/greet.go"), "package greet\n\nconst Text = \"v3\"\n");
        await().atMost(Duration.ofSeconds(120)).until(() -> reloadsOf("api") == 4 && reloadsOf("worker") >= 3);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> reloadsOf("worker") == 3);
        assertThat(Commands.get(apiPort)).isEqualTo("API v3");
        assertThat(Commands.get(workerPort)).isEqualTo("worker v3");
        assertThat(events.failures).isEmpty();
    }
}
