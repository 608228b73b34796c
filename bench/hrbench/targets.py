"""The checks of a run: our plugin's targets (met or missed, from the summary), and what makes a
run broken (exit code 1). Slow numbers never break a run."""

from .common import ms
from .services import VARIANTS
from .editors import SCENARIO_LABELS, rep_ok, rep_text
from .followstream import fine_ms
from .stats import med, ratio
from .summary import java_summary

JAVA_P50_LIMIT = 0.300
JAVA_P90_LIMIT = 0.500
JAVA_EXEC_SPEEDUP = 8.0
JAVA_LIBRARY_LIMIT = 1.0
JAVA_PEER_LABELS = {"exec-recipe": "the exec recipe", "quarkus": "quarkus:dev", "spring-boot": "spring-boot:run"}
FOLLOW_LINE_P90_LIMIT = 0.050  # issue 11: a line reaches a follower within 50 ms (p90)
FOLLOW_RELOAD_EXTRA = 0.010  # issue 11: followers do not change reload latency measurably


def targets(results, args, summary):
    """[(variant, target text, met: bool|None, detail)] for our plugin."""
    out = []
    maven = med((results.get("maven") or {}).get("validate", []))
    for v in args.variants:
        ours = summary.get(f"hotreload/{v}")
        if not ours:
            continue
        peers = {k.split("/")[0]: x for k, x in summary.items() if k.endswith("/" + v) and not k.startswith("hotreload/")}
        peer_over = {t: x["over50"] for t, x in peers.items() if x["over50"] is not None}
        o = ours["over50"]
        if peer_over and o is not None:
            best_t = min(peer_over, key=peer_over.get)
            best = peer_over[best_t]
            out.append((v, "overhead beyond the quiet period ≤ best peer's overhead + 10 ms (median)",
                        o <= best + 0.010, f"{ms(o)} vs {best_t} {ms(best)} + 10 ms"))
            for t in ("air", "cargo-watch"):
                if t in peer_over:
                    out.append((v, f"overhead below {t}'s at its default settings", o < peer_over[t],
                                f"{ms(o)} vs {ms(peer_over[t])}"))
        peer_ip = {t: x["over_ip50"] for t, x in peers.items() if x["over_ip50"] is not None}
        oi = ours["over_ip50"]
        if peer_ip and oi is not None:
            best_t = min(peer_ip, key=peer_ip.get)
            out.append((v, "same, with each build timed in place: ≤ best peer + 10 ms (median)",
                        oi <= peer_ip[best_t] + 0.010, f"{ms(oi)} vs {best_t} {ms(peer_ip[best_t])} + 10 ms"))
            for t in ("air", "cargo-watch"):
                if t in peer_ip:
                    out.append((v, f"same, with each build timed in place: below {t}'s", oi < peer_ip[t],
                                f"{ms(oi)} vs {ms(peer_ip[t])}"))
        at = ("at each tool's defaults" if args.hotreload_delay is None
              else f"ours at --hotreload-delay {args.hotreload_delay} ms, not its defaults")
        l50 = ours["lat50"]
        if l50 is not None:
            w50 = (peers.get("watchexec") or {}).get("lat50")
            if w50 is not None:
                out.append((v, f"change → ready p50 ≤ watchexec's p50 + 10 ms ({at})", l50 <= w50 + 0.010,
                            f"{ms(l50)} vs {ms(w50)} + 10 ms"))
            for t in ("air", "cargo-watch"):
                p50 = (peers.get(t) or {}).get("lat50")
                if p50 is not None:
                    out.append((v, f"change → ready p50 below {t}'s ({at})", l50 < p50, f"{ms(l50)} vs {ms(p50)}"))
        st = ours["storm"]
        if st:
            want_builds = 0 if v == "none" else 1
            # completed builds: the wrapper's exit lines; a build our plugin cancelled did not complete.
            # Results from before the wrapper recorded exit codes only have the builds started.
            done = [s.get("completed", s["builds"]) for s in st]
            good = sum(1 for d, s in zip(done, st) if d == want_builds and s["starts"] == 1)
            out.append((v, f"storm: exactly {want_builds} completed build(s) and 1 restart in every storm", good == len(st),
                        f"{good} of {len(st)}: " + ", ".join(f"{d}/{s['starts']}" for d, s in zip(done, st))
                        + " (completed builds/restarts)"))
            wst = (peers.get("watchexec") or {}).get("storm") or []
            if wst:
                ours_served = med([s["served_after_burst"] for s in st])
                theirs = med([s["served_after_burst"] for s in wst])
                out.append((v, "storm: final version served no later than watchexec serves it (median after the burst)",
                            ours_served <= theirs, f"{ms(ours_served)} vs {ms(theirs)}"))
            if ours["plain"] is not None:
                limit = ours["quiet"] + ours["plain"] + 0.100
                worst = max(s["served_after_burst"] for s in st)
                out.append((v, "storm: final version served within quiet period + build and start + 100 ms",
                            worst <= limit, f"worst {ms(worst)} vs limit {ms(limit)} "
                                            f"({ms(ours['quiet'])} + {ms(ours['plain'])} + 100 ms)"))
            if ours["storm_ip"]:
                w = max(ours["storm_ip"])
                out.append((v, "same, with the storm's own build timed in place: beyond quiet period + build + "
                               "start ≤ 100 ms", w <= 0.100, f"worst {ms(w)}"))
        for sc, reps in ours["editors"].items():
            if reps:
                good = sum(1 for r in reps if rep_ok(r))
                out.append((v, f"editor save, {SCENARIO_LABELS.get(sc, sc)}: 1 reload and 0 failed builds shown "
                               "in every repetition", good == len(reps),
                            f"{good} of {len(reps)}: " + ", ".join(rep_text(r) for r in reps)
                            + " (completed builds/failed shown/restarts)"))
        if ours["idle_pct"] is not None:
            out.append((v, f"idle: < 0.2 % of one core over {args.idle_seconds} s with {args.small_tree:,} files",
                        ours["idle_pct"] < 0.2, f"{ours['idle_pct']:.3f} %"))
        if ours["rss_mb"] is not None:
            out.append((v, "idle: RSS < 150 MB", ours["rss_mb"] < 150, f"{ours['rss_mb']:.0f} MB"))
        if ours["startup_large"] is not None and ours["maven_large"] is not None:
            beyond = ours["startup_large"] - ours["maven_large"]
            out.append((v, f"start-up beyond Maven's own < 1 s with {args.large_tree:,} files", beyond < 1.0,
                        f"{ms(beyond)} ({ms(ours['startup_large'])} − Maven alone {ms(ours['maven_large'])}, "
                        f"measured just before; "
                        f"the plain script's up-to-date build and start take {ms(ours['plain_startup'])})"))
        if ours["stops"]:
            clean = sum(1 for s in ours["stops"] if s["clean"])
            out.append((v, "clean stop: nothing alive, nothing bound, every time", clean == len(ours["stops"]),
                        f"{clean}/{len(ours['stops'])} clean"))
    out += follower_targets(results.get("followers"))
    if "java" in args.variants:
        out += java_targets(results, args)
    return out


