"""The numbers derived from a run's raw results for each tool and variant: latency percentiles,
overhead over the plain script (two ways), storm timings, idle, start-up, stops."""

from .common import hotreload_quiet
from .services import VARIANTS
from .stats import med, pct


def summarize(results, args):
    """Rows of the table and the list of targets, computed from the raw results."""
    base = results["baseline"]
    maven = results.get("maven") or {}
    maven_alone = med(maven.get("validate", []))
    rows, summary = [], {}
    for key, r in results["runs"].items():
        tool, variant = r["tool"], r["variant"]
        if variant == "java":
            continue  # its own table: java_summary
        b = r.get("plain") or base.get(variant) or {}
        plain = med(b.get("latency", []))
        quiet = 0.0
        if tool == "hotreload":
            # as recorded by the run; results from before it recorded it get today's default
            quiet = r["quiet"] if r.get("quiet") is not None else hotreload_quiet(VARIANTS[variant].preset,
                                                                                 args.hotreload_delay)
        lat = r.get("latency") or []
        over = [x - plain - quiet for x in lat] if plain is not None else []
        # the same, with the build time of each repetition itself (binary mtime − wrapper start)
        # instead of the plain script's: immune to the build-time noise of a shared machine. The
        # reference is then the plain script's time outside its own timed build (stop, start, and
        # what the build does after writing the binary).
        has_build = variant != "none"
        if has_build:
            start = med([l - bb for l, bb in zip(b.get("latency", []), b.get("build_in_place", []))
                         if bb is not None])
        else:
            start = plain
        bips = r.get("build_in_place") or [None] * len(lat)
        over_ip = []
        if start is not None:
            for x, bip in zip(lat, bips):
                if bip is None and has_build:
                    continue
                over_ip.append(x - (bip or 0.0) - start - quiet)
        storm_ip = []
        for st in r.get("storm") or []:
            bip = st.get("build_in_place")
            if start is not None and (bip is not None or not has_build):
                storm_ip.append(st["served_after_burst"] - (bip or 0.0) - start - quiet)
        x = {
            "lat": list(lat), "lat50": med(lat), "lat90": pct(lat, 0.9), "editors": r.get("editors") or {}, "over50": med(over), "over90": pct(over, 0.9),
            "over_ip50": med(over_ip), "over_ip90": pct(over_ip, 0.9), "storm_ip": storm_ip, "plain_start": start,
            "quiet": quiet, "plain": plain, "storm": r.get("storm") or [], "idle_pct": r.get("idle_pct"),
            "rss_mb": r["rss_kb"] / 1024 if r.get("rss_kb") else None, "startup_small": r.get("startup_small"),
            "startup_large": r.get("startup_large"), "stops": r.get("stops") or [], "errors": r.get("errors") or [],
            "per_change": r.get("per_change") or [], "settle": r.get("settle"),
            "first_change_large": r.get("first_change_large"), "plain_startup": med(b.get("startup", [])),
            "maven_alone": maven_alone if tool == "hotreload" else None,
            "maven_small": r.get("maven_alone_startup_small"), "maven_large": r.get("maven_alone_startup_large"),
        }
        summary[key] = x
        rows.append((tool, variant, x))
    return rows, summary


def java_summary(results):
    """{tool: numbers} of the java variant, from results["runs"]["<tool>/java"]."""
    out = {}
    for key, r in results["runs"].items():
        if r["variant"] != "java":
            continue
        lat, lib = r.get("latency") or [], r.get("lib_latency") or []
        reps = len(lat)
        out[r["tool"]] = {
            "lat": list(lat), "lat50": med(lat), "lat90": pct(lat, 0.9), "editors": r.get("editors") or {}, "reps": reps,
            "cpu_s": r.get("cpu_s"), "cpu_per_change": r["cpu_s"] / reps if r.get("cpu_s") is not None and reps else None,
            "rss_mb": r["rss_kb"] / 1024 if r.get("rss_kb") else None,
            "startup": r.get("startup"), "startup_cpu_s": r.get("startup_cpu_s"),
            "per_change": r.get("per_change") or [], "compile50": med(r.get("compile") or []),
            "lib50": med(lib), "lib90": pct(lib, 0.9), "lib_startup": r.get("lib_startup"),
            "lib_per_change": r.get("lib_per_change") or [],
            "stops": r.get("stops") or [], "errors": r.get("errors") or [], "unavailable": r.get("unavailable"),
        }
    return out
