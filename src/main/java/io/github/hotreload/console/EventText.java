package io.github.hotreload.console;

import io.github.hotreload.config.DurationParser;
import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.engine.ReloadEvent;
import io.github.hotreload.engine.ReloadEvent.BuildStarted;
import io.github.hotreload.engine.ReloadEvent.Cause;
import io.github.hotreload.engine.ReloadEvent.CleanStarted;
import io.github.hotreload.engine.ReloadEvent.Daemonized;
import io.github.hotreload.engine.ReloadEvent.LeftoversStopped;
import io.github.hotreload.engine.ReloadEvent.Output;
import io.github.hotreload.engine.ReloadEvent.ProcessExited;
import io.github.hotreload.engine.ReloadEvent.ReloadFailed;
import io.github.hotreload.engine.ReloadEvent.Reloaded;
import io.github.hotreload.engine.ReloadEvent.RestartScheduled;
import io.github.hotreload.engine.ReloadEvent.RestartSkipped;
import io.github.hotreload.engine.ReloadEvent.Stopped;
import io.github.hotreload.engine.ReloadEvent.Stopping;
import io.github.hotreload.engine.ReloadEvent.Warning;
import io.github.hotreload.engine.ReloadReport;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a person is shown of each {@link ReloadEvent}: zero or more lines, each with its style.
 * The console prefixes and colours them; the control server sends them as they are. Events that
 * people need not see (a build finished, changes ignored) give no line.
 */
public final class EventText {

    /** How a line looks. */
    public enum Style {
        /** A line a build or the service printed, as it printed it. */
        OUTPUT,
        STATUS,
        SUCCESS,
        WARNING,
        ERROR
    }

    /** One line for people. */
    public record Line(Style style, String text) {}

    private final Map<String, ServiceSpec> specs;

    /** @param specs the session's services, for what the lines say of them (their readiness check) */
    public EventText(Collection<ServiceSpec> specs) {
        this.specs = specs.stream().collect(Collectors.toMap(ServiceSpec::name, Function.identity(), (a, b) -> a));
    }

    public List<Line> lines(ReloadEvent event) {
        if (event instanceof Output o) {
            return List.of(new Line(Style.OUTPUT, o.line()));
        } else if (event instanceof BuildStarted b) {
            return buildStarted(b);
        } else if (event instanceof ReloadEvent.BuildCancelled c) {
            return status("build cancelled: " + describe(c.by()) + " changed; building again"
                    + " with every change");
        } else if (event instanceof ReloadEvent.StartPostponed c) {
            return status("start postponed: " + describe(c.by()) + " changed; starting once changes are quiet");
        } else if (event instanceof CleanStarted c) {
            return status("cleaning: " + c.command());
        } else if (event instanceof Reloaded r) {
            return List.of(new Line(Style.SUCCESS, reloaded(r.report())));
        } else if (event instanceof ReloadFailed f) {
            return List.of(new Line(Style.ERROR, f.reason()));
        } else if (event instanceof ProcessExited e) {
            return List.of(new Line(Style.ERROR, exited(e)));
        } else if (event instanceof RestartScheduled r) {
            return status("restarting in " + DurationParser.format(r.delay())
                    + (r.inARow() > 1 ? " (exit " + r.inARow() + " in a row; each wait doubles, up to "
                            + DurationParser.format(r.maxDelay()) + ")" : ""));
        } else if (event instanceof RestartSkipped s) {
            return status("it will be started again after the next change (restart: " + s.policy().id() + ")");
        } else if (event instanceof Daemonized d) {
            return status("the run command exited with code " + d.exitCode()
                    + " and left processes running; they are the service now");
        } else if (event instanceof Warning w) {
            return List.of(new Line(Style.WARNING, w.message()));
        } else if (event instanceof ReloadEvent.Error e) {
            return List.of(new Line(Style.ERROR, e.message()));
        } else if (event instanceof ReloadEvent.RebuildRequested r) {
            return status("rebuild of " + String.join(", ", r.services()) + " requested by " + r.by()
                    + (r.clean() ? " (clean)" : ""));
        } else if (event instanceof ReloadEvent.RestartRequested r) {
            return status("restart of " + String.join(", ", r.services()) + " requested by " + r.by());
        } else if (event instanceof ReloadEvent.Paused p) {
            return status("paused by " + p.by() + ": changes are held until it resumes; the process keeps running");
        } else if (event instanceof ReloadEvent.Resumed r) {
            return status("resumed by " + r.by() + (r.held() == 0 ? "" : ": building the " + r.held()
                    + " changed file(s) held while paused"));
        } else if (event instanceof ReloadEvent.ChangesHeld h) {
            // once, at the first held change: the user sees why nothing happens, without a line per save
            return h.held() == 1 ? status("a change is held: reloads are paused (resume to build it)") : List.of();
        } else if (event instanceof ReloadEvent.WaitingForDependencies w) {
            return status("waiting for " + String.join(", ", w.on()) + " to be ready before it starts (<dependsOn>)");
        } else if (event instanceof Stopping s) {
            return s.bySignal() ? status("stopping every service (Ctrl-C or SIGTERM)") : List.of();
        } else if (event instanceof Stopped s) {
            return s.survivors().isEmpty()
                    ? status("stopped after " + s.reloads() + " reload(s); no process is left running")
                    : List.of(new Line(Style.ERROR, "stopped after " + s.reloads() + " reload(s), but "
                            + s.survivors().size() + " process(es) survived even SIGKILL: pids " + s.survivors()));
        } else if (event instanceof LeftoversStopped l) {
            String what = l.containers() == 0 ? l.processes() + " process(es)"
                    : l.processes() == 0 ? "removed " + l.containers() + " container(s)"
                    : l.processes() + " process(es) and removed " + l.containers() + " container(s)";
            return status((l.processes() == 0 ? "" : "stopped ") + what + " that an earlier session (pid "
                    + l.earlierPid() + ") left running when it was killed");
        }
        return List.of();
    }

