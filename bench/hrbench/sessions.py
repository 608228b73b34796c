"""One tool's sessions on one service, and what is measured in them: start-up, idle CPU and RSS,
change-to-ready latency, storms, a change at first ready, and the clean stop."""

import os
import random
import re
import shutil
import signal
import subprocess
import time

from .baseline import maven_validate
from .common import BenchError, log, ms, now
from .editors import measure_editors
from .machine import loadavg
from .probe import wait_version
from .proctable import (CLK_TCK, alive, cmdline, comm, kill_pids, listening, proc_table, rss_kb, subtree,
                        thread_cpu_ns, threads_delta, ticks_delta)
from .services import build_exits, build_in_place, write_file
from .spawn import child_setup
from .stats import med, pct


class Session:
    """One run of one tool on one variant, from launch to SIGINT."""

    def __init__(self, bench, tool, variant, phase, budget):
        self.bench = bench
        self.tool = tool
        self.variant = variant
        self.phase = phase
        self.budget = budget
        self.port = bench.next_port()
        self.state = bench.work / "state" / f"{tool.name}-{variant.name}-{phase}"
        if self.state.exists():
            shutil.rmtree(self.state)
        self.state.mkdir(parents=True)
        self.starts = self.state / "starts"
        self.builds = self.state / "builds"
        self.starts.touch()
        self.builds.touch()
        self.proc = None
        self.logf = None
        self.seen = {}  # pid -> start time of every process seen in the watcher's tree
        self.extra_services = []  # our plugin: more <service>s next to the variant's (element lines each)

    def env(self):
        return self.bench.env(self.port, self.starts, self.builds)

    def launch(self):
        argv, cwd, stdin = self.tool.command(self)
        self.logf = open(self.state / "output.log", "w")
        self.logf.write("$ " + " ".join(argv) + f"\n(cwd {cwd})\n")
        self.logf.flush()
        t = now()
        stdin_f = open(stdin) if stdin else subprocess.DEVNULL
        try:
            self.proc = subprocess.Popen(
                argv, cwd=cwd, env=self.env(), stdin=stdin_f, stdout=self.logf, stderr=subprocess.STDOUT,
                start_new_session=True, preexec_fn=child_setup)
        finally:
            if stdin:
                stdin_f.close()
        self.bench.sessions.append(self)
        return t

    def counts(self):
        return (len(self.builds.read_text().splitlines()), len(self.starts.read_text().splitlines()))

    def server_pids(self):
        pids = []
        for line in self.starts.read_text().splitlines():
            try:
                pids.append(int(line.split()[0]))
            except (ValueError, IndexError):
                pass
        return pids

    def remember(self, table=None):
        table = table or proc_table()
        if self.proc is None:
            return table
        for pid in subtree(self.proc.pid, table):
            self.seen.setdefault(pid, table[pid]["start"])
        return table

    def tool_pids(self, table):
        """The watcher and its descendants, less the service (the server and its descendants)."""
        tree = subtree(self.proc.pid, table)
        service = set()
        for sp in self.server_pids():
            if sp in tree:
                service |= subtree(sp, table)
        return tree - service

    def cpu_ticks(self, table):
        pids = self.tool_pids(table)
        return {p: (table[p]["start"], table[p]["cpu"] + table[p]["ccpu"]) for p in pids}

    def cpu_threads(self, table):
        """{(pid, start): {tid: ns}} of the tool's processes, at nanosecond precision."""
        return {(p, table[p]["start"]): thread_cpu_ns(p) for p in self.tool_pids(table)}

    def rss(self):
        table = proc_table()
        return sum(rss_kb(p) for p in self.tool_pids(table))

    def check_alive(self):
        if self.proc.poll() is not None:
            raise BenchError(f"the watcher exited with code {self.proc.returncode}; see {self.state}/output.log")

    def quiesce(self, min_gap, stable=0.7, timeout=15.0):
        """Waits min_gap, then until no build or start was counted for `stable` seconds."""
        time.sleep(min_gap)
        deadline = now() + timeout
        last = self.counts()
        since = now()
        while now() < deadline:
            time.sleep(0.1)
            c = self.counts()
            if c != last:
                last, since = c, now()
            elif now() - since >= stable:
                return
        self.check_alive()

    def stop(self):
        """SIGINT to the watcher, then: did it exit, is any process it had alive, is the port bound."""
        table = self.remember()
        for sp in self.server_pids():
            if sp in table:
                self.seen.setdefault(sp, table[sp]["start"])
        watcher = self.proc.pid
        t0 = now()
        try:
            os.kill(watcher, signal.SIGINT)
        except OSError:
            pass
        exited = True
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            exited = False
        took = now() - t0
        others = [(p, s) for p, s in self.seen.items() if p != watcher]
        alive_now = [p for p, s in others if alive(p, s)]
        described = {p: f"{p} {comm(p)}: {cmdline(p)}" for p in alive_now}
        bound_now = listening(self.port)
        time.sleep(1.0)
        alive_later = [p for p, s in others if alive(p, s)]
        bound_later = listening(self.port)
        rec = {"exited": exited, "seconds": round(took, 3), "exit_code": self.proc.returncode,
               "alive_at_exit": [described[p] for p in alive_now], "port_bound_at_exit": bound_now,
               "alive_after_1s": [f"{p} {comm(p)}" for p in alive_later], "port_bound_after_1s": bound_later,
               "processes": len(self.seen)}
        rec["clean"] = exited and not alive_now and not bound_now and not alive_later and not bound_later
        self.cleanup()
        return rec

    def cleanup(self):
        """Kills whatever is left, by pid: the watcher's process group and every process seen."""
        if self.proc is not None:
            if self.proc.poll() is None:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except OSError:
                    pass
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
            kill_pids(self.seen.items())
        if self.logf:
            self.logf.close()
            self.logf = None
        if self in self.bench.sessions:
            self.bench.sessions.remove(self)