def follower_targets(fr):
    """[("followers", target text, met: bool|None, detail)] of the followers scenario (issue 11); None:
    the phase it needs did not run (the run's first error is in detail). [] when the scenario did not run."""
    if not fr:
        return []
    ph = fr.get("phases") or {}
    stuck = ph.get("stuck") or {}
    why = "not measured: " + ((fr.get("errors") or ["the phase did not run"])[0][:100])
    many = fr.get("many", "?")
    out = []

    def line_target(text, lines):
        a = (lines or {}).get("all") or {}
        if a.get("p90") is None:
            out.append(("followers", text, None, why))
            return
        out.append(("followers", text, a["p90"] <= FOLLOW_LINE_P90_LIMIT,
                    f"p90 {fine_ms(a['p90'])} (p50 {fine_ms(a['p50'])}, max {fine_ms(a['max'])}, {a['n']} lines)"))

    def reload_target(text, reload):
        base = med((ph.get("reload_0") or {}).get("latency") or [])
        with_ = med((reload or {}).get("latency") or [])
        if base is None or with_ is None:
            out.append(("followers", text, None, why))
            return
        out.append(("followers", text, with_ <= base + FOLLOW_RELOAD_EXTRA, f"{ms(with_)} vs {ms(base)} + 10 ms"))

    limit = ms(FOLLOW_LINE_P90_LIMIT)
    line_target(f"line delivery p90 ≤ {limit}, 1 follower", ph.get("lines_1"))
    line_target(f"line delivery p90 ≤ {limit}, {many} followers", ph.get("lines_many"))
    reload_target(f"change → new response p50 with {many} followers ≤ p50 with none + 10 ms", ph.get("reload_many"))
    line_target(f"with a follower that never reads: the other {many}'s line delivery p90 ≤ {limit}",
                stuck.get("lines"))
    reload_target("with a follower that never reads: change → new response p50 ≤ p50 with none + 10 ms",
                  ph.get("reload_stuck"))
    st = (stuck.get("status") or []) + ((ph.get("reload_stuck") or {}).get("status") or [])
    if st:
        good = sum(1 for x in st if x["code"] == 200)
        out.append(("followers", "with a follower that never reads: GET /api/status answers every time",
                    good == len(st), f"{good} of {len(st)} answered 200, slowest {fine_ms(max(x['seconds'] for x in st))}"))
    else:
        out.append(("followers", "with a follower that never reads: GET /api/status answers every time", None, why))
    if fr.get("stops"):
        clean = sum(1 for x in fr["stops"] if x["clean"])
        out.append(("followers", "clean stop: nothing alive, nothing bound", clean == len(fr["stops"]),
                    f"{clean}/{len(fr['stops'])} clean"))
    return out


