package io.github.hotreload.status;

import io.github.hotreload.text.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A running watch at one moment, as {@code GET /api/status} sends it and {@code hotreload:status}
 * prints it. The JSON form is documented in docs/control.md ({@link #SCHEMA} is its version).
 *
 * @param pid the watch's own JVM
 * @param startedAt when the watch started
 * @param now when this was taken
 * @param services in configuration order
 */
public record WatchStatus(long pid, Instant startedAt, Instant now, List<ServiceStatus> services) {

    /** The version of the JSON form; a change that removes or renames a member increments it. */
    public static final int SCHEMA = 1;

    public WatchStatus {
        services = List.copyOf(services);
    }

    /** Whether every service is ready. */
    public boolean allReady() {
        return services.stream().allMatch(ServiceStatus::ready);
    }

    public String toJson() {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"schema\":").append(SCHEMA).append(",\"watch\":{\"pid\":").append(pid)
                .append(",\"startedAt\":").append(time(startedAt))
                .append(",\"uptimeMillis\":").append(Duration.between(startedAt, now).toMillis())
                .append(",\"now\":").append(time(now)).append("},\"services\":[");
        for (int i = 0; i < services.size(); i++) {
            ServiceStatus s = services.get(i);
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"name\":").append(Json.quote(s.name()))
                    .append(",\"state\":").append(Json.quote(s.state().id()))
                    .append(",\"paused\":").append(s.paused())
                    .append(",\"pid\":").append(s.pid() < 0 ? "null" : Long.toString(s.pid()))
                    .append(",\"startedAt\":").append(time(s.startedAt()))
                    .append(",\"uptimeMillis\":").append(s.startedAt() == null ? "null"
                            : Long.toString(Math.max(0, Duration.between(s.startedAt(), now).toMillis())))
                    .append(",\"readiness\":").append(Json.quote(s.readiness()))
                    .append(",\"restarts\":").append(s.restarts())
                    .append(",\"reloads\":").append(s.reloads())
                    .append(",\"heldChanges\":").append(s.heldChanges())
                    .append(",\"nextStartAt\":").append(time(s.nextStartAt()))
                    .append(",\"lastReload\":");
            ServiceStatus.LastReload r = s.lastReload();
            if (r == null) {
                b.append("null");
            } else {
                b.append("{\"at\":").append(time(r.at()))
                        .append(",\"kind\":").append(Json.quote(r.kind()))
                        .append(",\"ok\":").append(r.ok())
                        .append(",\"totalMillis\":").append(millis(r.totalMillis()))
                        .append(",\"buildMillis\":").append(millis(r.buildMillis()))
                        .append(",\"restartMillis\":").append(millis(r.restartMillis()))
                        .append(",\"reason\":").append(Json.quote(r.reason()))
                        .append(",\"changes\":[");
                for (int j = 0; j < r.changes().size(); j++) {
                    b.append(j > 0 ? "," : "").append(Json.quote(r.changes().get(j)));
                }
                b.append("]}");
            }
            b.append('}');
        }
        return b.append("]}").toString();
    }

    /** Reads {@link #toJson()}'s form back; throws {@link IllegalArgumentException} when it is not that. */
    @SuppressWarnings("unchecked")
    public static WatchStatus fromJson(String json) {
        try {
            Map<String, Object> root = (Map<String, Object>) Json.parse(json);
            Map<String, Object> watch = (Map<String, Object>) root.get("watch");
            List<ServiceStatus> services = new ArrayList<>();
            for (Object o : (List<Object>) root.get("services")) {
                Map<String, Object> s = (Map<String, Object>) o;
                Map<String, Object> r = (Map<String, Object>) s.get("lastReload");
                ServiceStatus.LastReload last = r == null ? null : new ServiceStatus.LastReload(
                        instant(r.get("at")), (String) r.get("kind"), (Boolean) r.get("ok"), num(r.get("totalMillis")),
                        num(r.get("buildMillis")), num(r.get("restartMillis")), (String) r.get("reason"),
                        ((List<Object>) r.get("changes")).stream().map(String::valueOf).toList());
                services.add(new ServiceStatus((String) s.get("name"), ServiceState.ofId((String) s.get("state")),
                        (Boolean) s.get("paused"), num(s.get("pid")), instant(s.get("startedAt")),
                        (String) s.get("readiness"), (int) num(s.get("restarts")), (int) num(s.get("reloads")),
                        (int) num(s.get("heldChanges")), last, instant(s.get("nextStartAt"))));
            }
            return new WatchStatus(num(watch.get("pid")), instant(watch.get("startedAt")), instant(watch.get("now")),
                    services);
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a hotreload status document: " + e, e);
        }
    }

    private static String time(Instant t) {
        return t == null ? "null" : Json.quote(t.toString());
    }

    private static String millis(long m) {
        return m < 0 ? "null" : Long.toString(m);
    }

    private static long num(Object o) {
        return o == null ? -1 : ((Number) o).longValue();
    }

    private static Instant instant(Object o) {
        return o == null ? null : Instant.parse((String) o);
    }
}
