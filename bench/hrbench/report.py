"""The report: the results table, the targets, docs/benchmarks.md, the raw JSON, and what is
printed at the end of a run."""

import json
import time
from pathlib import Path

from .common import ms, passes
from .containertext import row_figures
from .editors import SCENARIO_LABELS, SCENARIOS, rep_text
from .followstream import fine_ms
from .javatools import JAVA_TOOLS
from .method import METHOD
from .stats import med, pct
from .summary import java_summary, summarize
from .svg import bar_chart
from .targets import targets
from .tools import DEFAULT_QUIET


TOOL_LABELS = {"hotreload": "**hotreload (ours)**"}
CHARTS = {"latency": "change → ready per tool and variant", "storm": "builds per storm per tool and variant"}


def chart_tools(summary):
    """Tools in run order, each once."""
    out = []
    for key in summary:
        t = key.split("/")[0]
        if t not in out:
            out.append(t)
    return out


def charts(results, args):
    """{"latency": svg, "storm": svg} of the none/go/rust variants, from the summary."""
    _, summary = summarize(results, args)
    variants = [v for v in args.variants if v != "java"]
    tools = chart_tools(summary)
    lat_groups, storm_groups = [], []
    for v in variants:
        bars = []
        plain = (results["baseline"].get(v) or {}).get("latency") or []
        bars.append({"label": "plain script", "value": med(plain) * 1000 if plain else None, "reference": True,
                     "lo": pct(plain, 0.1) * 1000 if plain else None, "hi": pct(plain, 0.9) * 1000 if plain else None})
        sbars = []
        for t in tools:
            x = summary.get(f"{t}/{v}") or {}
            lat = x.get("lat") or []
            label = "hotreload (ours)" if t == "hotreload" else t
            bars.append({"label": label, "value": med(lat) * 1000 if lat else None, "ours": t == "hotreload",
                         "lo": pct(lat, 0.1) * 1000 if lat else None, "hi": pct(lat, 0.9) * 1000 if lat else None})
            b = [st["builds"] for st in x.get("storm") or []]
            sbars.append({"label": label, "value": med(b) if b else None, "ours": t == "hotreload",
                          "lo": min(b) if b else None, "hi": max(b) if b else None})
        lat_groups.append((v, bars))
        storm_groups.append((v + (" (no build)" if v == "none" else ""), sbars))
    reps = getattr(args, "reps", "?")
    storm_reps = getattr(args, "storm_reps", "?")
    return {
        "latency": bar_chart("Change → ready, each tool at its defaults", "change → ready (ms)", lat_groups,
                             note=f"bar: median of {reps} change(s); whisker: p10 to p90"),
        "storm": bar_chart(f"Builds per storm ({getattr(args, 'storm_files', 1000)} files and the main source)",
                           "builds started per storm (count)", storm_groups,
                           note=f"bar: median of {storm_reps} storm(s); whisker: min to max", integer=True),
    }


def chart_name(stem, kind):
    return f"{stem}-{kind}.svg"