def run_tool(bench, tool, v, baseline, latency_reps=None, storm_reps=None):
    """A tool's first (or only) pass on v: session A and, with --large-tree, session B."""
    rec = {"tool": tool.name, "variant": v.name, "errors": [], "stops": []}
    if tool.name == "hotreload":
        rec["quiet"] = tool.delay(v)  # the quiet period this run configured, for --report-from later
    a = bench.args
    # session A: tree of `small` files: start-up, idle, latency, storm
    try:
        session_main(bench, tool, v, rec, baseline, latency_reps, storm_reps)
    except BenchError as e:
        rec["errors"].append(f"main session: {e}")
        log(f"  ERROR {tool.name}/{v.name}: {e}")
    # session B: tree of `large` files: start-up, one change
    if a.large_tree > 0 and "standard" in a.scenarios:
        try:
            session_large(bench, tool, v, rec)
        except BenchError as e:
            rec["errors"].append(f"large-tree session: {e}")
            log(f"  ERROR {tool.name}/{v.name} (large tree): {e}")
    return rec


def second_pass(bench, tool, v, rec, latency_reps, storm_reps):
    """A tool's second pass on v (see `passes`), its errors noted in rec as session A's are."""
    try:
        session_second(bench, tool, v, rec, latency_reps, storm_reps)
    except BenchError as e:
        rec["errors"].append(f"second pass: {e}")
        log(f"  ERROR {tool.name}/{v.name} (second pass): {e}")


def start_session(bench, tool, v, phase, tree, rec, key, extra_services=(), maven_reference=True):
    """Launches tool on v with a tree of `tree` files and waits until it serves; rec[key] = the start-up.
    extra_services: more <service>s for our plugin's POM; maven_reference: measure Maven alone first."""
    bench.check_time()
    bench.area.place_tree(v, tree)
    ver = f"{phase}-start-{random.randrange(1 << 30)}"
    v.write_version(ver)
    bench.area.warm_build(v)
    budget = min(bench.time_left(), 1800)
    s = Session(bench, tool, v, phase, budget)
    s.extra_services = [list(x) for x in extra_services]
    if tool.name == "hotreload" and maven_reference:
        # Maven's own start-up right before ours, on the same POM
        tool.command(s)
        rec[f"maven_alone_{key}"] = maven_validate(bench, tool.pom_path(s))
    rec.setdefault("loadavg", []).append(loadavg().split()[0])
    t0 = s.launch()
    try:
        t = wait_version(s.port, ver, bench.args.startup_timeout, s.proc, starts=s.starts)
    except BenchError:
        s.cleanup()
        bench.area.restore_tree(v)
        raise
    if t is None:
        rec["stops"].append(s.stop())
        bench.area.restore_tree(v)
        raise BenchError(f"not ready within {bench.args.startup_timeout} s after launch "
                         f"(see {s.state}/output.log)")
    rec[key] = t - t0
    s.remember()
    if tool.name == "hotreload":
        rec["watcher_comm"] = comm(s.proc.pid)
    s.key = key
    return s