    private List<Line> buildStarted(BuildStarted b) {
        if (b.cause() == Cause.START) {
            return b.command() == null ? List.of() : status("building: " + b.command());
        }
        String what = b.cause() == Cause.REQUEST ? "rebuild requested" : describe(b.changes()) + " changed";
        return status(b.command() == null ? what + ", restarting" : what + ", building: " + b.command());
    }

    private String reloaded(ReloadReport r) {
        ServiceSpec spec = specs.get(r.service());
        return switch (r.kind()) {
            case START -> "ready in " + DurationParser.format(r.total())
                    + (spec == null || spec.hasBuild() ? " (build " + DurationParser.format(r.build()) + ")" : "")
                    + " · pid " + r.pid() + (spec == null ? "" : " · " + spec.readiness().describe());
            case RELOAD -> "reloaded (" + (r.changes().isEmpty() ? "on request" : describe(r.changes()))
                    + ") · build " + DurationParser.format(r.build())
                    + " · restart " + DurationParser.format(r.restart())
                    + " · total " + DurationParser.format(r.total());
            case RESTART -> "restarted · pid " + r.pid() + " · ready in " + DurationParser.format(r.restart());
        };
    }

    private static String exited(ProcessExited e) {
        StringBuilder message = new StringBuilder("exited with code " + e.exitCode() + " after "
                + DurationParser.format(e.uptime()));
        List<String> tail = e.tail();
        if (!tail.isEmpty()) {
            message.append("; its last lines:");
            for (String line : tail.subList(Math.max(0, tail.size() - 5), tail.size())) {
                message.append(System.lineSeparator()).append("    ").append(line);
            }
        }
        return message.toString();
    }

    private static List<Line> status(String text) {
        return List.of(new Line(Style.STATUS, text));
    }

    /** Changed files in a few words: {@code src/main.rs}, {@code a.go, b.go and 3 more}. */
    static String describe(Collection<Path> relative) {
        if (relative.isEmpty()) {
            return "no file";
        }
        Iterator<Path> it = relative.iterator();
        String first = it.next().toString();
        if (relative.size() == 1) {
            return first;
        }
        String second = it.next().toString();
        if (relative.size() == 2) {
            return first + " and " + second;
        }
        return first + ", " + second + " and " + (relative.size() - 2) + " more";
    }
}