def peer_missing(js, name):
    """Why a java peer has no median, for a target that needs it."""
    x = js.get(name)
    label = JAVA_PEER_LABELS[name]
    if x is None:
        return f"not measured: {label} was not part of this run (--tools)"
    if x["unavailable"]:
        return f"not measured: {label} cannot run here ({x['unavailable']})"
    return f"not measured: {label} failed ({(x['errors'] or ['no latency'])[0][:80]})"


def java_targets(results, args):
    """[("java", target text, met: bool|None, detail)] for our java preset; None: the target needs a
    peer that did not run (the reason is in detail)."""
    js = java_summary(results)
    ours = js.get("hotreload")
    if not ours:
        return []
    out = []
    at = ("at the java preset's defaults" if args.hotreload_delay is None
          else f"at --hotreload-delay {args.hotreload_delay} ms, not the defaults")
    p50, p90 = ours["lat50"], ours["lat90"]
    if p50 is not None:
        out.append(("java", f"change → new response p50 ≤ {ms(JAVA_P50_LIMIT)} ({at})", p50 <= JAVA_P50_LIMIT,
                    ms(p50)))
        out.append(("java", f"change → new response p90 ≤ {ms(JAVA_P90_LIMIT)} ({at})", p90 <= JAVA_P90_LIMIT,
                    ms(p90)))
        text = f"at least {JAVA_EXEC_SPEEDUP:.0f} times faster than the exec recipe (p50)"
        exec50 = (js.get("exec-recipe") or {}).get("lat50")
        r = ratio(exec50, p50)
        if r is None:
            out.append(("java", text, None, peer_missing(js, "exec-recipe")))
        else:
            out.append(("java", text, r >= JAVA_EXEC_SPEEDUP, f"{r:.1f}× ({ms(exec50)} vs {ms(p50)})"))
        text = "no slower than quarkus:dev in the same run (p50)"
        q50 = (js.get("quarkus") or {}).get("lat50")
        if q50 is None:
            out.append(("java", text, None, peer_missing(js, "quarkus")))
        else:
            out.append(("java", text, p50 <= q50, f"{ms(p50)} vs {ms(q50)}"))
    if ours["lib50"] is not None:
        out.append(("java", f"library change, both dependents serve the new text ≤ {ms(JAVA_LIBRARY_LIMIT)} (p50)",
                    ours["lib50"] <= JAVA_LIBRARY_LIMIT, ms(ours["lib50"])))
    if ours["stops"]:
        clean = sum(1 for s in ours["stops"] if s["clean"])
        out.append(("java", "clean stop: nothing alive, nothing bound, every time", clean == len(ours["stops"]),
                    f"{clean}/{len(ours['stops'])} clean"))
    return out


def broken(results, smoke):
    """What makes the run fail: a measurement that could not be made (for any tool), or our plugin
    leaving a process alive or the port bound 1 s after it exited. Slow numbers never fail it."""
    bad = list(results.get("errors", []))
    want = ((results.get("meta") or {}).get("args") or {})
    for key, r in results["runs"].items():
        bad += [f"{key}: {e}" for e in r.get("errors", [])]
        if r.get("variant") in VARIANTS and not r.get("errors"):
            # both passes' shares, or a pass measured less than it should have without saying why
            for field, arg, what in (("latency", "reps", "latency changes"), ("storm", "storm_reps", "storms")):
                if field in r and want.get(arg) is not None and len(r[field]) != want[arg]:
                    bad.append(f"{key}: {len(r[field])} {what} measured, not {want[arg]}")
        if key.startswith("hotreload/"):
            bad += [f"{key}: not stopped cleanly {s}" for s in r.get("stops", [])
                    if not s["exited"] or s["alive_after_1s"] or s["port_bound_after_1s"]]
            if not r.get("latency") and "editors" not in r:
                bad.append(f"{key}: no latency measured")
    fr = results.get("followers")
    if fr:
        bad += list(fr.get("errors", []))
        bad += [f"followers: not stopped cleanly {s}" for s in fr.get("stops", [])
                if not s["exited"] or s["alive_after_1s"] or s["port_bound_after_1s"]]
    cr = results.get("containers")
    if cr:
        # a row that could not run here (no compose v2) is said in the table and breaks nothing
        bad += list(cr.get("errors", []))
        for row, r in (cr.get("rows") or {}).items():
            bad += [f"containers/{row}: {e}" for e in r.get("errors", [])]
            if r.get("skipped"):
                continue
            if not r.get("latency") and not r.get("errors"):
                bad.append(f"containers/{row}: no latency measured")
            st = r.get("stop")
            if r.get("tool") == "hotreload" and st and (not st["exited"] or st["alive_after_1s"]
                                                        or st["port_bound_after_1s"]):
                bad.append(f"containers/{row}: not stopped cleanly {st}")
            if r.get("tool") == "hotreload" and r.get("containers_left_after_stop"):
                bad.append(f"containers/{row}: {r['containers_left_after_stop']} container(s) left after our "
                           "plugin stopped")
    return bad
