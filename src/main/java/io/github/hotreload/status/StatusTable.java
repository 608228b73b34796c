package io.github.hotreload.status;

import io.github.hotreload.config.DurationParser;
import io.github.hotreload.text.TextTable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A watch's status as a table for people, like {@code docker compose ps}: one row per service,
 * then a line on the watch itself.
 */
public final class StatusTable {

    private static final String[] HEADERS = {"SERVICE", "STATE", "PID", "UPTIME", "LAST RELOAD", "RESTARTS", "READY WHEN"};
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private StatusTable() {}

    /** The table's lines, without a trailing newline, times in {@code zone}. */
    public static List<String> render(WatchStatus status, ZoneId zone) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (ServiceStatus s : status.services()) {
            rows.add(new String[] {
                s.name(),
                state(s, status.now()),
                s.pid() < 0 ? "-" : Long.toString(s.pid()),
                s.startedAt() == null ? "-" : since(s.startedAt(), status.now()),
                lastReload(s.lastReload(), zone),
                Integer.toString(s.restarts()),
                s.readiness()
            });
        }
        List<String> lines = new ArrayList<>(TextTable.lines(rows, 3, (column, cell) -> false));
        lines.add("watch: pid " + status.pid() + ", up " + since(status.startedAt(), status.now()) + "; "
                + status.services().stream().filter(ServiceStatus::ready).count() + " of " + status.services().size()
                + " service(s) ready");
        return lines;
    }

    /** The state for people: {@code ready}, {@code ready, paused (2 changes held)}, {@code backing off (3s)}. */
    static String state(ServiceStatus s, Instant now) {
        String state = s.state().id().replace('-', ' ');
        if (s.nextStartAt() != null) {
            state += " (restart in " + DurationParser.format(Duration.ofMillis(
                    Math.max(0, Duration.between(now, s.nextStartAt()).toMillis()))) + ")";
        }
        if (s.state() == io.github.hotreload.status.ServiceState.BUILD_FAILED && s.pid() >= 0) {
            state += ", old one serving";
        }
        if (s.paused()) {
            state += ", paused" + (s.heldChanges() > 0 ? " (" + s.heldChanges() + " change(s) held)" : "");
        }
        return state;
    }

    private static String lastReload(ServiceStatus.LastReload r, ZoneId zone) {
        if (r == null) {
            return "-";
        }
        String when = CLOCK.format(r.at().atZone(zone)) + " " + r.kind();
        if (!r.ok()) {
            String reason = r.reason() == null ? "" : r.reason().lines().findFirst().orElse("");
            int cut = reason.indexOf(';');
            return when + " failed: " + (cut > 0 ? reason.substring(0, cut) : reason);
        }
        return when + " ok in " + DurationParser.format(Duration.ofMillis(r.totalMillis()))
                + (r.buildMillis() > 0 ? " (build " + DurationParser.format(Duration.ofMillis(r.buildMillis())) + ")" : "");
    }

    /** How long from {@code start} to {@code now}, as the table shows an uptime: {@code 42s}, {@code 5m 3s}, {@code 2h 10m}. */
    public static String since(Instant start, Instant now) {
        long s = Math.max(0, Duration.between(start, now).toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + (s % 60 > 0 ? " " + s % 60 + "s" : "");
        }
        return s / 3600 + "h " + s % 3600 / 60 + "m";
    }
}