def editors_markdown(summary):
    """The editor saves' table: a row per tool and variant that ran them, a column per save."""
    keys = [k for k, x in summary.items() if x.get("editors")]
    if not keys:
        return ""
    saves = [sc for sc in SCENARIOS if any(sc in summary[k]["editors"] for k in keys)]
    head = "| tool | variant | " + " | ".join(SCENARIO_LABELS[sc] for sc in saves) + " |"
    lines = [head, "|" + "|".join(["---"] * (2 + len(saves))) + "|"]
    for k in keys:
        tool, variant = k.split("/")
        cells = []
        for sc in saves:
            reps = summary[k]["editors"].get(sc) or []
            cells.append(" ".join(rep_text(r) for r in reps) + (f" ({ms(med([r['latency'] for r in reps]))})"
                                                                if reps else "—"))
        lines.append(f"| {TOOL_LABELS.get(tool, tool)} | {variant} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def fmt_storm(storm):
    if not storm:
        return "—", "—"
    counts = [f"{s['builds']}/{s['starts']}" for s in storm]
    c = counts[0] + f" ×{len(counts)}" if len(set(counts)) == 1 else ", ".join(counts)
    served = med([s["served_after_burst"] for s in storm])
    return c, ms(served)


def table_markdown(results, args):
    rows, summary = summarize(results, args)
    head = ("| tool | variant | default quiet period | latency p50 / p90 | overhead p50 / p90 | "
            "overhead p50 / p90, build timed in place | "
            "storm builds/restarts | storm: served after burst | idle CPU (% of 1 core) | RSS | "
            f"start-up {args.small_tree:,} files | start-up {args.large_tree:,} files | "
            f"change at first ready ({args.large_tree:,} files) | clean stops at exit (1 s later) |")
    if args.large_tree <= 0:
        head = head.replace(f" start-up {args.large_tree:,} files |", " — |").replace(
            f" change at first ready ({args.large_tree:,} files) |", " — |")
    ncols = head.count("|") - 1
    lines = [head, "|" + "|".join(["---"] * ncols) + "|"]
    for v in args.variants:
        b = results["baseline"].get(v)
        if b:
            lines.append(f"| plain script | {v} | — | {ms(med(b['latency']))} / {ms(pct(b['latency'], 0.9))} | "
                         f"(reference) | (reference) | — | — | — | — | {ms(med(b['startup']))} (no watcher) | — | — | — |")
        for tool, variant, x in rows:
            if variant != v:
                continue
            t = TOOL_LABELS.get(tool, tool)
            if x["errors"] and x["lat50"] is None and x["startup_small"] is None:
                lines.append(f"| {t} | {variant} | | failed: {x['errors'][0][:80]} | | | | | | | | | | |")
                continue
            over = f"{ms(x['over50'])} / {ms(x['over90'])}"
            over_ip = f"{ms(x['over_ip50'])} / {ms(x['over_ip90'])}"
            if tool == "hotreload":
                over += f" beyond the {ms(x['quiet'])} quiet period"
                over_ip += " (beyond it)"
            sc, ss = fmt_storm(x["storm"])
            idle = f"{x['idle_pct']:.3f} %" if x["idle_pct"] is not None else "—"
            rss = f"{x['rss_mb']:.0f} MB" if x["rss_mb"] is not None else "—"
            su_s, su_l = ms(x["startup_small"]), ms(x["startup_large"])
            if tool == "hotreload":
                if x["startup_small"] is not None and x["maven_small"] is not None:
                    su_s += f" (Maven alone {ms(x['maven_small'])})"
                if x["startup_large"] is not None and x["maven_large"] is not None:
                    su_l += f" (Maven alone {ms(x['maven_large'])})"
            clean = sum(1 for s in x["stops"] if s["clean"])
            later = sum(1 for s in x["stops"] if s["exited"] and not s["alive_after_1s"] and not s["port_bound_after_1s"])
            stops = f"{clean}/{len(x['stops'])} ({later}/{len(x['stops'])})" if x["stops"] else "—"
            if x["startup_large"] is None:
                first = "—"
            elif x["first_change_large"] is None:
                first = "**missed**"
            else:
                first = ms(x["first_change_large"])
            err = " ⚠" if x["errors"] else ""
            quiet = DEFAULT_QUIET.get(tool, "")
            if tool == "hotreload":
                quiet = f"{ms(x['quiet'])} (delay)"
            lines.append(f"| {t}{err} | {variant} | {quiet} | {ms(x['lat50'])} / {ms(x['lat90'])} | {over} | {over_ip} | {sc} | "
                         f"{ss} | {idle} | {rss} | {su_s} | {su_l} | {first} | {stops} |")
    return "\n".join(lines), summary


JAVA_LABELS = {"hotreload": "**hotreload (ours), java preset**",
               "exec-recipe": "hotreload, exec recipe (`mvnw -q -o package`, `java -jar`)",
               "quarkus": "quarkus:dev", "spring-boot": "spring-boot:run + devtools, `mvnw -q -o compile` after the edit"}


def java_table_markdown(results, args):
    """The java variant's table: a row per tool, in run order."""
    js = java_summary(results)
    head = ("| tool | default quiet period | change → new response p50 / p90 | CPU of the tree over the changes "
            "(per change) | RSS of the tree | start-up (its CPU) | builds/restarts per change | "
            "library change → both dependents serve it, p50 / p90 | clean stops at exit (1 s later) |")
    ncols = head.count("|") - 1
    lines = [head, "|" + "|".join(["---"] * ncols) + "|"]
    for tool, x in js.items():
        t = JAVA_LABELS.get(tool, tool)
        if x["unavailable"]:
            lines.append(f"| {t} | | cannot run here: {x['unavailable'][:100]} |" + " |" * (ncols - 3))
            continue
        if x["lat50"] is None:
            err = (x["errors"] or ["no latency measured"])[0][:100]
            lines.append(f"| {t} | | failed: {err} |" + " |" * (ncols - 3))
            continue
        quiet = JAVA_TOOLS[tool].quiet if tool in JAVA_TOOLS else ""
        if tool == "hotreload" and args.hotreload_delay is not None:
            quiet = f"{args.hotreload_delay} ms (delay, --hotreload-delay)"
        cpu = (f"{x['cpu_s']:.2f} s ({x['cpu_per_change']:.2f} s)" if x["cpu_s"] is not None else "—")
        rss = f"{x['rss_mb']:.0f} MB" if x["rss_mb"] is not None else "—"
        su = ms(x["startup"]) + (f" ({x['startup_cpu_s']:.1f} s CPU)" if x["startup_cpu_s"] is not None else "")
        pc = " ".join(f"{b}/{r}" for b, r in x["per_change"]) or "—"
        lib = f"{ms(x['lib50'])} / {ms(x['lib90'])}" if x["lib50"] is not None else "—"
        clean = sum(1 for st in x["stops"] if st["clean"])
        later = sum(1 for st in x["stops"] if st["exited"] and not st["alive_after_1s"] and not st["port_bound_after_1s"])
        stops = f"{clean}/{len(x['stops'])} ({later}/{len(x['stops'])})" if x["stops"] else "—"
        err = " ⚠" if x["errors"] else ""
        lines.append(f"| {t}{err} | {quiet} | {ms(x['lat50'])} / {ms(x['lat90'])} | {cpu} | {rss} | {su} | {pc} | "
                     f"{lib} | {stops} |")
    return "\n".join(lines)


def followers_markdown(fr):
    """The followers scenario's table: line delivery and reload latency side by side, a row per case;
    "" when it did not run."""
    if not fr:
        return ""
    ph = fr.get("phases") or {}
    stuck = ph.get("stuck") or {}
    many = fr.get("many", "?")

    def lines_cell(x):
        a = (x or {}).get("all") or {}
        if a.get("p50") is None:
            return "—"
        each = {f["n"] for f in x.get("per_follower") or []}
        n = len(x.get("per_follower") or [])
        count = f"{n} × {each.pop()}" if n > 1 and len(each) == 1 else str(a["n"])
        return f"{fine_ms(a['p50'])} / {fine_ms(a['p90'])} / {fine_ms(a['max'])} ({count} lines)"

    def reload_cell(x):
        lat = (x or {}).get("latency") or []
        return f"{ms(med(lat))} / {ms(pct(lat, 0.9))} ({len(lat)} change{'s' if len(lat) != 1 else ''})" if lat else "—"

    st = (stuck.get("status") or []) + ((ph.get("reload_stuck") or {}).get("status") or [])
    status = (f"{sum(1 for x in st if x['code'] == 200)}/{len(st)} answered, slowest "
              f"{fine_ms(max(x['seconds'] for x in st))}") if st else "—"
    lines = ["| followers attached | line delivery p50 / p90 / max | change → new response p50 / p90 | "
             "GET /api/status |", "|---|---|---|---|",
             f"| none | — | {reload_cell(ph.get('reload_0'))} | — |",
             f"| 1 | {lines_cell(ph.get('lines_1'))} | — | — |",
             f"| {many} | {lines_cell(ph.get('lines_many'))} | — | — |",
             f"| {many}, during the changes | {lines_cell(ph.get('lines_during_reloads'))} | "
             f"{reload_cell(ph.get('reload_many'))} | — |",
             f"| {many} + 1 that never reads | {lines_cell(stuck.get('lines'))} | "
             f"{reload_cell(ph.get('reload_stuck'))} | {status} |"]
    notes = []
    q = stuck.get("queues_at_end") or {}
    if q:
        notes.append(f"The connection that never reads (SO_RCVBUF {fr.get('stuck_rcvbuf')} B): at the end "
                     f"{q.get('our_receive_queue', '?')} B unread on its side, {q.get('watch_send_queue', '?')} B in "
                     "the watch's send queue.")
    dropped = sum((ph.get(k) or {}).get("dropped", 0) for k in ("lines_1", "lines_many", "lines_during_reloads"))
    dropped += (stuck.get("lines") or {}).get("dropped", 0)
    backlog = [((ph.get(k) or {}).get("backlog") or [None])[0] for k in ("lines_1", "lines_many")]
    attach = [(ph.get(k) or {}).get("attach_seconds") for k in ("lines_1", "lines_many")]
    attach.append((stuck.get("lines") or {}).get("attach_seconds"))
    notes.append(f"Lines dropped for the reading followers: {dropped}. Each follower is timed from its first live "
                 "mark on: the marks before (the backlog `tail=0` hands over, which is every line the watch keeps, "
                 f"and those that came while it was read) are not counted: "
                 f"{', '.join(str(b) for b in backlog if b is not None) or '—'} (1 follower, each of {many}). "
                 "Every follower had its first live mark "
                 + " / ".join(fine_ms(x) for x in attach) + f" after attaching (1, {many}, {many} next to the stuck one).")
    return "\n".join(lines) + "\n\n" + " ".join(notes)


def container_row_label(row, r, versions):
    if r.get("tool") == "hotreload":
        return f"{TOOL_LABELS['hotreload']} / {row}"
    v2 = (versions or {}).get("docker compose (v2)")
    return f"docker compose watch{' ' + v2 if v2 else ''} / {row}"


def whole_ms(x):
    return "—" if x is None else f"{x * 1000:.0f}"


def containers_markdown(cr):
    """The containers scenario's table (a row per tool and variant: p50, p90, min, max in ms, the
    repetitions, p50 minus the host row's p50) and its notes; "" when it did not run."""
    if not cr:
        return ""
    rows = cr.get("rows") or {}
    host = row_figures((rows.get("host") or {}).get("latency") or [])["p50"]
    lines = ["| tool / variant | p50 (ms) | p90 (ms) | min (ms) | max (ms) | repetitions | p50 − host p50 (ms) |",
             "|---|---|---|---|---|---|---|"]
    notes = []
    for row in cr.get("order") or list(rows):
        r = rows.get(row)
        if r is None:
            continue
        label = container_row_label(row, r, cr.get("versions"))
        f = row_figures(r.get("latency") or [])
        if r.get("skipped"):
            lines.append(f"| {label} | not run: {r['skipped']} | | | | | |")
            continue
        if f["n"] == 0:
            why = "; ".join(r.get("errors") or []) or "nothing measured"
            lines.append(f"| {label} | failed: {why} | | | | | |")
            continue
        diff = "—" if row == "host" or host is None else f"{(f['p50'] - host) * 1000:+.0f}"
        lines.append(f"| {label} | {whole_ms(f['p50'])} | {whole_ms(f['p90'])} | {whole_ms(f['min'])} | "
                     f"{whole_ms(f['max'])} | {f['n']} | {diff} |")
        for e in r.get("errors") or []:
            notes.append(f"{row}: {e}.")
    used = [f"{row} by compose {r['compose_version']}" for row, r in rows.items() if r.get("compose_version")]
    splits = []
    for row in cr.get("order") or list(rows):
        rl = (rows.get(row) or {}).get("plugin_reloads") or []
        if rl:
            splits.append(f"{row} build {whole_ms(med([x['build'] for x in rl]))} ms, restart "
                          f"{whole_ms(med([x['restart'] for x in rl]))} ms")
    if splits:
        notes.append("Our plugin's own split of its reloads (median): " + "; ".join(splits) + ".")
    if used:
        notes.append("Containers made: " + ", ".join(used) + ".")
    cw = rows.get("compose-watch") or {}
    if cw.get("cache_mounts") is not None:
        notes.append(f"compose-watch: the image compiles the service FROM `{cw.get('toolchain_image')}` (this "
                     "machine's GOROOT, `docker import`ed), "
                     + ("with BuildKit cache mounts for GOCACHE and GOMODCACHE" if cw["cache_mounts"] else
                        "without BuildKit cache mounts (they did not work here)")
                     + (f"; its first build took {ms(cw['first_build'])} (not measured)" if cw.get("first_build")
                        else "") + ".")
    odd = [f"{row} {r['reloads_per_change']}" for row, r in rows.items()
           if r.get("reloads_per_change") and any(n != 1 for n in r["reloads_per_change"])]
    if odd:
        notes.append("Reloads (rebuilds) per change other than 1: " + "; ".join(odd) + ".")
    for row, r in rows.items():
        st = r.get("stop")
        if r.get("tool") == "hotreload" and st and not st.get("clean"):
            notes.append(f"{row}: our plugin's stop was not clean: exited={st['exited']}, alive after 1 s "
                         f"{st['alive_after_1s']}, port bound after 1 s {st['port_bound_after_1s']}.")
        if r.get("tool") == "hotreload" and r.get("containers_left_after_stop"):
            notes.append(f"{row}: {r['containers_left_after_stop']} container(s) left after our plugin stopped.")
        if r.get("tool") != "hotreload" and r.get("containers_left_after_stop"):
            notes.append(f"{row}: `docker compose watch` left its container running when it stopped (Ctrl-C); "
                         "the bench ran `docker compose down`.")
    for e in cr.get("errors") or []:
        notes.append(f"{e}.")
    head = (f"Change → new response (GET / polled every {cr.get('poll_ms', '?'):g} ms) of one Go service: the rows "
            "run side by side, one change at a time, each round in a rotated order.")
    return head + "\n\n" + "\n".join(lines) + ("\n\n" + " ".join(notes) if notes else "")


def met_text(ok):
    return "— not measured" if ok is None else ("✅ met" if ok else "❌ missed")


def report_markdown(results, args, chart_stem="benchmarks"):
    table, summary = table_markdown(results, args)
    meta = results["meta"]
    tg = targets(results, args, summary)
    maven = results.get("maven") or {}
    lines = []
    lines.append("# Benchmarks")
    lines.append("")
    lines.append(f"Generated by `bench/run` on {meta['date']}: **{meta['cores']} cores** ({meta['cpu']}), "
                 f"Linux {meta['kernel']}. The run took {meta.get('minutes', '?')} min; load average "
                 f"{meta['loadavg_start'].split()[0]} at its start and {meta.get('loadavg_end', '?').split()[0]} "
                 f"at its end (the machine is shared, so expect noise of tens of milliseconds).")
    lines.append("")
    split = ""
    if len(getattr(args, "tools", None) or []) > 1:
        l1, l2 = passes(args.reps, 2)
        s1, s2 = passes(args.storm_reps, 2)
        split = f" (in two passes, the tools in order and then in reverse: {l1} + {l2} changes, {s1} + {s2} storms)"
    lines.append(f"Repetitions: {args.reps} changes per tool and variant for latency, {args.storm_reps} storms "
                 f"of {args.storm_files} files{split}, idle window {args.idle_seconds} s, trees of {args.small_tree:,} "
                 f"and {args.large_tree:,} files.")
    lines.append("")
    lines.append("Versions: " + ", ".join(f"{k} {v}" for k, v in meta.get("versions", {}).items()) + ".")
    lines.append("")
    for note in getattr(args, "note", None) or []:
        lines.append(note)
        lines.append("")
    generic = [v for v in args.variants if v != "java"]
    if generic and has_generic_runs(results):
        lines.append("## Results")
        lines.append("")
        lines.append(table)
        lines.append("")
        for kind, alt in CHARTS.items():
            lines.append(f"![{alt}]({chart_name(chart_stem, kind)})")
            lines.append("")
        ed = editors_markdown(summary)
        if ed:
            lines.append("## Editor saves")
            lines.append("")
            lines.append("Each cell: per repetition, completed builds / failed builds shown / restarts (median change "
                         "→ ready in brackets). One reload and no failed build is right.")
            lines.append("")
            lines.append(ed)
            lines.append("")
    if "java" in args.variants and any(r["variant"] == "java" for r in results["runs"].values()):
        lines.append("## Java variant")
        lines.append("")
        lines.append(java_table_markdown(results, args))
        lines.append("")
    fm = followers_markdown(results.get("followers"))
    if fm:
        fr = results["followers"]
        lines.append("## Followers of a running watch's log")
        lines.append("")
        lines.append(f"Our plugin runs the `none` service and a marker service that prints `mark <wall-clock ns>` "
                     f"every {fr.get('marker_interval_ms')} ms; followers attach with a raw HTTP/1.1 "
                     "`GET /api/logs?follow=true&services=marker&tail=0` and each mark's delay is its receive time "
                     "minus the time it carries. The change → new response latency of the `none` service is measured "
                     "as in the main table. The scenario took "
                     f"{fr.get('seconds', '?')} s.")
        lines.append("")
        lines.append(fm)
        lines.append("")
    cm = containers_markdown(results.get("containers"))
    if cm:
        lines.append("## Services in containers")
        lines.append("")
        lines.append("Our plugin's go preset on the host, the same service in a compose container "
                     "(`<compose>api</compose>`, `FROM scratch`, the binary built here, copied in and the container "
                     "restarted), and "
                     "`docker compose watch` with `action: rebuild` (the image compiles the source).")
        lines.append("")
        lines.append(cm)
        lines.append("")
    if maven:
        lines.append(f"Maven alone (`mvnw -q -B -o validate` on the same POM): median {ms(med(maven['validate']))} "
                     f"over {len(maven['validate'])} runs; with the plugin loaded and the goal skipped "
                     f"(`hotreload:watch -Dhotreload.skip`): {ms(med(maven['goal_skipped']))}.")
        lines.append("")
    lines.append("## Targets (our plugin)")
    lines.append("")
    lines.append("| variant | target | met | measured |")
    lines.append("|---|---|---|---|")
    for v, text, ok, detail in tg:
        lines.append(f"| {v} | {text} | {met_text(ok)} | {detail} |")
    lines.append("")
    problems = []
    for key, r in results["runs"].items():
        for e in r.get("errors", []):
            problems.append(f"- {key}: {e}")
        for s in r.get("stops", []):
            if not s["clean"]:
                problems.append(f"- {key}: stop not clean: exited={s['exited']} in {s['seconds']} s, "
                                f"alive at exit {s['alive_at_exit']}, port bound at exit {s['port_bound_at_exit']}, "
                                f"alive after 1 s {s['alive_after_1s']}, port bound after 1 s "
                                f"{s['port_bound_after_1s']}")
    fr = results.get("followers") or {}
    for e in fr.get("errors", []):
        problems.append(f"- {e}")
    for st in fr.get("stops", []):
        if not st["clean"]:
            problems.append(f"- followers: stop not clean: exited={st['exited']}, alive after 1 s "
                            f"{st['alive_after_1s']}, port bound after 1 s {st['port_bound_after_1s']}")
    for e in results.get("errors", []):
        problems.append(f"- {e}")
    if problems:
        lines.append("## Problems seen in this run")
        lines.append("")
        lines.extend(problems)
        lines.append("")
    lines.append("## Builds and restarts per single change")
    lines.append("")
    lines.append("Counted over each latency repetition (builds/restarts); more than one means the tool rebuilt or "
                 "restarted more than once for one saved file.")
    lines.append("")
    for key, x in summary.items():
        if x["per_change"]:
            lines.append(f"- {key}: " + " ".join(f"{b}/{s}" for b, s in x["per_change"]))
    for tool, x in java_summary(results).items():
        if x["per_change"]:
            lines.append(f"- {tool}/java: " + " ".join(f"{b}/{s}" for b, s in x["per_change"]))
        if x["lib_per_change"]:
            lines.append(f"- {tool}/java, library change: " + " ".join(f"{b}/{s}" for b, s in x["lib_per_change"]))
    lines.append("")
    lines.append(METHOD)
    return "\n".join(lines) + "\n"


def has_generic_runs(results):
    """Whether the run measured a none/go/rust session (a followers-only run did not)."""
    return any(r.get("variant") != "java" for r in results["runs"].values())


def print_targets(results, args, summary):
    for v, text, ok, detail in targets(results, args, summary):
        print(f"{'N/A   ' if ok is None else 'MET   ' if ok else 'MISSED'} [{v}] {text}: {detail}")


def write_raw(results, work):
    """The raw results as bench/work/results-<date>-<time>.json; returns its path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    raw = Path(work) / f"results-{stamp}.json"
    raw.write_text(json.dumps(results, indent=1, default=str))
    return raw


def write_report(results, args, output):
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report_markdown(results, args, out.stem))
    if any(v != "java" for v in args.variants):
        for kind, svg in charts(results, args).items():
            (out.parent / chart_name(out.stem, kind)).write_text(svg)
    return out
