package bench.quarkus;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends a line to the bench's starts file each time the application starts (dev mode restarts it in place). */
@ApplicationScoped
public class Starts {

    void onStart(@Observes StartupEvent event) throws IOException {
        String starts = System.getenv("BENCH_STARTS");
        if (starts != null && !starts.isEmpty()) {
            Files.writeString(Path.of(starts), ProcessHandle.current().pid() + " " + new Hello().hello() + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
