package bench.spring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Benchmark service, java variant, Spring Boot peer: answers GET / with its version. */
@SpringBootApplication
@RestController
public class App {

    @GetMapping(value = "/", produces = "text/plain")
    public String hello() {
        return "@VERSION@";
    }

    public static void main(String[] args) throws IOException {
        SpringApplication.run(App.class, args);
        // devtools runs main again on each restart
        String starts = System.getenv("BENCH_STARTS");
        if (starts != null && !starts.isEmpty()) {
            Files.writeString(Path.of(starts), ProcessHandle.current().pid() + " " + new App().hello() + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
