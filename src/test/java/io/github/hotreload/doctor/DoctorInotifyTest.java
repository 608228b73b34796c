package io.github.hotreload.doctor;

import static io.github.hotreload.doctor.Patients.examine;
import static io.github.hotreload.doctor.Patients.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.hotreload.watch.InotifyLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directories a watch would register, counted on a real tree, against the inotify limits. */
class DoctorInotifyTest {

    @TempDir
    Path root;

    private Examination project;

    /** web: itself, src, src/ui and static (4); not target, .git, node_modules or the excluded logs; a link is not followed. */
    @BeforeEach
    void tree() throws Exception {
        Path web = root.resolve("web");
        for (String dir : List.of("src/ui", "static", "target/classes", ".git/objects", "node_modules/x/y", "logs/old")) {
            Files.createDirectories(web.resolve(dir));
        }
        Files.createSymbolicLink(web.resolve("src/back"), web);
        Files.createDirectories(root.resolve("slow/a/b"));
        project = examine(root, System.getenv(),
                service("web", d -> {
                    d.setRun("sleep 600");
                    d.setExcludes(List.of("/logs/"));
                }),
                service("slow", d -> {
                    d.setRun("sleep 600");
                    d.setPoll("1s");
                }));
    }

    @Test
    void countsTheDirectoriesEachServiceWouldWatchAndSkipsThoseThatPoll() {
        assertThat(new InotifyCheck(65_536, 128).run(project)).containsExactly(Finding.ok(
                "inotify: 4 directories to watch, limit 65536; not counted: slow, which polls; 1 of 128 inotify instances"));
    }

    @Test
    void nearTheLimitIsANoteAndOverItAProblemBothWithTheSysctlThatRaisesIt() {
        assertThat(new InotifyCheck(5, 128).run(project)).as("80 %% is not near yet").extracting(Finding::level)
                .containsExactly(Finding.Level.OK);
        assertThat(new InotifyCheck(4, 128).run(project)).singleElement().satisfies(f -> {
            assertThat(f.level()).isEqualTo(Finding.Level.NOTE);
            assertThat(f.text()).isEqualTo("inotify: 4 directories to watch, 100 % of the limit of 4 "
                    + "(fs.inotify.max_user_watches), which every program that watches files shares; not counted: slow, which polls");
            assertThat(f.fix()).startsWith("Raise it with: sudo sysctl fs.inotify.max_user_watches=524288 and keep it after a reboot");
        });
        assertThat(new InotifyCheck(3, 128).run(project)).singleElement().satisfies(f -> {
            assertThat(f.level()).isEqualTo(Finding.Level.PROBLEM);
            assertThat(f.text()).startsWith("inotify: 4 directories to watch, more than the limit of 3 (fs.inotify.max_user_watches)");
            assertThat(f.fix()).contains("sudo sysctl fs.inotify.max_user_watches=524288")
                    .contains("give the largest service (web) a <poll> interval");
        });
        assertThat(new InotifyCheck(65_536, 1).run(project)).containsExactly(Finding.note(
                "inotify: 1 service watches with inotify, 100 % of the limit of 1 (fs.inotify.max_user_instances), "
                        + "which every program that watches files shares",
                "Raise it with: sudo sysctl fs.inotify.max_user_instances=1024 and keep it after a reboot with: "
                        + "echo fs.inotify.max_user_instances=1024 | sudo tee /etc/sysctl.d/90-hotreload-inotify.conf."));
    }

    @Test
    void readsThisSystemsLimitsWhole() throws Exception {
        for (String name : List.of(InotifyLimits.WATCHES, InotifyLimits.INSTANCES)) {
            Process cat = new ProcessBuilder("cat", "/proc/sys/fs/inotify/" + name).start();
            long expected = Long.parseLong(new String(cat.getInputStream().readAllBytes()).trim());
            assertThat(cat.waitFor()).isZero();
            assertThat(InotifyLimits.read(name)).as(name).isEqualTo(expected);
        }
    }
}
