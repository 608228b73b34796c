package io.github.hotreload.logs;

import io.github.hotreload.console.EventText;
import io.github.hotreload.engine.ReloadEvent;
import io.github.hotreload.process.Ansi;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One line of a session's log, as the log files, the in-memory hub and a follower over HTTP keep
 * it: when, whose, from where, how it looks, and the text as it was printed (ANSI escapes kept).
 * The time is kept to the millisecond, as the codecs write it, so that a line read back equals the
 * one written.
 *
 * <p>File codec, one line per {@code LogLine}, the service being the file's:
 * {@code 2026-12-01T11:46:29.123Z<TAB>RUN<TAB>OUTPUT<TAB>text}. Stream codec, with the service
 * first ({@code -} for the session): {@code api<TAB>2026-...Z<TAB>RUN<TAB>OUTPUT<TAB>text}. In the
 * text, {@code \} is written {@code \\}, a newline {@code \n} and a carriage return {@code \r}; a
 * tab stays a tab, the text being the last field.
 *
 * @param service the service, or null for the session's own line
 */
public record LogLine(Instant time, String service, Source source, EventText.Style style, String text) {

    /** Where a line comes from. */
    public enum Source {
        /** A build printed it. */
        BUILD,
        /** The service's process printed it. */
        RUN,
        /** The session said it of an event (ready, failed, exited...). */
        EVENT
    }

    /** The stream codec's name for the session. */
    static final String SESSION = "-";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public LogLine {
        time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(style, "style");
        text = text == null ? "" : text;
    }

    /**
     * The lines an event gives: an output line as the process printed it, with its stream as the
     * source; any other event the lines {@link EventText} shows of it, as {@link Source#EVENT}.
     */
    public static List<LogLine> of(ReloadEvent event, EventText text) {
        if (event instanceof ReloadEvent.Output o) {
            Source source = o.stream() == ReloadEvent.Stream.BUILD ? Source.BUILD : Source.RUN;
            return List.of(new LogLine(o.time(), o.service(), source, EventText.Style.OUTPUT, o.line()));
        }
        List<EventText.Line> lines = text.lines(event);
        List<LogLine> result = new ArrayList<>(lines.size());
        for (EventText.Line line : lines) {
            result.add(new LogLine(event.time(), event.service(), Source.EVENT, line.style(), line.text()));
        }
        return result;
    }

    /** The text without ANSI colour and cursor sequences: what a filter matches and a browser shows. */
    public String plainText() {
        return Ansi.strip(text);
    }

    /** The line for a service's log file (the service is the file's, so it is not written). */
    public String encode() {
        return TIME.format(time) + '\t' + source + '\t' + style + '\t' + escape(text);
    }

    /** The line for a stream that carries every service's lines. */
    public String encodeWithService() {
        return (service == null ? SESSION : service) + '\t' + encode();
    }

    /**
     * A line of a log file back, or null when it is not one (a damaged or foreign file): never
     * throws on what a user's disk holds.
     *
     * @param service the file's service, or null for the session's file
     */
    public static LogLine decode(String service, String line) {
        if (line == null) {
            return null;
        }
        int a = line.indexOf('\t');
        int b = a < 0 ? -1 : line.indexOf('\t', a + 1);
        int c = b < 0 ? -1 : line.indexOf('\t', b + 1);
        if (c < 0) {
            return null;
        }
        try {
            Instant time = Instant.parse(line.substring(0, a));
            Source source = Source.valueOf(line.substring(a + 1, b));
            EventText.Style style = EventText.Style.valueOf(line.substring(b + 1, c));
            return new LogLine(time, service, source, style, unescape(line.substring(c + 1)));
        } catch (DateTimeException | IllegalArgumentException e) {
            return null;
        }
    }

    /** A line of {@link #encodeWithService()} back, or null when it is not one. */
    public static LogLine decodeWithService(String line) {
        if (line == null) {
            return null;
        }
        int tab = line.indexOf('\t');
        if (tab <= 0) {
            return null;
        }
        String service = line.substring(0, tab);
        return decode(SESSION.equals(service) ? null : service, line.substring(tab + 1));
    }

    static String escape(String text) {
        if (text.indexOf('\\') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** The inverse of {@link #escape}; an unknown or dangling escape is kept as it is. */
    static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch != '\\' || i + 1 == text.length()) {
                out.append(ch);
                continue;
            }
            char next = text.charAt(i + 1);
            switch (next) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                default -> {
                    out.append(ch);
                    continue;
                }
            }
            i++;
        }
        return out.toString();
    }
}
