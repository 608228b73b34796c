"""The java variant's sessions: each tool on its own Maven project: start-up, change-to-new-response
latency, CPU seconds and RSS of the tool's whole process tree (the service's JVM included: for
quarkus:dev and devtools the application runs in it), and for our plugin the library case (one
library change, two dependent services reloaded)."""

import random
import types

from .common import BenchError, log, ms, now
from .javatools import JAVA_TOOLS, JavaPresetReactor
from .probe import wait_all, wait_version
from .proctable import CLK_TCK, comm, proc_table, rss_kb, subtree, ticks_delta
from .sessions import Session
from .stats import med, pct

JAVA = types.SimpleNamespace(name="java")
REQUEST_TIMEOUT = 60.0  # quarkus:dev answers the first request after a change only once it has reloaded


class StartError(BenchError):
    """The tool never served its first version."""


class JavaSession(Session):
    def __init__(self, bench, tool, phase, budget):
        super().__init__(bench, tool, JAVA, phase, budget)
        self.compiles = []

    def env(self):
        e = super().env()
        e.update(self.tool.extra_env(self))
        return e

    def tree_ticks(self, table=None):
        """{pid: (start, ticks)} of the whole tree, service included; reaped children count in
        their parent's cutime/cstime."""
        table = table or self.remember()
        return {p: (table[p]["start"], table[p]["cpu"] + table[p]["ccpu"]) for p in subtree(self.proc.pid, table)}

    def tree_rss(self):
        table = proc_table()
        pids = sorted(subtree(self.proc.pid, table))
        return sum(rss_kb(p) for p in pids), [f"{p} {comm(p)} {rss_kb(p) // 1024} MB" for p in pids]


def start(bench, tool, phase, expect, rec, key):
    """Launches the tool and waits until every (port, body) of expect(session) is served."""
    bench.check_time()
    s = JavaSession(bench, tool, phase, min(bench.time_left(), 1800))
    if isinstance(tool, JavaPresetReactor):
        s.port2 = bench.next_port()
    t0 = s.launch()
    try:
        t = wait_all(expect(s), bench.args.startup_timeout, s.proc, REQUEST_TIMEOUT)
    except BenchError as e:
        s.cleanup()
        raise StartError(f"{e} (see {s.state}/output.log)")
    if t is None:
        rec["stops"].append(s.stop())
        raise StartError(f"not ready within {bench.args.startup_timeout} s after launch (see {s.state}/output.log)")
    rec[key] = t - t0
    rec[key + "_cpu_s"] = ticks_delta({}, s.tree_ticks()) / CLK_TCK
    return s


def stop(s, rec):
    if s.proc.poll() is None:
        rec["stops"].append(s.stop())
    else:
        rec["errors"].append(f"the tool had exited with code {s.proc.returncode}")
        s.cleanup()


def run_java(bench, name):
    """One tool on the java variant; a record for results["runs"]["<name>/java"]."""
    rec = {"tool": name, "variant": "java", "errors": [], "stops": [], "unavailable": None}
    tool = JAVA_TOOLS[name](bench)
    if tool.locate() is None:
        rec["errors"].append(f"{name} is not available (the plugin or the Maven wrapper is missing)")
        return rec
    try:
        tool.prepare()
    except BenchError as e:
        # a peer that cannot be built here (no network for its first download...) is reported, not fatal
        if name == "hotreload":
            rec["errors"].append(f"preparation: {e}")
        else:
            rec["unavailable"] = str(e).splitlines()[0]
            log(f"  {name}/java cannot run here: {e}")
        return rec
    rec["tool_version"] = tool.version()
    try:
        measure_change(bench, tool, rec)
    except StartError as e:
        if name == "hotreload":
            rec["errors"].append(f"main session: {e}")
        else:
            # a peer that never starts here is reported as such, like one that cannot be built
            rec["unavailable"] = f"did not start: {e}"
        log(f"  ERROR {name}/java: {e}")
    except BenchError as e:
        rec["errors"].append(f"main session: {e}")
        log(f"  ERROR {name}/java: {e}")
    if name == "hotreload":
        lib = JavaPresetReactor(bench)
        try:
            lib.prepare()
            measure_library(bench, lib, rec)
        except BenchError as e:
            rec["errors"].append(f"library session: {e}")
            log(f"  ERROR {name}/java (library): {e}")
    return rec


