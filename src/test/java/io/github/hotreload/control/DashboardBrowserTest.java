package io.github.hotreload.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.console.EventText;
import io.github.hotreload.engine.ReloadReport;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.engine.SessionOptions;
import io.github.hotreload.logs.LogHub;
import io.github.hotreload.status.StatusBoard;
import io.github.hotreload.testing.Chromium;
import io.github.hotreload.testing.EngineHarness;
import io.github.hotreload.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard end to end: a real session of two services, the watch's real control server, and
 * the page in a real headless Chromium that logs in through the printed one-time link, shows both
 * services ready, and rebuilds one at a click. Skipped where Chromium is not installed ({@code
 * .ci/run} installs Debian's package; set {@code HOTRELOAD_REQUIRE_BROWSER=1} to fail instead).
 */
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    @Test
    void thePageShowsBothServicesReadyAndAClickOnRebuildReloadsOne() throws Exception {
        Chromium.assumeAvailable();
        List<ServiceSpec> specs = new ArrayList<>();
        for (String name : List.of("api", "web")) {
            Path svc = Files.createDirectories(dir.resolve(name));
            specs.add(Specs.exec(svc, name, d -> {
                d.setBuild("echo compiling " + name + "; sleep 0.3; echo '\u001b[32mfinished\u001b[0m'");
                d.setRun("echo " + name + " serving; exec sleep 600");
                d.setReadyLog(name + " serving");
            }));
        }
        ReloadSession session = engine.create(specs, 3, SessionOptions.unbounded());
        StatusBoard board = new StatusBoard(specs, ProcessHandle.current().pid(), Instant.now());
        LogHub hub = new LogHub(new EventText(specs), LogHub.DEFAULT_CAPACITY);
        session.addListener(board);
        session.addListener(hub);
        session.start();
        ControlServer server = ControlServer.start(session, dir.resolve("state/control.properties"), board, hub, true);
        try (Chromium browser = Chromium.launch()) {
            browser.navigate(server.dashboardLink());

            browser.waitFor(stateIs("api", "ready") + " && " + stateIs("web", "ready"), WAIT);
            assertThat(browser.evaluate("location.pathname + location.search")).as("the code left the address bar")
                    .isEqualTo("/");
            assertThat(browser.evaluate(cell("api", "pid"))).isEqualTo(Long.toString(session.currentPid("api")));
            browser.waitFor("[...document.querySelectorAll('#log div.line')].some(l => l.textContent.includes('web serving'))", WAIT);
            assertThat(browser.evaluate("document.querySelector('#log').textContent")).doesNotContain("\u001b[");
            long before = session.currentPid("web");

            browser.click("tr[data-service=web] button[data-action=rebuild]");

            await().atMost(WAIT).until(() -> board.snapshot().services().get(1).reloads() == 1);
            assertThat(session.currentPid("web")).isNotEqualTo(before);
            assertThat(board.snapshot().services().get(0).reloads()).as("api was not rebuilt").isZero();
            browser.waitFor(cell("web", "pid") + " === '" + session.currentPid("web") + "'", WAIT);
            browser.waitFor(cell("web", "reloads") + ".trim() === '1'", WAIT);
            browser.waitFor("[...document.querySelectorAll('#log div.line')].some(l => l.textContent.includes("
                    + "'rebuild of web requested by the dashboard'))", WAIT);
            assertThat(board.snapshot().services().get(1).lastReload().kind())
                    .isEqualTo(ReloadReport.Kind.RELOAD.name().toLowerCase(java.util.Locale.ROOT));
            browser.screenshot(Path.of("target", "dashboard-e2e.png"));
        } finally {
            server.close();
            hub.close();
        }
    }

    private static String stateIs(String service, String text) {
        return "document.querySelector('tr[data-service=" + service + "] td.state')?.textContent === '" + text + "'";
    }

    private static String cell(String service, String cell) {
        return "document.querySelector('tr[data-service=" + service + "] td." + cell + "').textContent";
    }
}
