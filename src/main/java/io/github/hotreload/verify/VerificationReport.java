package io.github.hotreload.verify;

import io.github.hotreload.config.DurationParser;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.codehaus.plexus.util.xml.PrettyPrintXMLWriter;
import org.codehaus.plexus.util.xml.XMLWriter;

/** The results of a verification as a table for the console, JUnit XML for CI servers, and JSON. */
public final class VerificationReport {

    /** The test suite name in the JUnit report. */
    public static final String SUITE = "hotreload.verify-reload";

    private final List<ServiceVerification> results;
    private final Instant finished;

    public VerificationReport(List<ServiceVerification> results, Instant finished) {
        this.results = List.copyOf(results);
        this.finished = finished;
    }

    public List<ServiceVerification> results() {
        return results;
    }

    public List<ServiceVerification> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    /** One row per service: result, change detected after, build, restart, ready after, total. */
    public List<String> table() {
        String[] header = {"service", "result", "detected after", "build", "restart", "ready after", "total"};
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (ServiceVerification r : results) {
            rows.add(r.passed()
                    ? new String[] {r.service(), "passed", f(r.detected()), f(r.build()), f(r.restart()), f(r.readyAfter()),
                        f(r.total())}
                    : new String[] {r.service(), "FAILED", r.failedStep(), "", "", "", ""});
        }
        return io.github.hotreload.text.TextTable.lines(rows, 2,
                (i, cell) -> i >= 2 && !cell.isEmpty() && Character.isDigit(cell.charAt(0)));
    }

    /** Writes the results as a JUnit XML report, one test case per service. */
    public void writeJunit(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            XMLWriter xml = new PrettyPrintXMLWriter(out);
            xml.startElement("testsuite");
            xml.addAttribute("name", SUITE);
            xml.addAttribute("tests", Integer.toString(results.size()));
            xml.addAttribute("failures", Integer.toString(failures().size()));
            xml.addAttribute("errors", "0");
            xml.addAttribute("skipped", "0");
            xml.addAttribute("time", seconds(results.stream().map(r -> r.total() == null ? Duration.ZERO : r.total())
                    .reduce(Duration.ZERO, Duration::plus)));
            xml.addAttribute("timestamp", finished.toString());
            for (ServiceVerification r : results) {
                xml.startElement("testcase");
                xml.addAttribute("classname", SUITE);
                xml.addAttribute("name", r.service());
                xml.addAttribute("time", seconds(r.total() == null ? Duration.ZERO : r.total()));
                if (r.passed()) {
                    xml.startElement("system-out");
                    xml.writeText("change detected after " + f(r.detected()) + ", build " + f(r.build()) + ", restart "
                            + f(r.restart()) + ", ready after " + f(r.readyAfter()) + ", total " + f(r.total()));
                    xml.endElement();
                } else {
                    xml.startElement("failure");
                    xml.addAttribute("type", r.failedStep());
                    xml.addAttribute("message", xmlText(r.failedStep() + ": " + r.message()));
                    xml.writeText(xmlText(String.join("\n", r.tail())));
                    xml.endElement();
                }
                xml.endElement();
            }
            xml.endElement();
            out.write("\n");
        }
    }

    /** Writes the results as JSON. */
    public void writeJson(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"suite\": ").append(json(SUITE))
                .append(",\n  \"finished\": ").append(json(finished.toString()))
                .append(",\n  \"passed\": ").append(failures().isEmpty())
                .append(",\n  \"services\": [");
        for (int i = 0; i < results.size(); i++) {
            ServiceVerification r = results.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"service\": ").append(json(r.service()))
                    .append(", \"passed\": ").append(r.passed());
            if (r.passed()) {
                sb.append(", \"detectedMs\": ").append(r.detected().toMillis())
                        .append(", \"buildMs\": ").append(r.build().toMillis())
                        .append(", \"restartMs\": ").append(r.restart().toMillis())
                        .append(", \"readyAfterMs\": ").append(r.readyAfter().toMillis())
                        .append(", \"totalMs\": ").append(r.total().toMillis());
            } else {
                sb.append(", \"failedStep\": ").append(json(r.failedStep()))
                        .append(", \"message\": ").append(json(r.message()))
                        .append(", \"tail\": [");
                for (int j = 0; j < r.tail().size(); j++) {
                    sb.append(j == 0 ? "" : ", ").append(json(io.github.hotreload.process.Ansi.strip(r.tail().get(j))));
                }
                sb.append(']');
            }
            sb.append('}');
        }
        sb.append("\n  ]\n}\n");
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** Text without colour sequences and without the control characters XML 1.0 forbids. */
    static String xmlText(String s) {
        String plain = io.github.hotreload.process.Ansi.strip(s);
        StringBuilder sb = new StringBuilder(plain.length());
        for (char c : plain.toCharArray()) {
            if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String f(Duration d) {
        return d == null ? "" : DurationParser.format(d);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