def session_main(bench, tool, v, rec, baseline, latency_reps=None, storm_reps=None):
    """Session A: start-up, idle, latency and storms (latency_reps and storm_reps of them; default
    --reps and --storm-reps: the first pass's share when the run has two), editor saves."""
    a = bench.args
    s = start_session(bench, tool, v, "main", a.small_tree, rec, "startup_small")
    try:
        log(f"  {tool.name}/{v.name}: ready {ms(rec['startup_small'])} after launch "
            f"({a.small_tree} files in the tree)")
        if "standard" in a.scenarios:
            measure_idle(s, a, rec)
            measure_latency(bench, s, rec, reps=latency_reps)
            measure_storm(bench, s, rec, reps=storm_reps)
        if "editors" in a.scenarios and v.name in a.editor_variants:
            measure_editors(bench, s, rec, a.editor_saves, a.editor_reps)
    finally:
        end_session(bench, s, v, rec)


def session_second(bench, tool, v, rec, latency_reps, storm_reps):
    """The second pass's share of a tool's latency changes and storms, in a session of its own on
    the same tree as session A; appended to what session A measured."""
    a = bench.args
    s = start_session(bench, tool, v, "second", a.small_tree, rec, "startup_second", maven_reference=False)
    try:
        log(f"  {tool.name}/{v.name}: second pass, ready {ms(rec['startup_second'])} after launch")
        measure_latency(bench, s, rec, reps=latency_reps)
        measure_storm(bench, s, rec, reps=storm_reps)
    finally:
        end_session(bench, s, v, rec)


def end_session(bench, s, v, rec):
    """Stops the tool (or notes that it had exited), keeps what our plugin printed, puts the tree back."""
    if s.proc.poll() is None:
        rec["stops"].append(s.stop())
    else:
        rec["errors"].append(f"the watcher had exited with code {s.proc.returncode}")
        s.cleanup()
    note_plugin_output(s, rec)
    bench.area.restore_tree(v)


def measure_idle(s, a, rec):
    """Idle: settle, then the CPU time of the tool's processes over the window, and RSS at its end."""
    tool, v = s.tool, s.variant
    settle_start = now()
    time.sleep(a.settle_min)
    prev = s.cpu_ticks(proc_table())
    prev_t = now()
    while now() - settle_start < a.settle_max:
        time.sleep(1.0)
        table = s.remember()
        cur = s.cpu_ticks(table)
        used = ticks_delta(prev, cur)
        if now() - prev_t >= 2.0:
            if used / CLK_TCK / (now() - prev_t) < 0.01:
                break
            prev, prev_t = cur, now()
    rec["settle"] = now() - settle_start
    s.check_alive()
    b0 = s.counts()
    table = s.remember()
    c0, n0, t0 = s.cpu_ticks(table), s.cpu_threads(table), now()
    time.sleep(a.idle_seconds)
    table = s.remember()
    c1, n1, t1 = s.cpu_ticks(table), s.cpu_threads(table), now()
    rec["idle_window"] = t1 - t0
    # clock ticks (10 ms) from /proc/<pid>/stat, complete but coarse
    rec["idle_cpu_ms_ticks"] = ticks_delta(c0, c1) * 1000 / CLK_TCK
    # per-thread schedstat (ns); a thread that ended during the window is counted from stat only
    ns, gone = threads_delta(n0, n1)
    rec["idle_threads_ended"] = gone
    rec["idle_cpu_ms"] = ns / 1e6 if gone == 0 else max(ns / 1e6, rec["idle_cpu_ms_ticks"])
    rec["idle_pct"] = rec["idle_cpu_ms"] / 1000 / (t1 - t0) * 100
    rec["rss_kb"] = s.rss()
    rec["tool_processes"] = sorted(f"{p} {comm(p)}" for p in s.tool_pids(table))
    rec["idle_counts"] = [x - y for x, y in zip(s.counts(), b0)]
    log(f"  {tool.name}/{v.name}: idle {rec['idle_pct']:.3f} % of a core ({rec['idle_cpu_ms']:.1f} ms CPU) "
        f"over {rec['idle_window']:.0f} s "
        f"(settled {rec['settle']:.1f} s), RSS {rec['rss_kb'] / 1024:.0f} MB")
    s.check_alive()


