package io.github.hotreload.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hotreload.console.Console;
import io.github.hotreload.console.ConsoleReporter;
import io.github.hotreload.engine.ReloadSession;
import io.github.hotreload.engine.SessionOptions;
import io.github.hotreload.process.ProcessSupervisor;
import io.github.hotreload.process.Survivors;
import io.github.hotreload.config.ProbeDefinition;
import io.github.hotreload.config.ServiceDefinition;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.testing.Commands;
import io.github.hotreload.testing.Specs;
import io.github.hotreload.testing.TestServer;
import io.github.hotreload.testing.VerifierHost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** verify-reload's engine on real services, including what happens when it is interrupted or killed. */
class ReloadVerifierTest {

    static final String BUILD = "grep -q BROKEN src/app.txt && { printf 'error: src/app.txt: \\033[31mBROKEN\\033[0m\\n' >&2; exit 3; }; "
            + "mkdir -p out && cp src/app.txt out/app.txt";

    @TempDir
    Path dir;

    /** The goals' state directory, outside the service as the build directory usually is. */
    @TempDir
    Path state;

    private final List<ReloadSession> sessions = new ArrayList<>();
    private final List<String> progress = new ArrayList<>();
    private byte[] original;

    @AfterEach
    void nothingSurvives() {
        for (ReloadSession s : sessions) {
            s.close();
            assertThat(Survivors.of(s.supervisor())).isEmpty();
        }
    }

    private Path app() {
        return dir.resolve("src/app.txt");
    }

    private ServiceSpec web(int port, Consumer<ProbeDefinition> probe, Consumer<ServiceDefinition> more) throws Exception {
        Files.createDirectories(dir.resolve("src"));
        original = "v1\r\nno newline at the end, ünïcödé".getBytes(StandardCharsets.UTF_8);
        Files.write(app(), original);
        // written a minute ago, as files of a checkout are: the start-up index takes it as baseline
        Files.setLastModifiedTime(app(), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        return Specs.exec(dir, "web", d -> {
            d.setBuild(BUILD);
            d.setRun(Commands.java(TestServer.class, Integer.toString(port), "out/app.txt"));
            d.setReadyUrl("http://127.0.0.1:" + port + "/");
            d.setExcludes(List.of("/out/"));
            ProbeDefinition p = new ProbeDefinition();
            p.setFile("src/app.txt");
            probe.accept(p);
            d.setProbe(p);
            more.accept(d);
        });
    }

    private List<ServiceVerification> verify(ServiceSpec spec, Duration timeout) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReloadSession session = new ReloadSession(List.of(spec), SessionOptions.unbounded());
        session.addListener(new ConsoleReporter(new Console(new PrintStream(out, true, StandardCharsets.UTF_8), false, 3),
                List.of(spec)));
        sessions.add(session);
        return new ReloadVerifier(session, List.of(spec), new ProbeFiles(state.resolve("probes")), timeout, progress::add)
                .run();
    }

    @Test
    void passesWhenTheNewVersionAnswersAndRestoresTheFileByteForByte() throws Exception {
        int port = Commands.freePort();
        ServiceSpec spec = web(port, p -> {
            p.setReplace("v1");
            p.setWith("v-{token}");
            p.setExpectUrl("http://127.0.0.1:" + port + "/");
            p.setExpectText("v-{token}");
        }, d -> {});

        List<ServiceVerification> results = verify(spec, Duration.ofSeconds(60));

        ServiceVerification r = results.get(0);
        assertThat(r.passed()).as(progress.toString()).isTrue();
        assertThat(r.detected()).isPositive().isLessThan(r.total());
        assertThat(r.total()).isGreaterThanOrEqualTo(r.build().plus(r.restart()));
        assertThat(Files.readAllBytes(app())).isEqualTo(original);
        assertThat(progress).anyMatch(l -> l.contains("restored src/app.txt"));
        assertThat(state.resolve("probes")).isEmptyDirectory();
    }

    @Test
    void aBuildThatBreaksFailsWithItsOutputAndTheFileIsRestored() throws Exception {
        int port = Commands.freePort();
        ServiceSpec spec = web(port, p -> p.setAppend("BROKEN {token}"), d -> {});

        ServiceVerification r = verify(spec, Duration.ofSeconds(60)).get(0);

        assertThat(r.passed()).isFalse();
        assertThat(r.failedStep()).isEqualTo("build failed");
        assertThat(r.message()).contains("exit code 3");
        assertThat(r.tail()).anyMatch(l -> l.contains("error: src/app.txt:"));
        assertThat(Files.readAllBytes(app())).isEqualTo(original);
    }

    @Test
    void aWrongAnswerFailsTheResponseStep() throws Exception {
        int port = Commands.freePort();
        ServiceSpec spec = web(port, p -> {
            p.setAppend("// {token}");
            p.setExpectUrl("http://127.0.0.1:" + port + "/");
            p.setExpectText("version {token}");
        }, d -> {});

        ServiceVerification r = verify(spec, Duration.ofSeconds(60)).get(0);

        assertThat(r.failedStep()).isEqualTo("response did not contain the expected text");
        assertThat(r.message()).contains("answered 'v1").contains("without 'version hr");
        assertThat(Files.readAllBytes(app())).isEqualTo(original);
    }

