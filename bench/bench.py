#!/usr/bin/env python3
"""Benchmark of hotreload-maven-plugin against air, cargo-watch, watchexec, nodemon and entr.

Run it with bench/run (see bench/README.md). Standard library only. Every server listens on
127.0.0.1 only; every loop is bounded in count and time; every process started is stopped.
"""

import argparse
import ctypes
import datetime
import fcntl
import http.client
import json
import os
import platform
import random
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
TOOLS_DIR = BENCH / "tools"
TEMPLATES = BENCH / "templates"
CLK_TCK = os.sysconf("SC_CLK_TCK")
PLUGIN = ("io.github.hotreload", "hotreload-maven-plugin", "0.1.0-SNAPSHOT")
ALL_TOOLS = ["hotreload", "air", "cargo-watch", "watchexec", "nodemon", "entr"]
ALL_VARIANTS = ["none", "go", "rust"]
PEERS_FOR_SMOKE = ["entr", "watchexec", "nodemon", "air", "cargo-watch"]
POLL = 0.005  # HTTP poll interval while waiting for a version, seconds


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def now():
    return time.monotonic()


class BenchError(Exception):
    """A measurement could not be made (the tool did not start, never served a version...)."""


# ---------------------------------------------------------------------------------------------
# processes, /proc


def read_stat(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read().decode("latin-1")
    except OSError:
        return None
    r = data.rindex(")")
    fields = data[r + 2:].split()
    return {
        "state": fields[0],
        "ppid": int(fields[1]),
        "cpu": int(fields[11]) + int(fields[12]),  # utime + stime, clock ticks
        "ccpu": int(fields[13]) + int(fields[14]),  # of reaped children
        "start": int(fields[19]),
    }


def proc_table():
    table = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            s = read_stat(int(name))
            if s is not None:
                table[int(name)] = s
    return table


def subtree(root, table):
    """root and all its descendants (by parent pid) that are in the table."""
    children = {}
    for pid, s in table.items():
        children.setdefault(s["ppid"], []).append(pid)
    out, todo = set(), [root]
    while todo:
        p = todo.pop()
        if p in out or p not in table:
            continue
        out.add(p)
        todo.extend(children.get(p, []))
    return out


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def comm(pid):
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def cmdline(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")[:60].strip()
    except OSError:
        return "?"


def alive(pid, start=None):
    s = read_stat(pid)
    return s is not None and s["state"] not in ("Z", "X") and (start is None or s["start"] == start)


def listening(port):
    """Whether anything listens on the TCP port (IPv4 or IPv6), from /proc/net."""
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if len(parts) > 3 and parts[3] == "0A" and int(parts[1].rsplit(":", 1)[1], 16) == port:
                return True
    return False


def kill_pids(pids_with_start, sig=signal.SIGKILL):
    for pid, start in pids_with_start:
        if alive(pid, start):
            try:
                os.kill(pid, sig)
            except OSError:
                pass


_libc = None


def child_setup():
    """In every process the bench starts: die with the bench, allow many open files (entr
    opens every file it watches; the machine's default hard limit is 20000), and take SIGINT,
    SIGQUIT and SIGHUP as a terminal gives them. A shell that starts the bench in the background
    (`bench/run &`, nohup) hands it these signals ignored, children inherit that, and a JVM (like
    most programs) then never installs its Ctrl-C handler: every tool would look as if it
    ignored Ctrl-C."""
    global _libc
    for sig in (signal.SIGINT, signal.SIGQUIT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    try:
        if _libc is None:
            _libc = ctypes.CDLL("libc.so.6", use_errno=True)
        _libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = 1048576
        if hard != resource.RLIM_INFINITY and hard < want and os.geteuid() == 0:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, want))
        else:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ValueError, OSError):
        pass


def fetch(port, timeout=1.0):
    """The body of GET http://127.0.0.1:port/, or None."""
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            c.request("GET", "/")
            r = c.getresponse()
            body = r.read().decode("utf-8", "replace")
            return body if r.status == 200 else None
        finally:
            c.close()
    except (OSError, http.client.HTTPException):
        return None


def wait_version(port, version, timeout, proc=None):
    """Polls every POLL s until the server answers `version`; returns the monotonic time it did."""
    deadline = now() + timeout
    while now() < deadline:
        if fetch(port, timeout=1.0) == version:
            return now()
        if proc is not None and proc.poll() is not None:
            raise BenchError(f"the watcher exited with code {proc.returncode} before serving {version}")
        time.sleep(POLL)
    return None


def write_file(path, text):
    """An in-place rewrite, as most editors' plain save: truncate and write in one call."""
    fd = os.open(path, os.O_WRONLY | os.O_TRUNC | os.O_CREAT, 0o644)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def build_starts(path, since_ns):
    """Start times (ns, wall clock) of the builds counted in a counter file since since_ns."""
    out = []
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return out
    for line in lines:
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) >= since_ns:
            out.append(int(parts[1]))
    return out


def build_in_place(v, counter, since_ns):
    """How long the build that wrote the current binary took: from the wrapper's start to the
    binary's modification time. None without a build, or when it cannot be told."""
    if not v.output:
        return None
    try:
        end = os.stat(v.svc / v.output).st_mtime_ns
    except OSError:
        return None
    starts = [t for t in build_starts(counter, since_ns) if t <= end]
    return (end - max(starts)) / 1e9 if starts else None


def thread_cpu_ns(pid):
    """{tid: ns on CPU} from /proc/<pid>/task/*/schedstat (nanosecond precision)."""
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                out[int(tid)] = int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return out