def measure_latency(bench, s, rec, reps=None, say=True):
    """Change-to-ready latency over `reps` (default --reps) changes of the main source, and builds/starts
    per change, appended to what rec holds already; say: log the figures of these changes."""
    a, tool, v = bench.args, s.tool, s.variant
    lat, per_change = rec.setdefault("latency", []), rec.setdefault("per_change", [])
    first = len(lat)
    s.quiesce(0.5)
    for i in range(a.reps if reps is None else reps):
        bench.check_time()
        c_before = s.counts()
        ver = f"rep{i}-{random.randrange(1 << 30)}"
        t0_ns = time.time_ns()
        t0 = now()
        v.write_version(ver)
        t = wait_version(s.port, ver, a.change_timeout, s.proc, starts=s.starts)
        if t is None:
            raise BenchError(f"change {i} ({ver}) not served within {a.change_timeout} s")
        lat.append(t - t0)
        rec.setdefault("build_in_place", []).append(build_in_place(v, s.builds, t0_ns))
        s.quiesce(a.gap)
        c_after = s.counts()
        per_change.append([x - y for x, y in zip(c_after, c_before)])
    if say and len(lat) > first:
        log(f"  {tool.name}/{v.name}: latency median {ms(med(lat[first:]))}, "
            f"p90 {ms(pct(lat[first:], 0.9))}; builds/starts per change {per_change[first:]}")


def measure_storm(bench, s, rec, reps=None):
    """Storms (`reps`, default --storm-reps): every storm file and then the main source rewritten in
    one burst; appended to what rec holds already."""
    a, tool, v = bench.args, s.tool, s.variant
    storms = rec.setdefault("storm", [])
    first = len(storms)
    storm_dir = v.svc / v.storm_dir
    names = sorted(storm_dir.iterdir())
    for r in range(first, first + (a.storm_reps if reps is None else reps)):
        bench.check_time()
        s.quiesce(1.0)
        c0, e0 = s.counts(), len(build_exits(s.builds))
        ver = f"storm{r}-{random.randrange(1 << 30)}"
        tag = random.randrange(1 << 30)
        t0_ns = time.time_ns()
        t0 = now()
        for n, p in enumerate(names):
            write_file(p, f"{v.storm_header} {n} {tag}\n")
        v.write_version(ver)
        t1 = now()
        t = wait_version(s.port, ver, a.change_timeout, s.proc, starts=s.starts)
        if t is None:
            raise BenchError(f"storm {r}: final version not served within {a.change_timeout} s")
        bip = build_in_place(v, s.builds, t0_ns)
        s.quiesce(a.storm_observe, stable=1.0, timeout=30)
        c1, exits = s.counts(), build_exits(s.builds)[e0:]
        storms.append({"files": len(names) + 1, "burst": t1 - t0, "served_after_burst": t - t1,
                             "served_after_first_write": t - t0,
                             "builds": c1[0] - c0[0], "starts": c1[1] - c0[1], "build_in_place": bip,
                             "completed": len(exits), "failed": sum(1 for x in exits if x != 0)})
    if len(storms) > first:
        log(f"  {tool.name}/{v.name}: storm " + "; ".join(
            f"{x['builds']} build(s), {x['starts']} start(s), served {ms(x['served_after_burst'])} after the burst"
            for x in storms[first:]))


def note_plugin_output(s, rec):
    """What our plugin itself printed: its own ready time (from the start of its session)."""
    if s.tool.name != "hotreload":
        return
    try:
        text = (s.state / "output.log").read_text()
    except OSError:
        return
    m = re.search(r"ready in (\S+ \S+)", text)
    rec[f"plugin_says_{s.key}"] = m.group(1) if m else None
    rec.setdefault("plugin_reloads", []).extend(re.findall(r"reloaded \(.*", text))


def session_large(bench, tool, v, rec):
    a = bench.args
    s = start_session(bench, tool, v, "large", a.large_tree, rec, "startup_large")
    try:
        log(f"  {tool.name}/{v.name}: ready {ms(rec['startup_large'])} after launch ({a.large_tree} files)")
        # a change written the moment the service is first ready: is the tool already watching?
        ver = f"large-{random.randrange(1 << 30)}"
        t0 = now()
        v.write_version(ver)
        t = wait_version(s.port, ver, a.first_change_timeout, s.proc, starts=s.starts)
        rec["first_change_large"] = None if t is None else t - t0
        log(f"  {tool.name}/{v.name}: a change written at first ready was "
            + (f"served after {ms(t - t0)}" if t is not None else f"not served within {a.first_change_timeout} s"))
        rec["rss_large_kb"] = s.rss()
    finally:
        end_session(bench, s, v, rec)

# -- everything