def measure_change(bench, tool, rec):
    a = bench.args
    ver0 = f"start-{random.randrange(1 << 30)}"
    tool.write_version(ver0)
    s = start(bench, tool, "main", lambda s: [(s.port, ver0)], rec, "startup")
    try:
        log(f"  {tool.name}/java: ready {ms(rec['startup'])} after launch")
        rec["latency"], rec["per_change"], rec["compile"] = [], [], s.compiles
        s.quiesce(1.0)
        c0, t_cpu0 = s.tree_ticks(), now()
        extra_cpu = 0.0
        for i in range(a.reps):
            bench.check_time()
            before = s.counts()
            ver = f"rep{i}-{random.randrange(1 << 30)}"
            t0 = now()
            tool.write_version(ver)
            extra_cpu += tool.after_write(s)
            t = wait_version(s.port, ver, a.change_timeout, s.proc, REQUEST_TIMEOUT)
            if t is None:
                raise BenchError(f"change {i} ({ver}) not served within {a.change_timeout} s")
            rec["latency"].append(t - t0)
            s.quiesce(a.gap)
            rec["per_change"].append([x - y for x, y in zip(s.counts(), before)])
        c1 = s.tree_ticks()
        rec["cpu_s"] = ticks_delta(c0, c1) / CLK_TCK + extra_cpu
        rec["cpu_window"] = now() - t_cpu0
        rec["rss_kb"], rec["processes"] = s.tree_rss()
        log(f"  {tool.name}/java: change -> new response median {ms(med(rec['latency']))}, "
            f"p90 {ms(pct(rec['latency'], 0.9))}; CPU {rec['cpu_s']:.2f} s over {a.reps} changes, "
            f"RSS {rec['rss_kb'] / 1024:.0f} MB; builds/starts per change {rec['per_change']}")
    finally:
        stop(s, rec)


def measure_library(bench, tool, rec):
    """The library case: a change of the library's text, until both services answer it."""
    a = bench.args
    ver0 = f"libstart-{random.randrange(1 << 30)}"
    tool.write_version(ver0)

    def both(v):
        return lambda s: [(s.port, f"hello {v}"), (s.port2, f"bye {v}")]

    s = start(bench, tool, "library", both(ver0), rec, "lib_startup")
    try:
        log(f"  {tool.name}/java library case: both services ready {ms(rec['lib_startup'])} after launch")
        rec["lib_latency"], rec["lib_per_change"] = [], []
        s.quiesce(1.0)
        for i in range(a.reps):
            bench.check_time()
            before = s.counts()
            ver = f"lib{i}-{random.randrange(1 << 30)}"
            t0 = now()
            tool.write_version(ver)
            t = wait_all(both(ver)(s), a.change_timeout, s.proc, REQUEST_TIMEOUT)
            if t is None:
                raise BenchError(f"library change {i} ({ver}) not served by both within {a.change_timeout} s")
            rec["lib_latency"].append(t - t0)
            s.quiesce(a.gap)
            rec["lib_per_change"].append([x - y for x, y in zip(s.counts(), before)])
        rec["lib_rss_kb"], rec["lib_processes"] = s.tree_rss()
        log(f"  {tool.name}/java library case: both serve the new text after median {ms(med(rec['lib_latency']))}, "
            f"p90 {ms(pct(rec['lib_latency'], 0.9))}; builds/starts per change {rec['lib_per_change']}")
    finally:
        stop(s, rec)