    @Test
    void aChangeThatChangesNothingIsNotDetected() throws Exception {
        int port = Commands.freePort();
        ServiceSpec spec = web(port, p -> {
            p.setReplace("v1");
            p.setWith("v1");
        }, d -> {});

        ServiceVerification r = verify(spec, Duration.ofSeconds(3)).get(0);

        assertThat(r.failedStep()).isEqualTo("change not detected");
        assertThat(r.message()).contains("no rebuild started within 3.0 s");
    }

    @Test
    void aServiceNotReadyAfterTheChangeFailsTheReadyStep() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(app(), "fine");
        original = Files.readAllBytes(app());
        ServiceSpec spec = Specs.exec(dir, "svc", d -> {
            d.setRun("grep -q hotreload src/app.txt || echo up; exec sleep 600");
            d.setReadyLog("up");
            d.setReadyTimeout("1s");
            ProbeDefinition p = new ProbeDefinition();
            p.setFile("src/app.txt");
            d.setProbe(p);
        });

        ServiceVerification r = verify(spec, Duration.ofSeconds(30)).get(0);

        assertThat(r.failedStep()).isEqualTo("not ready");
        assertThat(r.message()).contains("no output line matched /up/");
        assertThat(Files.readAllBytes(app())).isEqualTo(original);
    }

    @Test
    void anInterruptMidVerificationRestoresTheFileAndStopsEverything() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(app(), "before\n");
        original = Files.readAllBytes(app());
        ServiceSpec spec = Specs.exec(dir, "svc", d -> {
            d.setBuild("if grep -q hotreload src/app.txt; then sleep 600; fi");
            d.setRun("sleep 600");
            ProbeDefinition p = new ProbeDefinition();
            p.setFile("src/app.txt");
            d.setProbe(p);
        });
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                verify(spec, Duration.ofMinutes(5));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(app()).contains("hotreload probe"));
        await().atMost(Duration.ofSeconds(10)).until(() -> progress.stream().anyMatch(l -> l.contains("the probe")));

        t.interrupt();
        t.join(30_000);

        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(Files.readAllBytes(app())).isEqualTo(original);
        for (ReloadSession s : sessions) {
            assertThat(Survivors.of(s.supervisor())).isEmpty();
        }
    }

    @Test
    void aKilledVerificationIsRestoredFromItsJournalByTheNextRun() throws Exception {
        Files.createDirectories(dir.resolve("svc/src"));
        Path file = dir.resolve("svc/src/app.txt");
        Files.writeString(file, "precious\n");
        byte[] before = Files.readAllBytes(file);
        Path journal = dir.resolve("journal");
        Process host = new ProcessBuilder("/bin/sh", "-c", "exec " + Commands.java(VerifierHost.class,
                        dir.resolve("svc").toString(), journal.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("host.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(file).contains("hotreload probe"));
            host.destroyForcibly(); // SIGKILL: neither finally blocks nor shutdown hooks run
            host.waitFor();
            assertThat(Files.readAllBytes(file)).isNotEqualTo(before);

            List<Path> restored = ProbeFiles.recover(journal);

            assertThat(restored).containsExactly(file);
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            assertThat(journal).isEmptyDirectory();
        } finally {
            host.destroyForcibly();
        }
    }

    @Test
    void reportsAsTableJunitXmlAndJson() throws Exception {
        VerificationReport report = new VerificationReport(List.of(
                new ServiceVerification("api", null, null, List.of(), Duration.ofMillis(12), Duration.ofMillis(840),
                        Duration.ofMillis(45), Duration.ofMillis(20), Duration.ofMillis(1900)),
                new ServiceVerification("core", "build failed", "build failed with exit code 101",
                        List.of("error[E0308]: \u001B[31mmismatched\u001B[0m <types> & \"quotes\""), null, null, null, null, null)),
                Instant.parse("2026-11-25T12:00:00Z"));

        assertThat(report.table()).containsExactly(
                "service  result  detected after  build   restart  ready after  total",
                "api      passed           12 ms  840 ms    45 ms        20 ms  1.9 s",
                "core     FAILED  build failed");

        Path xml = dir.resolve("reports/TEST-x.xml");
        report.writeJunit(xml);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("2");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        var failure = (org.w3c.dom.Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("build failed: build failed with exit code 101");
        assertThat(failure.getTextContent()).isEqualTo("error[E0308]: mismatched <types> & \"quotes\"");

        Path json = dir.resolve("reports/x.json");
        report.writeJson(json);
        assertThat(Files.readString(json))
                .contains("\"passed\": false")
                .contains("{\"service\": \"api\", \"passed\": true, \"detectedMs\": 12, \"buildMs\": 840")
                .contains("\"tail\": [\"error[E0308]: mismatched <types> & \\\"quotes\\\"\"]");
    }
}