def pct(values, q):
    v = sorted(values)
    if not v:
        return None
    k = (len(v) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def med(values):
    return statistics.median(values) if values else None


# ---------------------------------------------------------------------------------------------
# services


class Variant:
    def __init__(self, name, ext, version_file, storm_dir, tree_parent, build, run, out_dir, preset,
                 storm_header):
        self.name = name
        self.ext = ext
        self.version_file = version_file
        self.storm_dir = storm_dir
        self.tree_parent = tree_parent
        self.build = build  # the real build command, or None
        self.run = run
        self.out_dir = out_dir
        self.preset = preset
        self.storm_header = storm_header
        self.svc = None  # set by Bench
        self.output = run.split()[0] if build else None  # the binary the build writes
        self.wrapper = None  # build wrapper path (counts builds), or None

    def shell_command(self):
        """build && run, as a peer runs it in restart mode."""
        return f"{self.wrapper} && exec {self.run}" if self.wrapper else f"exec {self.run}"

    def source(self, version):
        return (TEMPLATES / self.name / self.version_file).read_text().replace("@VERSION@", version)

    def write_version(self, version):
        write_file(self.svc / self.version_file, self.source(version))


VARIANTS = {
    # the real interpreter, not a version manager's shim (pyenv's adds ~100 ms to every start)
    "none": Variant("none", "py", "server.py", "gen", ".", None, f"{os.path.realpath(sys.executable)} server.py",
                    None, "exec", "# storm"),
    "go": Variant("go", "go", "main.go", "gen", ".", "go build -o ./tmp/main .", "./tmp/main", "tmp", "go",
                  "package gen\n\n// storm"),
    "rust": Variant("rust", "rs", "src/main.rs", "src/gen", "src", "cargo build", "./target/debug/benchsvc",
                    "target", "cargo", "// storm"),
}

TREE_HEADER = {"py": "# tree file {i}\n", "go": "package t\n\n// tree file {i}\n", "rs": "// tree file {i}\n"}


# ---------------------------------------------------------------------------------------------
# tools


def on_path(name, extra_dirs=()):
    for d in list(extra_dirs) + os.environ.get("PATH", "").split(os.pathsep):
        p = Path(d) / name
        if p.is_file() and os.access(p, os.X_OK):
            return p
    return None


def gobin():
    gb = os.environ.get("GOBIN")
    if gb:
        return Path(gb)
    gp = os.environ.get("GOPATH") or str(Path.home() / "go")
    return Path(gp.split(os.pathsep)[0]) / "bin"


EXTRA_BIN = [TOOLS_DIR / "bin", TOOLS_DIR / "cargo" / "bin", TOOLS_DIR / "npm" / "node_modules" / ".bin",
             Path.home() / ".cargo" / "bin", gobin()]


class Tool:
    name = ""
    binary = ""
    debounce = ""  # the peer's default quiet period, as documented by the tool
    quiet = 0.0  # seconds subtracted from the overhead (our plugin's configured quiet period only)

    def locate(self):
        return on_path(self.binary, EXTRA_BIN)

    def install_command(self):
        return None

    def command(self, s):
        """(argv, cwd, stdin path or None) for session s."""
        raise NotImplementedError

    def version(self):
        return "?"


def run_text(argv, timeout=30, **kw):
    try:
        r = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL, **kw)
        return (r.stdout + r.stderr).strip()
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"? ({e})"


class Hotreload(Tool):
    name = "hotreload"
    binary = "mvnw"
    debounce = "delay: exec/cargo 300 ms, go 1000 ms"

    def __init__(self, bench):
        self.bench = bench

    def locate(self):
        jar = self.bench.plugin_jar()
        return self.bench.mvnw if jar.is_file() and self.bench.mvnw.is_file() else None

    def delay(self, v):
        if self.bench.args.hotreload_delay is not None:
            return self.bench.args.hotreload_delay / 1000.0
        return 1.0 if v.preset == "go" else 0.3

    def version(self):
        return f"{':'.join(PLUGIN)} (Maven wrapper {self.bench.maven_version()})"

    def pom(self, s):
        v = s.variant
        # the POM lives in bench/work/svc/, the project directory that holds the service's folder
        parts = [f"<name>svc</name>", f"<directory>{v.svc.name}</directory>", f"<preset>{v.preset}</preset>"]
        if v.name == "none":
            parts.append(f"<extensions><extension>{v.ext}</extension></extensions>")
            parts.append(f"<run>{v.run}</run>")
        if v.wrapper:
            parts.append(f"<build>{v.wrapper}</build>")
        if self.bench.args.hotreload_delay is not None:
            parts.append(f"<delay>{self.bench.args.hotreload_delay}ms</delay>")
        parts.append(f"<readyUrl>http://127.0.0.1:{s.port}/</readyUrl>")
        service = "\n              ".join(parts)
        g, a, ver = PLUGIN
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>bench-{v.name}</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>{g}</groupId>
        <artifactId>{a}</artifactId>
        <version>{ver}</version>
        <configuration>
          <services>
            <service>
              {service}
            </service>
          </services>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
"""

    def pom_path(self, s):
        return s.variant.svc.parent / f"hotreload-{s.variant.name}.pom.xml"

    def command(self, s):
        pom = self.pom_path(s)
        pom.write_text(self.pom(s))
        (s.state / "pom.xml").write_text(self.pom(s))  # a copy next to the session's output
        argv = self.bench.maven_argv(pom) + ["hotreload:watch", f"-Dhotreload.maxDuration={int(s.budget)}s"]
        return argv, pom.parent, None


class Air(Tool):
    name = "air"
    binary = "air"
    debounce = "delay 1000 ms"

    def install_command(self):
        return ["go", "install", "github.com/air-verse/air@latest"], {"GOBIN": str(TOOLS_DIR / "bin")}

    def version(self):
        out = run_text([str(self.locate()), "-v"])
        m = re.search(r"v\d+\.\d+\.\d+", out)
        return m.group(0) if m else out[:40]

    def command(self, s):
        v = s.variant
        lines = [f'root = "{v.svc}"', 'tmp_dir = "tmp"', "", "[build]",
                 f'cmd = "{v.wrapper or "true"}"']
        lines.append("entrypoint = [" + ", ".join(f'"{w}"' for w in shlex_split(v.run)) + "]")
        lines.append(f'include_ext = ["{v.ext}"]' if v.ext != "go" else
                     'include_ext = ["go", "tpl", "tmpl", "html"]')
        excl = ["assets", "tmp", "vendor", "testdata"] + (["target"] if v.name == "rust" else [])
        lines.append("exclude_dir = [" + ", ".join(f'"{d}"' for d in excl) + "]")
        cfg = s.state / "air.toml"
        cfg.write_text("\n".join(lines) + "\n")
        return [str(self.locate()), "-c", str(cfg)], v.svc, None


class CargoWatch(Tool):
    name = "cargo-watch"
    binary = "cargo-watch"
    debounce = "delay 500 ms"

    def install_command(self):
        return ["cargo", "install", "--locked", "--root", str(TOOLS_DIR / "cargo"), "cargo-watch"], {}

    def version(self):
        return run_text([str(self.locate()), "watch", "--version"]).replace("cargo-watch ", "")

    def command(self, s):
        # `cargo watch` as users type it; cargo hands over to cargo-watch with exec
        return ["cargo", "watch", "-s", s.variant.shell_command()], s.variant.svc, None


class Watchexec(Tool):
    name = "watchexec"
    binary = "watchexec"
    debounce = "debounce 50 ms"

    def install_command(self):
        return ["cargo", "install", "--locked", "--root", str(TOOLS_DIR / "cargo"), "watchexec-cli"], {}

    def version(self):
        return run_text([str(self.locate()), "--version"]).splitlines()[0].replace("watchexec ", "")

    def command(self, s):
        v = s.variant
        return ([str(self.locate()), "-r", "--project-origin", ".", "-e", v.ext, "--", v.shell_command()],
                v.svc, None)


class Nodemon(Tool):
    name = "nodemon"
    binary = "nodemon"
    debounce = "no delay"

    def install_command(self):
        return ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(TOOLS_DIR / "npm"), "nodemon"], {}

    def version(self):
        return run_text([str(self.locate()), "--version"])

    def command(self, s):
        v = s.variant
        # SIGTERM like every other tool: nodemon's default SIGUSR2 is ignored by Go programs, so the
        # old server would never stop
        argv = [str(self.locate()), "-e", v.ext, "--signal", "SIGTERM"]
        if v.out_dir:
            argv += ["--ignore", f"{v.out_dir}/"]
        argv += ["--exec", v.shell_command()]
        return argv, v.svc, None


class Entr(Tool):
    name = "entr"
    binary = "entr"
    debounce = "no delay"

    def install_command(self):
        if os.geteuid() != 0:
            return None
        return ["sh", "-c", "apt-get install -y entr || (apt-get update && apt-get install -y entr)"], {
            "DEBIAN_FRONTEND": "noninteractive"}

    def version(self):
        out = run_text(["dpkg-query", "-W", "-f", "${Version}", "entr"])
        return out if out and not out.startswith("?") and "no packages" not in out else "?"

    def command(self, s):
        v = s.variant
        files = s.state / "entr-files.txt"
        with open(files, "w") as f:
            for p in sorted(watched_files(v)):
                f.write(f"{p}\n")
        return [str(self.locate()), "-r", "-n", "sh", "-c", v.shell_command()], v.svc, files


def watched_files(v):
    """The files a user would list for entr: sources with the variant's extension."""
    skip = {".git", "tmp", "target"}
    for root, dirs, files in os.walk(v.svc):
        dirs[:] = [d for d in dirs if d not in skip]
        for f in files:
            if f.endswith("." + v.ext):
                yield os.path.relpath(os.path.join(root, f), v.svc)


