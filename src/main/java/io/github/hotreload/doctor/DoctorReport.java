package io.github.hotreload.doctor;

import io.github.hotreload.console.Console;
import java.util.ArrayList;
import java.util.List;

/** The checklist: one line per finding, its fix under each problem. */
public record DoctorReport(List<Finding> findings) {

    private static final String INDENT = "  ";
    private static final int WORD = 9;

    public DoctorReport {
        findings = List.copyOf(findings);
    }

    public long problems() {
        return findings.stream().filter(f -> f.level() == Finding.Level.PROBLEM).count();
    }

    /** {@code 2 problems found}, or {@code no problems found}. */
    public String summary() {
        long n = problems();
        return (n == 0 ? "no" : Long.toString(n)) + (n == 1 ? " problem" : " problems") + " found";
    }

    /** The lines to print, coloured as the console is. */
    public List<String> lines(Console console) {
        List<String> lines = new ArrayList<>();
        lines.add(console.paint(Console.Tone.TITLE, "[hotreload] ") + "doctor");
        String blank = INDENT + " ".repeat(WORD);
        for (Finding f : findings) {
            String word = f.level().word();
            String padded = word + " ".repeat(Math.max(1, WORD - word.length()));
            lines.add(INDENT + console.paint(tone(f.level()), padded) + f.text());
            if (f.fix() != null && !f.fix().isBlank()) {
                lines.add(blank + "fix: " + f.fix());
            }
        }
        lines.add(INDENT + summary());
        return lines;
    }

    private static Console.Tone tone(Finding.Level level) {
        return switch (level) {
            case OK -> Console.Tone.SUCCESS;
            case PROBLEM -> Console.Tone.FAILURE;
            case NOTE -> Console.Tone.WARNING;
        };
    }
}
