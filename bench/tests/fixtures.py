"""Small, fixed results structures, shaped like those a run writes to bench/work/results-*.json.

Numbers are chosen so that the arithmetic of the checks is exact in binary floating point
(0.5, 0.25, 0.125...), so that a value "equal to the limit" really is equal."""

import argparse
import copy


def args(variants=("none",), hotreload_delay=250, **kw):
    a = argparse.Namespace(variants=list(variants), hotreload_delay=hotreload_delay, small_tree=200,
                           large_tree=1000, idle_seconds=2.0, reps=2, storm_reps=1, storm_files=1000, note=[])
    for k, v in kw.items():
        setattr(a, k, v)
    return a


def stop(clean=True, alive_after_1s=(), port_bound_after_1s=False, exited=True):
    return {"exited": exited, "seconds": 0.25, "exit_code": 0, "alive_at_exit": [] if clean else ["123 sh: sh"],
            "port_bound_at_exit": False, "alive_after_1s": list(alive_after_1s),
            "port_bound_after_1s": port_bound_after_1s, "processes": 2, "clean": clean}


PLAIN = {"latency": [0.5], "build": [0.0], "start": [0.5], "startup": [0.125], "build_in_place": [None]}


def run(tool, variant="none", latency=(1.0,), **kw):
    r = {"tool": tool, "variant": variant, "errors": [], "stops": [stop(), stop()], "latency": list(latency),
         "per_change": [[0, 1] for _ in latency], "build_in_place": [None for _ in latency],
         "storm": [{"files": 1001, "burst": 0.0625, "served_after_burst": 0.5, "served_after_first_write": 0.5625,
                    "builds": 0, "starts": 1, "build_in_place": None}],
         "idle_pct": 0.125, "rss_kb": 100 * 1024, "startup_small": 2.0, "startup_large": 2.5,
         "first_change_large": 0.5, "maven_alone_startup_small": 1.5, "maven_alone_startup_large": 2.0,
         "settle": 1.0, "plain": copy.deepcopy(PLAIN)}
    r.update(kw)
    return r


def results(runs, maven=None, errors=()):
    """runs: {"tool/variant": run(...)}"""
    return {"meta": {"date": "2026-01-02 03:04 UTC", "cores": 2, "cpu": "Test CPU", "kernel": "6.1",
                     "loadavg_start": "0.50 0.40 0.30 1/100 1", "loadavg_end": "0.75 0.50 0.40 1/100 2",
                     "minutes": 3.5, "versions": {"hotreload": "0.1.0-SNAPSHOT", "python": "3.11"}},
            "baseline": {"none": copy.deepcopy(PLAIN)},
            "maven": maven if maven is not None else {"validate": [1.5, 1.75], "goal_skipped": [2.0]},
            "runs": dict(runs), "errors": list(errors)}


def java_run(tool, latency=(0.25,), lib_latency=None, **kw):
    """A record of the java variant, as bench/hrbench/javasessions.py writes it."""
    r = {"tool": tool, "variant": "java", "errors": [], "stops": [stop()], "unavailable": None,
         "latency": list(latency), "per_change": [[0, 1] for _ in latency], "compile": [],
         "cpu_s": 0.5 * len(latency), "cpu_window": 4.0, "rss_kb": 200 * 1024, "startup": 2.0, "startup_cpu_s": 4.0}
    if lib_latency is not None:
        r.update({"lib_latency": list(lib_latency), "lib_per_change": [[0, 2] for _ in lib_latency],
                  "lib_startup": 3.0})
        r["stops"].append(stop())
    r.update(kw)
    return r


def java_unavailable(tool, why="preparing quarkus (package) failed:"):
    return {"tool": tool, "variant": "java", "errors": [], "stops": [], "unavailable": why}