# ---------------------------------------------------------------------------------------------
# a watcher session


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


# ---------------------------------------------------------------------------------------------
# the benchmark


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = Path(args.work_dir).resolve()
        self.mvnw = Path(args.mvnw).resolve()
        self.sessions = []
        self.servers = []  # plain-script servers: Popen
        self.port = args.base_port
        self.deadline = now() + args.max_minutes * 60
        self.results = {"meta": {}, "baseline": {}, "maven": {}, "runs": {}, "errors": []}
        self.tools = {"hotreload": Hotreload(self), "air": Air(), "cargo-watch": CargoWatch(),
                      "watchexec": Watchexec(), "nodemon": Nodemon(), "entr": Entr()}
        self.variants = [VARIANTS[v] for v in args.variants]
        for v in VARIANTS.values():
            v.svc = self.work / "svc" / v.name

    # -- environment

    def env(self, port, starts, builds):
        e = dict(os.environ)
        e["PATH"] = os.pathsep.join(str(d) for d in EXTRA_BIN if d.is_dir()) + os.pathsep + e.get("PATH", "")
        e.update({
            "BENCH_PORT": str(port), "BENCH_STARTS": str(starts), "BENCH_BUILDS": str(builds),
            "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1", "CARGO_TERM_COLOR": "never",
            "NO_COLOR": "1", "GOFLAGS": "-buildvcs=false", "GOTOOLCHAIN": "local",
        })
        if self.args.maven_opts is not None:
            e["MAVEN_OPTS"] = self.args.maven_opts
        return e

    def next_port(self):
        for _ in range(200):
            self.port += 1
            if not listening(self.port):
                return self.port
        raise BenchError("no free port found")

    def maven_repo(self):
        if self.args.maven_repo:
            return Path(self.args.maven_repo).resolve()
        # Maven's default follows Java's user.home, which comes from the password database and
        # not from $HOME; the two differ in some containers and CI jobs
        try:
            import pwd
            home = Path(pwd.getpwuid(os.getuid()).pw_dir)
        except (ImportError, KeyError):
            home = Path.home()
        return home / ".m2" / "repository"

    def plugin_jar(self):
        g, a, v = PLUGIN
        return self.maven_repo().joinpath(*g.split("."), a, v, f"{a}-{v}.jar")

    def maven_argv(self, pom):
        argv = [str(self.mvnw), "-q", "-B", "-o", "-f", str(pom)]
        if self.args.maven_repo:
            argv.append(f"-Dmaven.repo.local={self.maven_repo()}")
        return argv

    def maven_version(self):
        props = self.mvnw.parent / ".mvn" / "wrapper" / "maven-wrapper.properties"
        try:
            m = re.search(r"apache-maven-([\d.]+)", props.read_text())
            return m.group(1) if m else "?"
        except OSError:
            return "?"

    def time_left(self):
        return self.deadline - now()

    def check_time(self):
        if self.time_left() <= 0:
            raise BenchError(f"the run's time limit (--max-minutes {self.args.max_minutes}) is used up")

    # -- preparation

    def build_plugin(self):
        src = Path(self.args.build_plugin).resolve()
        argv = [str(src / "mvnw"), "-q", "-B", "install", "-DskipTests", "-Dinvoker.skip"]
        if self.args.maven_repo:
            argv.append(f"-Dmaven.repo.local={self.maven_repo()}")
        log(f"building the plugin: {' '.join(argv)} (in {src})")
        r = subprocess.run(argv, cwd=src, stdin=subprocess.DEVNULL, timeout=1200)
        if r.returncode != 0:
            raise BenchError("building the plugin failed")

    def start_installs(self, tools):
        """Installs missing peers in the background; returns {tool: Popen}."""
        logs = TOOLS_DIR / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        procs = {}
        cargo_queue = []
        for name in tools:
            t = self.tools[name]
            if t.locate() is not None or name == "hotreload":
                continue
            spec = t.install_command()
            if spec is None:
                log(f"{name} is missing and cannot be installed here (see bench/README.md)")
                continue
            argv, extra = spec
            if argv[0] == "cargo":
                cargo_queue.append((name, argv, extra))  # one cargo install at a time: 2 cores
                continue
            procs[name] = self._spawn_install(name, argv, extra, logs)
        if cargo_queue:
            # run sequentially, each with its own log; failure of one does not stop the next
            script = " ; ".join(" ".join(a) + f" >{logs}/{n}.log 2>&1" for n, a, _ in cargo_queue)
            for n, _, _ in cargo_queue:
                log(f"installing {n} in the background (log: {logs}/{n}.log)")
            p = subprocess.Popen(["sh", "-c", script], stdin=subprocess.DEVNULL, env=self.env(0, "", ""),
                                 start_new_session=True, preexec_fn=child_setup)
            for n, _, _ in cargo_queue:
                procs[n] = p
        return procs

    def _spawn_install(self, name, argv, extra, logs):
        log(f"installing {name} in the background: {' '.join(argv)} (log: {logs}/{name}.log)")
        env = self.env(0, "", "")
        env.update(extra)
        return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=open(logs / f"{name}.log", "w"),
                                stderr=subprocess.STDOUT, env=env, start_new_session=True,
                                preexec_fn=child_setup)

    def wait_installs(self, procs):
        waited = set()
        for name, p in procs.items():
            if id(p) in waited:
                continue
            waited.add(id(p))
            timeout = max(60, min(3600, self.time_left()))
            log(f"waiting for installs to finish ({name}...)")
            try:
                p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        for name in procs:
            log(f"{name}: {'installed' if self.tools[name].locate() else 'NOT installed (see bench/tools/logs)'}")

    def prepare_variant(self, v):
        """Generates the service from its template, its storm files, and a build wrapper. Build
        output (tmp/, target/) is kept between tools, so that no tool pays for a cold build."""
        svc = v.svc
        self.restore_tree(v)
        if svc.exists():
            for child in svc.iterdir():
                if child.name not in (".git", "tmp", "target"):
                    shutil.rmtree(child) if child.is_dir() else child.unlink()
        svc.mkdir(parents=True, exist_ok=True)
        shutil.copytree(TEMPLATES / v.name, svc, dirs_exist_ok=True)
        v.write_version("v0")
        storm = svc / v.storm_dir
        storm.mkdir(parents=True, exist_ok=True)
        for i in range(self.args.storm_files):
            write_file(storm / f"s{i:04d}.{v.ext}", f"{v.storm_header} {i} initial\n")
        # its own git repository, as a real project, so that watchexec and cargo-watch read its
        # .gitignore and not the bench's (which ignores bench/work/ as a whole)
        (svc / ".gitignore").write_text("tmp/\ntarget/\n")
        if not (svc / ".git").is_dir():
            subprocess.run(["git", "init", "-q", str(svc)], check=True, stdin=subprocess.DEVNULL)
        if v.name != "rust":
            # cargo-watch runs only in a Cargo project: an empty virtual workspace, watched by no one else
            (svc / "Cargo.toml").write_text("[workspace]\n")
        if v.build:
            bindir = self.work / "bin"
            bindir.mkdir(parents=True, exist_ok=True)
            w = bindir / f"build-{v.name}"
            w.write_text("#!/bin/sh\n# counts one build (pid, start time in ns), then runs the real build command\n"
                         '[ -n "$BENCH_BUILDS" ] && echo "$$ $(date +%s%N)" >>"$BENCH_BUILDS"\n'
                         f"exec {v.build}\n")
            w.chmod(0o755)
            v.wrapper = str(w)
        self.warm_build(v)

    def warm_build(self, v):
        if not v.wrapper:
            return
        r = subprocess.run([v.wrapper], cwd=v.svc, env=self.env(0, "", ""), stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            raise BenchError(f"building the {v.name} service failed:\n{r.stdout}{r.stderr}")

    def pool(self, v, n):
        """A tree of n watched files for variant v, generated once and kept in bench/work/pool."""
        d = self.work / "pool" / f"{v.name}-{n}"
        tree = d / "tree"
        done = d / "complete"
        if done.exists() and tree.is_dir():
            return tree
        if d.exists():
            shutil.rmtree(d)
        log(f"generating a tree of {n} .{v.ext} files for {v.name}")
        header = TREE_HEADER[v.ext]
        per_leaf, per_mid = 100, 10
        i = 0
        leaf = 0
        while i < n:
            ld = tree / f"d{leaf // per_mid:03d}" / f"e{leaf % per_mid}"
            ld.mkdir(parents=True, exist_ok=True)
            for _ in range(min(per_leaf, n - i)):
                with open(ld / f"f{i:06d}.{v.ext}", "w") as f:
                    f.write(header.format(i=i))
                i += 1
            leaf += 1
        (tree / "POOL").write_text(str(d))
        done.write_text(str(n))
        return tree

    def tree_slot(self, v):
        return v.svc / v.tree_parent / "tree"

    def place_tree(self, v, n):
        self.restore_tree(v)
        if n <= 0:
            return
        os.rename(self.pool(v, n), self.tree_slot(v))

    def restore_tree(self, v):
        slot = self.tree_slot(v)
        marker = slot / "POOL"
        if marker.exists():
            home = Path(marker.read_text().strip())
            os.rename(slot, home / "tree")

    # -- the plain script: the same build and start, with no watcher

    def baseline(self, v):
        reps = self.args.reps
        port = self.next_port()
        state = self.work / "state" / f"plain-{v.name}"
        if state.exists():
            shutil.rmtree(state)
        state.mkdir(parents=True)
        env = self.env(port, state / "starts", state / "builds")
        out = open(state / "output.log", "w")
        server = None
        res = {"latency": [], "build": [], "start": [], "startup": [], "build_in_place": []}

        def start():
            p = subprocess.Popen(shlex_split(v.run), cwd=v.svc, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                 stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=child_setup)
            self.servers.append(p)
            return p

        def stop(p):
            if p is None:
                return
            try:
                p.terminate()
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
            if p in self.servers:
                self.servers.remove(p)

        def build():
            if v.wrapper:
                r = subprocess.run([v.wrapper], cwd=v.svc, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                   stderr=subprocess.STDOUT, timeout=600)
                if r.returncode != 0:
                    raise BenchError(f"plain build of {v.name} failed")

        try:
            # start-up of the plain script: build (up to date) and start, on a tree built already
            for i in range(self.args.startup_reps):
                ver = f"plain-start-{i}-{random.randrange(1 << 30)}"
                v.write_version(ver)
                self.warm_build(v)
                stop(server)
                t0 = now()
                build()
                server = start()
                t = wait_version(port, ver, 120, server)
                if t is None:
                    raise BenchError(f"plain {v.name} server never served {ver}")
                res["startup"].append(t - t0)
            for i in range(reps):
                self.check_time()
                time.sleep(0.5)
                ver = f"plain-{i}-{random.randrange(1 << 30)}"
                t0_ns = time.time_ns()
                t0 = now()
                v.write_version(ver)
                build()
                t1 = now()
                res["build_in_place"].append(build_in_place(v, state / "builds", t0_ns))
                stop(server)
                server = start()
                t = wait_version(port, ver, 120, server)
                if t is None:
                    raise BenchError(f"plain {v.name} server never served {ver}")
                res["latency"].append(t - t0)
                res["build"].append(t1 - t0)
                res["start"].append(t - t1)
        finally:
            stop(server)
            out.close()
        log(f"plain script, {v.name}: build+start median {ms(med(res['latency']))} "
            f"(build {ms(med(res['build']))}, stop+start {ms(med(res['start']))}), "
            f"start-up {ms(med(res['startup']))}")
        return res

    def maven_validate(self, pom):
        """One `mvnw validate` on pom: Maven's own start-up, no plugin runs."""
        t0 = now()
        r = subprocess.run(self.maven_argv(pom) + ["validate"], cwd=pom.parent, env=self.env(0, "", ""),
                           stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300,
                           preexec_fn=child_setup)
        if r.returncode != 0:
            raise BenchError(f"Maven alone (validate) failed:\n{r.stdout}{r.stderr}")
        return now() - t0

    def maven_alone(self):
        """Maven's own start-up: `validate` on the same POM (no plugin runs), and the goal skipped."""
        v = self.variants[0]
        state = self.work / "state" / "maven-alone"
        if state.exists():
            shutil.rmtree(state)
        state.mkdir(parents=True)
        fake = type("S", (), {})()
        fake.variant, fake.port, fake.state = v, 1, state
        pom = self.tools["hotreload"].pom_path(fake)
        pom.write_text(self.tools["hotreload"].pom(fake))
        res = {}
        for key, extra in (("validate", ["validate"]), ("goal_skipped", ["hotreload:watch", "-Dhotreload.skip"])):
            times = []
            for _ in range(self.args.startup_reps):
                t0 = now()
                r = subprocess.run(self.maven_argv(pom) + extra, cwd=state, env=self.env(0, "", ""),
                                   stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300,
                                   preexec_fn=child_setup)
                if r.returncode != 0:
                    raise BenchError(f"Maven alone ({key}) failed:\n{r.stdout}{r.stderr}")
                times.append(now() - t0)
            res[key] = times
        log(f"Maven alone: validate {ms(med(res['validate']))}, goal skipped {ms(med(res['goal_skipped']))}")
        return res

    # -- the phases of a tool's run

    def run_tool(self, tool, v, baseline):
        rec = {"tool": tool.name, "variant": v.name, "errors": [], "stops": []}
        a = self.args
        # session A: tree of `small` files: start-up, idle, latency, storm
        try:
            self.session_main(tool, v, rec, baseline)
        except BenchError as e:
            rec["errors"].append(f"main session: {e}")
            log(f"  ERROR {tool.name}/{v.name}: {e}")
        # session B: tree of `large` files: start-up, one change
        if a.large_tree > 0:
            try:
                self.session_large(tool, v, rec)
            except BenchError as e:
                rec["errors"].append(f"large-tree session: {e}")
                log(f"  ERROR {tool.name}/{v.name} (large tree): {e}")
        return rec

    def start_session(self, tool, v, phase, tree, rec, key):
        self.check_time()
        self.place_tree(v, tree)
        ver = f"{phase}-start-{random.randrange(1 << 30)}"
        v.write_version(ver)
        self.warm_build(v)
        budget = min(self.time_left(), 1800)
        s = Session(self, tool, v, phase, budget)
        if tool.name == "hotreload":
            # Maven's own start-up right before ours, on the same POM
            tool.command(s)
            rec[f"maven_alone_{key}"] = self.maven_validate(tool.pom_path(s))
        rec.setdefault("loadavg", []).append(Path("/proc/loadavg").read_text().split()[0])
        t0 = s.launch()
        try:
            t = wait_version(s.port, ver, a_startup_timeout(self.args), s.proc)
        except BenchError:
            s.cleanup()
            self.restore_tree(v)
            raise
        if t is None:
            rec["stops"].append(s.stop())
            self.restore_tree(v)
            raise BenchError(f"not ready within {a_startup_timeout(self.args)} s after launch "
                             f"(see {s.state}/output.log)")
        rec[key] = t - t0
        s.remember()
        if tool.name == "hotreload":
            rec["watcher_comm"] = comm(s.proc.pid)
        s.key = key
        return s

    def session_main(self, tool, v, rec, baseline):
        a = self.args
        s = self.start_session(tool, v, "main", a.small_tree, rec, "startup_small")
        try:
            log(f"  {tool.name}/{v.name}: ready {ms(rec['startup_small'])} after launch "
                f"({a.small_tree} files in the tree)")
            # idle: settle, then CPU time over the window and RSS at its end
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
            ns, gone = 0, 0
            for key, threads in n1.items():
                before = n0.get(key, {})
                ns += sum(v - before.get(tid, 0) for tid, v in threads.items())
                gone += len(set(before) - set(threads))
            for key, threads in n0.items():
                if key not in n1:
                    gone += len(threads)
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
            # latency
            rec["latency"], rec["per_change"] = [], []
            s.quiesce(0.5)
            for i in range(a.reps):
                self.check_time()
                c_before = s.counts()
                ver = f"rep{i}-{random.randrange(1 << 30)}"
                t0_ns = time.time_ns()
                t0 = now()
                v.write_version(ver)
                t = wait_version(s.port, ver, a.change_timeout, s.proc)
                if t is None:
                    raise BenchError(f"change {i} ({ver}) not served within {a.change_timeout} s")
                rec["latency"].append(t - t0)
                rec.setdefault("build_in_place", []).append(build_in_place(v, s.builds, t0_ns))
                s.quiesce(a.gap)
                c_after = s.counts()
                rec["per_change"].append([x - y for x, y in zip(c_after, c_before)])
            log(f"  {tool.name}/{v.name}: latency median {ms(med(rec['latency']))}, "
                f"p90 {ms(pct(rec['latency'], 0.9))}; builds/starts per change {rec['per_change']}")
            # storm
            rec["storm"] = []
            storm_dir = v.svc / v.storm_dir
            names = sorted(storm_dir.iterdir())
            for r in range(a.storm_reps):
                self.check_time()
                s.quiesce(1.0)
                c0 = s.counts()
                ver = f"storm{r}-{random.randrange(1 << 30)}"
                tag = random.randrange(1 << 30)
                t0_ns = time.time_ns()
                t0 = now()
                for n, p in enumerate(names):
                    write_file(p, f"{v.storm_header} {n} {tag}\n")
                v.write_version(ver)
                t1 = now()
                t = wait_version(s.port, ver, a.change_timeout, s.proc)
                if t is None:
                    raise BenchError(f"storm {r}: final version not served within {a.change_timeout} s")
                bip = build_in_place(v, s.builds, t0_ns)
                s.quiesce(a.storm_observe, stable=1.0, timeout=30)
                c1 = s.counts()
                rec["storm"].append({"files": len(names) + 1, "burst": t1 - t0, "served_after_burst": t - t1,
                                     "served_after_first_write": t - t0,
                                     "builds": c1[0] - c0[0], "starts": c1[1] - c0[1], "build_in_place": bip})
            log(f"  {tool.name}/{v.name}: storm " + "; ".join(
                f"{x['builds']} build(s), {x['starts']} start(s), served {ms(x['served_after_burst'])} after the burst"
                for x in rec["storm"]))
        finally:
            if s.proc.poll() is None:
                rec["stops"].append(s.stop())
            else:
                rec["errors"].append(f"the watcher had exited with code {s.proc.returncode}")
                s.cleanup()
            self.note_plugin_output(s, rec)
            self.restore_tree(v)

    @staticmethod
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

    def session_large(self, tool, v, rec):
        a = self.args
        s = self.start_session(tool, v, "large", a.large_tree, rec, "startup_large")
        try:
            log(f"  {tool.name}/{v.name}: ready {ms(rec['startup_large'])} after launch ({a.large_tree} files)")
            # a change written the moment the service is first ready: is the tool already watching?
            ver = f"large-{random.randrange(1 << 30)}"
            t0 = now()
            v.write_version(ver)
            t = wait_version(s.port, ver, a.first_change_timeout, s.proc)
            rec["first_change_large"] = None if t is None else t - t0
            log(f"  {tool.name}/{v.name}: a change written at first ready was "
                + (f"served after {ms(t - t0)}" if t is not None else f"not served within {a.first_change_timeout} s"))
            rec["rss_large_kb"] = s.rss()
        finally:
            if s.proc.poll() is None:
                rec["stops"].append(s.stop())
            else:
                rec["errors"].append(f"the watcher had exited with code {s.proc.returncode}")
                s.cleanup()
            self.note_plugin_output(s, rec)
            self.restore_tree(v)

    # -- everything

    def cleanup_all(self):
        for s in list(self.sessions):
            try:
                s.cleanup()
            except Exception:  # noqa: BLE001 - best effort at exit
                pass
        for p in list(self.servers):
            try:
                p.kill()
                p.wait(timeout=5)
            except Exception:  # noqa: BLE001
                pass
        for v in VARIANTS.values():
            try:
                self.restore_tree(v)
            except OSError:
                pass

    def lock(self):
        """One run at a time per work directory: two would share services, ports and state."""
        self.work.mkdir(parents=True, exist_ok=True)
        self.lock_file = open(self.work / ".lock", "w")
        try:
            fcntl.flock(self.lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BenchError(f"another bench run is using {self.work}; wait for it, or pass another --work-dir")
        self.lock_file.write(str(os.getpid()))
        self.lock_file.flush()

    def run(self):
        a = self.args
        self.lock()
        started = datetime.datetime.now().astimezone()
        meta = self.results["meta"]
        meta.update({"date": started.strftime("%Y-%m-%d %H:%M %Z"), "cores": os.cpu_count(),
                     "cpu": cpu_model(), "kernel": platform.release(), "args": vars(a),
                     "loadavg_start": Path("/proc/loadavg").read_text().strip()})
        if a.build_plugin:
            self.build_plugin()
        installs = self.start_installs(a.tools) if a.install else {}
        for v in self.variants:
            log(f"preparing the {v.name} service in {v.svc}")
            self.prepare_variant(v)
            for n in (a.small_tree, a.large_tree):
                if n > 0:
                    self.pool(v, n)
        if installs:
            self.wait_installs(installs)
        tools = []
        for name in a.tools:
            if self.tools[name].locate() is None:
                msg = (f"{name} is not available" + (" (the plugin is not in " + str(self.maven_repo()) +
                       "; use --build-plugin DIR)" if name == "hotreload" else " (run without --no-install)"))
                log(msg)
                self.results["errors"].append(msg)
                for v in self.variants:
                    self.results["runs"][f"{name}/{v.name}"] = {"tool": name, "variant": v.name, "errors": [msg],
                                                               "stops": []}
            else:
                tools.append(name)
        meta["versions"] = {n: self.tools[n].version() for n in tools}
        meta["versions"].update(toolchain_versions())
        if "hotreload" in tools:
            try:
                self.results["maven"] = self.maven_alone()
            except BenchError as e:
                self.results["errors"].append(str(e))
        for v in self.variants:
            pooled = self.results["baseline"].setdefault(v.name, {"latency": [], "build": [], "start": [],
                                                                  "startup": [], "build_in_place": []})
            for name in tools or [None]:
                self.check_time()
                self.prepare_variant(v)
                # the plain script runs right before each tool, so that both see the same machine load
                log(f"== {name or 'no tool'} / {v.name}: plain script first")
                try:
                    plain = self.baseline(v)
                except BenchError as e:
                    plain = None
                    self.results["errors"].append(f"plain {v.name}: {e}")
                    log(f"ERROR plain {v.name}: {e}")
                if plain:
                    for k in pooled:
                        pooled[k].extend(plain[k])
                if name is None:
                    continue
                log(f"== {name} / {v.name}")
                self.prepare_variant(v)
                rec = self.run_tool(self.tools[name], v, plain)
                rec["plain"] = plain
                self.results["runs"][f"{name}/{v.name}"] = rec
        meta["loadavg_end"] = Path("/proc/loadavg").read_text().strip()
        meta["minutes"] = round((datetime.datetime.now().astimezone() - started).total_seconds() / 60, 1)
        return self.results


def a_startup_timeout(args):
    return args.startup_timeout


def ticks_delta(c0, c1):
    """CPU ticks used between two snapshots {pid: (start, ticks)}; a new process counts whole."""
    total = 0
    for pid, (start, ticks) in c1.items():
        before = c0.get(pid)
        total += ticks - before[1] if before and before[0] == start else ticks
    return total


def shlex_split(cmd):
    import shlex
    return shlex.split(cmd)


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def toolchain_versions():
    out = {}
    out["java"] = run_text(["java", "-version"]).splitlines()[0] if shutil.which("java") else "?"
    out["go"] = run_text(["go", "version"]).replace("go version ", "")
    out["cargo"] = run_text(["cargo", "--version"]).replace("cargo ", "")
    out["python"] = platform.python_version()
    out["node"] = run_text(["node", "--version"])
    return out


def ms(x):
    if x is None:
        return "—"
    if abs(x) >= 10:
        return f"{x:.1f} s"
    return f"{x * 1000:.0f} ms"


# ---------------------------------------------------------------------------------------------
# report


def summarize(results, args):
    """Rows of the table and the list of targets, computed from the raw results."""
    base = results["baseline"]
    maven = results.get("maven") or {}
    maven_alone = med(maven.get("validate", []))
    rows, summary = [], {}
    for key, r in results["runs"].items():
        tool, variant = r["tool"], r["variant"]
        b = r.get("plain") or base.get(variant) or {}
        plain = med(b.get("latency", []))
        quiet = 0.0
        if tool == "hotreload":
            quiet = (args.hotreload_delay / 1000.0 if args.hotreload_delay is not None
                     else (1.0 if variant == "go" else 0.3))
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
            "lat50": med(lat), "lat90": pct(lat, 0.9), "over50": med(over), "over90": pct(over, 0.9),
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


TOOL_LABELS = {"hotreload": "**hotreload (ours)**"}
DEFAULT_QUIET = {"air": "1000 ms (delay)", "cargo-watch": "500 ms (--delay)", "watchexec": "50 ms (--debounce)",
                 "nodemon": "none", "entr": "none"}


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
        st = ours["storm"]
        if st:
            want_builds = 0 if v == "none" else 1
            ok = all(s["builds"] == want_builds and s["starts"] == 1 for s in st)
            out.append((v, f"storm: exactly {want_builds} build(s) and one restart", ok,
                        ", ".join(f"{s['builds']}/{s['starts']}" for s in st)))
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
    return out


def report_markdown(results, args):
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
    lines.append(f"Repetitions: {args.reps} changes per tool and variant for latency, {args.storm_reps} storms "
                 f"of {args.storm_files} files, idle window {args.idle_seconds} s, trees of {args.small_tree:,} "
                 f"and {args.large_tree:,} files.")
    lines.append("")
    lines.append("Versions: " + ", ".join(f"{k} {v}" for k, v in meta.get("versions", {}).items()) + ".")
    lines.append("")
    for note in getattr(args, "note", None) or []:
        lines.append(note)
        lines.append("")
    lines.append("## Results")
    lines.append("")
    lines.append(table)
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
        lines.append(f"| {v} | {text} | {'✅ met' if ok else '❌ missed'} | {detail} |")
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
    lines.append("")
    lines.append(METHOD)
    return "\n".join(lines) + "\n"


METHOD = """## Method

Everything runs on this one machine, one tool at a time, in one run of `bench/run`; the numbers
are comparable with each other, not with another machine's.

**Services.** Three tiny HTTP servers, generated under `bench/work/svc/` from `bench/templates/`,
each answering `GET /` on 127.0.0.1 with a version string that is a constant in its source:
`none` (Python's `http.server`, no build step, `python3 server.py`), `go` (standard library,
`go build -o ./tmp/main .`), `rust` (standard library, `cargo build`, debug). Each service folder
is its own git repository whose `.gitignore` names `tmp/` and `target/` (as a real project's
would; without it watchexec and cargo-watch would apply the bench repository's `.gitignore`, which
ignores `bench/work/` entirely), and holds 1000 extra watched source files for the storm
(`gen/`, `src/gen/` for Rust), which no build compiles. The build command of every tool and of
the plain script is the same wrapper, which appends a line to a counter file and `exec`s the
real build; every server appends a line to a starts file once it listens. These two files are
how builds and restarts are counted, identically for every tool. `GOFLAGS=-buildvcs=false` for
everyone.

**Tools, each in restart mode with its defaults except paths and file types:**
- *hotreload (ours)*: `mvnw -q -B -o -f pom.xml hotreload:watch` on a generated POM with one
  service (the POM is in `bench/work/svc/`, the project directory holding the service folders): preset `exec` (with `<extensions>py</extensions>` and `<run>`), `go` or `cargo`,
  `<build>` set to the counting wrapper, `<readyUrl>` set; the presets' default quiet periods
  (`exec`/`cargo` 300 ms, `go` 1000 ms). `-o` (offline) so that Maven does not check remote
  repositories for the snapshot plugin during the measurement.
- *air*: a generated `.air.toml` with `root`, `cmd` (the wrapper; `true` for no build),
  `entrypoint` (`full_bin` for Python), `include_ext` (`py`/`rs`; the default list for Go) and
  the default `exclude_dir` (plus `target` for Rust); default `delay` 1000 ms.
- *cargo-watch*: `cargo watch -s '<build> && exec <run>'`; default delay 0.5 s. It refuses to run
  outside a Cargo project, so the `none` and `go` services contain an empty `[workspace]`
  `Cargo.toml`, which no other tool watches.
- *watchexec*: `watchexec -r --project-origin . -e <ext> -- '<build> && exec <run>'`.
- *nodemon*: `nodemon -e <ext> [--ignore tmp/|target/] --exec '<build> && exec <run>'`.
- *entr*: `find … -name '*.<ext>' | entr -r -n sh -c '<build> && exec <run>'` (the file list
  is the sources with the extension, outside `.git`, `tmp/` and `target/`).

**Plain script (the reference).** Right before each tool's sessions, on the same service and with
as many repetitions as the latency: write the new version, run the wrapper (build), SIGTERM the
old server and wait for it, start the new one, poll until it serves the new version. Its median
is "the time the same build and start take" for that tool's overhead (measured next to it, so
that both see the same load on this shared machine). The table's "plain script" row pools all of
them.

**1. Change-to-ready latency.** The bench writes a new version into the service's main source
file (one in-place `write` after truncation, like an editor's plain save) and polls
`GET http://127.0.0.1:<port>/` every 5 ms (a new connection each time) until the body is that
version. Time from just before the write to that response. Between repetitions it waits at least
1 s and until no build or start has been counted for 0.7 s.

**2. Overhead.** Each repetition's latency minus the median of the plain script measured right
before that tool; for our plugin also minus its configured quiet period. Peers' own debounce
delays are part of their overhead, as the issue asks. On this shared machine the same `go build`
takes anywhere from 400 to 900 ms, and `cargo build` 115 or 170 ms, from one minute to the next,
which is more than most of the differences being measured. So a second overhead column uses each
repetition's own build time instead of the plain script's: from the moment the build wrapper
started (it logs the time) to the modification time of the binary it wrote (read when the new
version is first served); the reference is then the plain script's median time outside its own
build timed the same way (its stop and start, and whatever the build does after writing the
binary, such as cargo's bookkeeping). Both are shown;
a negative value means the tool's build and start happened to be faster than the plain script's.

**3. Storm.** After the latency repetitions, in the same session: the bench rewrites all 1000
storm files and then the main source file with a new version, as fast as it can (the burst takes
tens of milliseconds), then waits until that version is served and until no build or start has
been counted for 1 s (at least 3 s). It reports builds and restarts counted from the first write
on, and the time from the end of the burst (the last write) until the final version was served.
The target's "one build and start" is the plain script's median; a second line uses the build
that served the final version, timed in place as above.

**4. Idle cost.** Right after start-up with a tree of 20,000 extra watched source files (in
`tree/`, `src/tree/` for Rust, 100 per folder), the bench lets the tool settle: at least 5 s,
then until its processes used under 1 % of a core over 2 s (at most 60 s; the settle time is in
the raw results). Then it reads the CPU time of every thread (`/proc/<pid>/task/*/schedstat`,
nanoseconds) of the watcher and all its descendants **except the service** (the server process,
whose pid it writes to the starts file, and its descendants) at the start and the end of a 30 s
window; the difference is the CPU cost. (`utime+stime+cutime+cstime` from `/proc/<pid>/stat`,
in 10 ms ticks, is kept in the raw results; it is used instead when a thread ended during the
window, since schedstat would miss that thread's time.) RSS is the sum of `VmRSS` of the same processes at
the end of the window. For our plugin the watcher process is the JVM (`mvnw` `exec`s `mvn`, which
`exec`s `java`, so it is the process the bench started) and its only other process is the
watchdog `sh`; for cargo-watch, `cargo` `exec`s `cargo-watch`; shells that a tool keeps between
itself and the server count as the tool's.

**5. Start-up.** From just before launching the tool to the first response with the version
written before launch, with the service already built (every tool's first build finds it up to
date), on a tree of 20,000 and, in a second session, 100,000 watched files. For our plugin,
Maven's own start-up is measured alone right before each of its sessions: `mvnw -q -B -o
validate` on the same POM (nothing of the plugin runs); "beyond Maven's own" is the start-up
minus that. At the start of the run, the same and `hotreload:watch -Dhotreload.skip` (the
plugin is resolved and loaded, and returns at once) are also timed a few times. The plain
script's start-up is an up-to-date build plus start. Some tools start the service before their
watches are in place, so the start-up alone can flatter them: in the 100,000-file session the
bench writes a new version the moment the service first answers and reports how long that change
took to be served ("change at first ready"), or "missed" when it was not served within 30 s.

**6. Clean stop.** At the end of each session (two per tool and variant), SIGINT to the watcher
process only (not to its group, as a terminal's Ctrl-C would: that would signal the children
directly and hide a watcher that does not stop them). A stop is clean when the watcher exits
within 30 s and, both at the moment it has exited and 1 s later, no process that was ever seen
in its tree (nor any server that wrote to the starts file) is alive and nothing listens on the
service's port (`/proc/net/tcp*`). The table shows the stops that were clean at the moment the
watcher exited, and in brackets those clean 1 s later. Whatever is left is then killed by pid.

Every tool process runs with the open-files limit raised to 1,048,576 (entr keeps every watched
file open and stops at this machine's default hard limit of 20,000) and dies with the bench
(`PR_SET_PDEATHSIG`). Every wait has a timeout, the run has an overall time limit, and our
plugin runs with `-Dhotreload.maxDuration` as a backstop.
"""


def plain_table(results, args):
    table, _ = table_markdown(results, args)
    return table


def broken(results, smoke):
    """What makes the run fail: a measurement that could not be made (for any tool), or our plugin
    leaving a process alive or the port bound 1 s after it exited. Slow numbers never fail it."""
    bad = list(results.get("errors", []))
    for key, r in results["runs"].items():
        bad += [f"{key}: {e}" for e in r.get("errors", [])]
        if key.startswith("hotreload/"):
            bad += [f"{key}: not stopped cleanly {s}" for s in r.get("stops", [])
                    if not s["exited"] or s["alive_after_1s"] or s["port_bound_after_1s"]]
            if not r.get("latency"):
                bad.append(f"{key}: no latency measured")
    return bad


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--smoke", action="store_true",
                   help="short form: our plugin and one peer that is already installed, tiny trees, 2 repetitions; "
                        "does not write docs/benchmarks.md; exits non-zero when something is broken")
    p.add_argument("--tools", help="comma-separated, default all: " + ",".join(ALL_TOOLS))
    p.add_argument("--variants", default=",".join(ALL_VARIANTS), help="comma-separated: none,go,rust")
    p.add_argument("--reps", type=int, help="changes per tool and variant for latency (default 10; smoke 2)")
    p.add_argument("--storm-reps", type=int, help="storms per tool and variant (default 3; smoke 1)")
    p.add_argument("--storm-files", type=int, default=1000)
    p.add_argument("--idle-seconds", type=float, help="idle window (default 30; smoke 2)")
    p.add_argument("--small-tree", type=int, help="files in the tree for idle and start-up (default 20000; smoke 200)")
    p.add_argument("--large-tree", type=int,
                   help="files in the tree of the second start-up (default 100000; smoke 1000; 0 skips it)")
    p.add_argument("--startup-reps", type=int, help="plain-script and Maven-alone start-ups (default 3; smoke 1)")
    p.add_argument("--hotreload-delay", type=int, help="our plugin's <delay> in ms (default: the preset's)")
    p.add_argument("--maven-opts", help="MAVEN_OPTS for our plugin's JVM (default: the environment's)")
    p.add_argument("--maven-repo", help="local Maven repository holding the plugin (default: the user's own)")
    p.add_argument("--mvnw", default=str(REPO / "mvnw"), help="Maven wrapper to run (default: the repository's)")
    p.add_argument("--build-plugin", metavar="DIR",
                   help="first install the plugin from this checkout (mvnw install -DskipTests) into --maven-repo")
    p.add_argument("--no-install", dest="install", action="store_false", help="do not install missing peers")
    p.add_argument("--output", default=str(REPO / "docs" / "benchmarks.md"), help="Markdown report to write")
    p.add_argument("--no-docs", action="store_true", help="do not write the Markdown report")
    p.add_argument("--note", action="append", default=[],
                   help="a paragraph to add to the report under the heading (repeatable)")
    p.add_argument("--report-from", metavar="JSON",
                   help="measure nothing: write the report (--output) from a raw results file of an earlier run")
    p.add_argument("--work-dir", default=str(BENCH / "work"))
    p.add_argument("--base-port", type=int, default=18200)
    p.add_argument("--max-minutes", type=float, help="overall time limit (default 90; smoke 6)")
    p.add_argument("--change-timeout", type=float, default=120.0, help="longest wait for one change to be served")
    p.add_argument("--first-change-timeout", type=float,
                   help="how long a change written at first ready may take before it counts as missed "
                        "(default 30; smoke 10)")
    p.add_argument("--startup-timeout", type=float, help="longest wait from launch to ready (default 300; smoke 60)")
    a = p.parse_args(argv)
    smoke = a.smoke
    defaults = {"reps": (10, 2), "storm_reps": (3, 1), "idle_seconds": (30.0, 2.0), "small_tree": (20000, 200),
                "large_tree": (100000, 1000), "startup_reps": (3, 1), "max_minutes": (90.0, 6.0),
                "startup_timeout": (300.0, 60.0), "first_change_timeout": (30.0, 10.0)}
    for k, (full, short) in defaults.items():
        if getattr(a, k) is None:
            setattr(a, k, short if smoke else full)
    a.settle_min, a.settle_max = (1.0, 10.0) if smoke else (5.0, 60.0)
    a.gap = 1.0
    a.storm_observe = 2.0 if smoke else 3.0
    a.tools_given = a.tools is not None
    a.tools = [t.strip() for t in (a.tools or ",".join(ALL_TOOLS)).split(",") if t.strip()]
    a.variants = [v.strip() for v in a.variants.split(",") if v.strip()]
    for t in a.tools:
        if t not in ALL_TOOLS:
            p.error(f"unknown tool {t}")
    for v in a.variants:
        if v not in ALL_VARIANTS:
            p.error(f"unknown variant {v}")
    if a.reps < 1 or a.storm_reps < 0:
        p.error("--reps must be at least 1")
    if smoke:
        a.install = False
        a.no_docs = True
    return a


def report_from(path, output, notes):
    results = json.loads(Path(path).read_text())
    args = argparse.Namespace(**results["meta"]["args"])
    args.note = notes
    table, summary = table_markdown(results, args)
    print(table)
    for v, text, ok, detail in targets(results, args, summary):
        print(f"{'MET   ' if ok else 'MISSED'} [{v}] {text}: {detail}")
    Path(output).write_text(report_markdown(results, args))
    print(f"report: {output}")
    return 0


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.report_from:
        return report_from(args.report_from, args.output, args.note)
    bench = Bench(args)
    if args.smoke and not args.tools_given:
        peer = next((t for t in PEERS_FOR_SMOKE if bench.tools[t].locate() is not None), None)
        args.tools = ["hotreload"] + ([peer] if peer else [])
        log(f"smoke test: {', '.join(args.tools)}" + ("" if peer else " (no peer is installed; plain script only)"))

    def on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    code = 0
    try:
        results = bench.run()
    except KeyboardInterrupt:
        log("interrupted; stopping everything")
        bench.cleanup_all()
        return 130
    except BenchError as e:
        log(f"ERROR: {e}")
        bench.cleanup_all()
        return 1
    finally:
        bench.cleanup_all()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    raw = bench.work / f"results-{stamp}.json"
    raw.write_text(json.dumps(results, indent=1, default=str))
    table, summary = table_markdown(results, args)
    print()
    print(table)
    print()
    for v, text, ok, detail in targets(results, args, summary):
        print(f"{'MET   ' if ok else 'MISSED'} [{v}] {text}: {detail}")
    print(f"\nraw results: {raw}")
    if not args.no_docs:
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(report_markdown(results, args))
        print(f"report: {out}")
    bad = broken(results, args.smoke)
    if bad:
        print("\nbroken:\n  " + "\n  ".join(bad))
        code = 1
    return code


if __name__ == "__main__":
    sys.exit(main())
