package io.github.hotreload.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.console.EventText;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.engine.SessionOptions;
import io.github.hotreload.logs.LogHub;
import io.github.hotreload.status.StatusBoard;
import io.github.hotreload.testing.EngineHarness;
import io.github.hotreload.testing.RawHttp;
import io.github.hotreload.testing.RawHttp.Response;
import io.github.hotreload.testing.Specs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each way the control server refuses a request, over a real loopback socket, and what it lets through. */
class ControlSecurityTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private ReloadSession session;
    private StatusBoard board;
    private LogHub hub;
    private ControlServer server;
    private ControlFile control;
    private String host;

    private void start(boolean dashboard) throws Exception {
        ServiceSpec spec = Specs.exec(dir, "api", d -> {
            d.setRun("echo serving; exec sleep 600");
            d.setReadyLog("serving");
        });
        session = engine.create(List.of(spec), 3, SessionOptions.unbounded());
        board = new StatusBoard(List.of(spec), ProcessHandle.current().pid(), Instant.now());
        hub = new LogHub(new EventText(List.of(spec)), LogHub.DEFAULT_CAPACITY);
        session.addListener(board);
        session.addListener(hub);
        session.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> board.snapshot().allReady());
        server = ControlServer.start(session, dir.resolve("state/control.properties"), board, hub, dashboard);
        control = ControlFile.read(dir.resolve("state/control.properties")).orElseThrow();
        host = "Host: 127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            hub.close();
        }
    }

    private Response get(String target, String... headers) throws Exception {
        return RawHttp.send(server.port(), "GET", target, headers);
    }

    private Response post(String target, String... headers) throws Exception {
        return RawHttp.send(server.port(), "POST", target, headers);
    }

    private String bearer() {
        return "Authorization: Bearer " + control.token();
    }

    /** Logs in with a fresh link; the browser token from the cookie. */
    private String login() throws Exception {
        String link = server.dashboardLink();
        Response r = get(link.substring(link.indexOf("/login")), host);
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("location")).isEqualTo("/");
        String cookie = r.header("set-cookie");
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    @Test
    void aForeignHostHeaderIsRefusedEvenWithTheToken() throws Exception {
        start(true);
        assertThat(get("/api/status", "Host: attacker.example:" + server.port(), bearer()).status()).isEqualTo(403);
        assertThat(get("/api/status", "Host: attacker.example", bearer()).body()).contains("answers only at http://127.0.0.1:");
        assertThat(get("/api/status", bearer()).status()).as("no Host header").isEqualTo(400);
        assertThat(get("/api/status", "Host: localhost:" + server.port(), bearer()).status()).isEqualTo(200);
        assertThat(get("/api/status", host, bearer()).status()).isEqualTo(200);
    }

    @Test
    void noTokenOrAWrongOneIsRefused() throws Exception {
        start(true);
        assertThat(get("/api/status", host).status()).isEqualTo(401);
        assertThat(get("/api/status", host, "Authorization: Bearer " + "0".repeat(48)).status()).isEqualTo(403);
        assertThat(get("/api/status", host, "Cookie: hotreload_session=forged").status()).isEqualTo(403);
        assertThat(get("/", host).status()).isEqualTo(401);
        assertThat(post("/api/pause", host, "X-Hotreload-Token: forged").status()).isEqualTo(403);
        assertThat(board.snapshot().services().get(0).paused()).isFalse();
    }

    @Test
    void aLoginLinkOpensOnceAndTheCookieAloneChangesNothing() throws Exception {
        start(true);
        String link = server.dashboardLink();
        String target = link.substring(link.indexOf("/login"));
        assertThat(get("/login?code=" + "1".repeat(48), host).status()).isEqualTo(403);
        Response first = get(target, host);
        assertThat(first.status()).isEqualTo(303);
        assertThat(get(target, host).status()).as("the same link again").isEqualTo(403);
        String cookie = first.header("set-cookie");
        String browserToken = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));

        assertThat(get("/api/status", host, "Cookie: hotreload_session=" + browserToken).status()).isEqualTo(200);
        // a cross-site form post carries the cookie but cannot set the header
        assertThat(post("/api/pause", host, "Cookie: hotreload_session=" + browserToken).status()).isEqualTo(403);
        assertThat(post("/api/pause", host, "Cookie: hotreload_session=" + browserToken,
                "Origin: http://attacker.example", "X-Hotreload-Token: " + browserToken).status()).isEqualTo(403);
        assertThat(board.snapshot().services().get(0).paused()).isFalse();

        Response paused = post("/api/pause", host, "Cookie: hotreload_session=" + browserToken,
                "Origin: http://127.0.0.1:" + server.port(), "X-Hotreload-Token: " + browserToken);
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.body()).isEqualTo("{\"services\":[\"api\"]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> board.snapshot().services().get(0).paused());
    }

    @Test
    void thePageCarriesTheBrowserTokenAndNeverTheSessionToken() throws Exception {
        start(true);
        String browserToken = login();

        Response page = get("/", host, "Cookie: hotreload_session=" + browserToken);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).startsWith("text/html");
        Matcher m = Pattern.compile("name=\"hotreload-csrf\" content=\"([0-9a-f]*)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo(browserToken);
        assertThat(page.body()).doesNotContain(control.token());
        assertThat(page.header("x-frame-options")).isEqualTo("DENY");
        assertThat(get("/assets/dashboard.js", host, "Cookie: hotreload_session=" + browserToken).status()).isEqualTo(200);
        assertThat(engine.console()).doesNotContain(control.token());
    }

    @Test
    void stateChangesNeedPostAndReadsNeedGet() throws Exception {
        start(true);
        assertThat(get("/api/pause", host, bearer()).status()).isEqualTo(405);
        assertThat(post("/api/status", host, bearer()).status()).isEqualTo(405);
        assertThat(RawHttp.send(server.port(), "DELETE", "/api/status", host, bearer()).status()).isEqualTo(405);
        assertThat(get("/nope", host, bearer()).status()).isEqualTo(404);
    }

    @Test
    void withTheDashboardOffNoBrowserGetsInButTheGoalsStillDo() throws Exception {
        start(false);
        assertThat(server.dashboardLink()).isNull();
        assertThat(get("/login?code=x", host).status()).isEqualTo(404);
        assertThat(get("/", host, bearer()).status()).isEqualTo(404);
        assertThat(get("/api/status", host, "Cookie: hotreload_session=x").status()).isEqualTo(401);
        assertThat(post("/api/pause", host, "X-Hotreload-Token: x").status()).isEqualTo(401);
        assertThat(get("/api/status", host, bearer()).status()).isEqualTo(200);
    }
}
