"""The containers scenario (`--scenarios containers`): change-to-ready latency of one small Go HTTP
service (the benchmark's go template) in three rows, started one after the other and then changed
in rounds, one change at a time, each round in a rotated order:

- host: our plugin, go preset, the service on this machine;
- container: our plugin, the same service as the compose service `api` (FROM scratch, the binary
  built here and copied in, the container restarted);
- compose-watch: `docker compose watch` (v2) with `action: rebuild` on the same service, its image
  compiling the source FROM a local Go toolchain image (a `docker import` of this machine's GOROOT,
  made once and kept, found again by its label).

Every container and image a run builds carries the run's label and is removed at the end of its
row and again at the end of the run (Ctrl-C included); what a killed earlier run left in the same
work directory is removed first. The pure parts (files, parsing, figures) are in containertext.py."""

import os
import random
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

from .common import TEMPLATES, BenchError, log, ms, now
from .containertext import (LABEL_ROW, LABEL_RUN, LABEL_WORK, POLL, ROW_TOOL, ROWS, TOOLCHAIN_LABEL,
                            compose_text, compose_v2_version, ids, ldd_paths, plugin_reloads, project_name,
                            row_figures, row_pom, runtime_dockerfile, toolchain_key, toolchain_tag, watch_dockerfile,
                            watch_dockerignore, watch_rebuilds, work_key)
from .probe import wait_version
from .services import VARIANTS, write_file
from .sessions import Session
from .stats import med


def run_cmd(argv, env=None, timeout=60, cwd=None, stdin=subprocess.DEVNULL):
    """(exit code, stdout+stderr) of a short command; 124 on timeout, 127 when it cannot start."""
    try:
        r = subprocess.run(argv, env=env, cwd=cwd, stdin=stdin, capture_output=True, text=True, timeout=timeout)
        return r.returncode, (r.stdout + r.stderr).strip()
    except subprocess.TimeoutExpired as e:
        return 124, f"timed out after {timeout} s: {' '.join(argv)} {e.output or ''}"
    except OSError as e:
        return 127, str(e)


def tail(text, n=8):
    return "\n".join(text.strip().splitlines()[-n:])


class RowTool:
    """What Session needs of a tool: a name and the command of a session."""

    def __init__(self, name, argv, cwd):
        self.name, self.argv, self.cwd = name, argv, cwd

    def command(self, s):
        return self.argv, self.cwd, None


class RowSession(Session):
    def __init__(self, bench, tool, row, budget, extra_env):
        super().__init__(bench, tool, _Named("containers"), row, budget)
        self.extra_env = extra_env

    def env(self):
        e = super().env()
        e.update(self.extra_env)
        return e

    def output(self):
        try:
            return (self.state / "output.log").read_text(errors="replace")
        except OSError:
            return ""


class _Named:
    def __init__(self, name):
        self.name = name


class Docker:
    """The engine, compose v2 (in a DOCKER_CONFIG of the bench's own), the toolchain image, and the
    sweep of what this run built."""

    def __init__(self, bench, base):
        self.bench = bench
        self.base = base
        self.key = work_key(bench.work)
        self.run_id = f"{self.key}-{os.getpid()}-{random.randrange(1 << 24):06x}"
        self.labels = {LABEL_RUN: self.run_id, LABEL_WORK: self.key}
        self.env = dict(os.environ)
        self.v2_env = None  # the environment in which `docker compose` is v2, or None
        self.v2_version = None
        self.v2_missing = None  # why there is no compose v2
        # the rows' compose projects, as v2 and v1 spell them (networks are removed by project; the
        # names are the same in every run of this work directory, so a killed run's are found too)
        names = [project_name(self.key, r) for r in ROWS]
        self.projects = set(names) | {n.replace("-", "") for n in names}
        self.v2_projects = {}  # project -> folder, for `docker compose down`
        self.sessions = []  # the rows' sessions while they run

    def docker(self, *args, env=None, timeout=60, cwd=None):
        return run_cmd(["docker", *args], env=env or self.env, timeout=timeout, cwd=cwd)

    def engine(self):
        code, out = self.docker("version", "--format", "{{.Server.Version}}", timeout=30)
        if code != 0:
            raise BenchError(f"no Docker engine answers (`docker version`: {tail(out, 3)})")
        return out.splitlines()[-1].strip()

    def compose_v1(self):
        code, out = run_cmd(["docker-compose", "version", "--short"], env=self.env)
        return out if code == 0 else None

    def find_compose_v2(self, given):
        """Compose v2 as `docker compose`: --compose-v2 PATH linked as the docker-compose CLI plugin
        of a DOCKER_CONFIG in the work directory (the user's ~/.docker is left as it is); else the
        `docker compose` this environment has; else a `docker-compose` on PATH that is v2."""
        candidates = []
        if given:
            candidates.append(Path(given).expanduser().resolve())
        else:
            code, out = self.docker("compose", "version")
            if code == 0 and compose_v2_version(out):
                self.v2_env, self.v2_version = dict(self.env), compose_v2_version(out)
                return self._check_watch()
            p = shutil.which("docker-compose", path=self.env.get("PATH"))
            if p:
                candidates.append(Path(p).resolve())
        for c in candidates:
            if not (c.is_file() and os.access(c, os.X_OK)):
                self.v2_missing = f"{c} is not an executable file"
                continue
            code, out = run_cmd([str(c), "version"], env=self.env)
            if code != 0 or not compose_v2_version(out):
                first = (out.strip().splitlines() or ["no output"])[0]
                self.v2_missing = f"{c} is not compose v2 (`{c.name} version`: {first})"
                continue
            cfg = self.bench.work / "docker-config"
            plugins = cfg / "cli-plugins"
            plugins.mkdir(parents=True, exist_ok=True)
            link = plugins / "docker-compose"
            if link.is_symlink() or link.exists():
                link.unlink()
            link.symlink_to(c)
            env = dict(self.env, DOCKER_CONFIG=str(cfg))
            code, out = run_cmd(["docker", "compose", "version"], env=env)
            if code != 0 or not compose_v2_version(out):
                self.v2_missing = f"docker does not run {c} as its compose plugin: {tail(out, 2)}"
                continue
            self.v2_env, self.v2_version = env, compose_v2_version(out)
            return self._check_watch()
        if self.v2_missing is None:
            self.v2_missing = ("no compose v2: `docker compose` is not there and no docker-compose on PATH is v2 "
                               "(pass --compose-v2 PATH to a compose v2 binary)")
        return False

    def _check_watch(self):
        self.v2_env.update({"DOCKER_BUILDKIT": "1", "COMPOSE_BAKE": "false"})
        code, out = run_cmd(["docker", "compose", "watch", "--help"], env=self.v2_env)
        if code != 0:
            self.v2_missing = f"compose {self.v2_version} has no `watch` (needs 2.22 or later): {tail(out, 2)}"
            self.v2_env = None
            return False
        self.watch_prune = "--prune" in out
        return True

    def toolchain(self):
        """The local Go toolchain image: this machine's GOROOT (and the libraries its programs need,
        none for Go's static ones) imported as an image, made again only when its label differs."""
        code, goroot = run_cmd(["go", "env", "GOROOT"], env=self.env)
        code2, gover = run_cmd(["go", "env", "GOVERSION"], env=self.env)
        if code or code2:
            raise BenchError(f"go env failed: {goroot} {gover}")
        goroot, gover = goroot.strip(), gover.strip()
        gobin = Path(goroot) / "bin" / "go"
        st = gobin.stat()
        libs = []
        tools = [gobin] + sorted((Path(goroot) / "pkg" / "tool").glob("*/*"))
        for t in tools:
            if t.is_file():
                for lib in ldd_paths(run_cmd(["ldd", str(t)], env=self.env)[1]):
                    if lib not in libs:
                        libs.append(lib)
        want = toolchain_key(gover, goroot, (st.st_size, st.st_mtime_ns), libs)
        tag = toolchain_tag(gover)
        code, have = self.docker("image", "inspect", "-f", f"{{{{index .Config.Labels \"{TOOLCHAIN_LABEL}\"}}}}", tag)
        if code == 0 and have.strip() == want:
            return tag, False
        old = self.docker("image", "inspect", "-f", "{{.Id}}", tag)[1].strip() if code == 0 else ""
        log(f"  containers: making the Go toolchain image {tag} from {goroot} (once; kept for later runs)")
        skel = self.base / "toolchain-root"
        if skel.exists():
            shutil.rmtree(skel)
        for d in ("etc", "tmp", "root", "proc", "sys", "dev"):
            (skel / d).mkdir(parents=True)
        (skel / "tmp").chmod(0o1777)
        (skel / "etc" / "passwd").write_text("root:x:0:0:root:/root:/sbin/nologin\n")
        (skel / "etc" / "group").write_text("root:x:0:\n")
        rel = [os.path.relpath(goroot, "/")] + [os.path.relpath(x, "/") for x in libs]
        tar = subprocess.Popen(["tar", "--numeric-owner", "--owner=0", "--group=0", "-cf", "-", "-C", str(skel), ".",
                                "-C", "/", *rel], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
        try:
            r = subprocess.run(["docker", "import", "--change", f"LABEL {TOOLCHAIN_LABEL}=\"{want}\"",
                                "--change", f"ENV PATH={goroot}/bin:/usr/local/bin:/usr/bin:/bin",
                                "--change", f"ENV GOROOT={goroot}", "--change", "ENV HOME=/root",
                                "-", tag], stdin=tar.stdout, capture_output=True, text=True, timeout=900,
                               env=self.env)
        finally:
            tar.stdout.close()
            tar.wait()
        if r.returncode != 0 or tar.returncode != 0:
            raise BenchError(f"docker import of the toolchain failed: {tail(r.stdout + r.stderr, 4)}")
        new = self.docker("image", "inspect", "-f", "{{.Id}}", tag)[1].strip()
        if old and old != new:
            self.docker("rmi", old)
        return tag, True

    def sweep(self, label, value, say=None):
        """Removes every container and image labelled label=value, until two looks in a row find none
        (a compose command being stopped may still create one); then the networks of the rows'
        compose projects. Returns how many it removed."""
        removed, quiet = 0, 0
        flt = f"label={label}={value}"
        for _ in range(8):
            c = ids(self.docker("ps", "-aq", "--filter", flt)[1])
            if c:
                self.docker("rm", "-f", *c, timeout=120)
            i = ids(self.docker("images", "-aq", "--filter", flt)[1])
            if i:
                self.docker("rmi", "-f", *i, timeout=120)
            removed += len(c) + len(i)
            if c or i:
                quiet = 0
                continue
            quiet += 1
            if quiet >= 2:
                break
            time.sleep(0.3)
        for p in sorted(self.projects):
            for n in ids(self.docker("network", "ls", "-q", "--filter", f"label=com.docker.compose.project={p}")[1]):
                self.docker("network", "rm", n)
                removed += 1
        if removed and say:
            log(f"  containers: {say}: removed {removed} container(s)/image(s)/network(s)")
        return removed

    def left(self, row):
        """Containers of this run's row that exist now."""
        return ids(self.docker("ps", "-aq", "--filter", f"label={LABEL_RUN}={self.run_id}",
                               "--filter", f"label={LABEL_ROW}={row}")[1])

    def compose_down(self, project):
        folder = self.v2_projects.get(project)
        if folder and self.v2_env and folder.is_dir():
            run_cmd(["docker", "compose", "-p", project, "down", "--rmi", "local", "--remove-orphans", "-t", "5"],
                    env=self.v2_env, cwd=folder, timeout=120)

    def stop_session(self, s):
        """SIGINT, as a terminal's Ctrl-C, then whatever is left killed."""
        if s.proc is not None and s.proc.poll() is None:
            try:
                os.kill(s.proc.pid, signal.SIGINT)
            except OSError:
                pass
            try:
                s.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                pass
        s.cleanup()

    def cleanup(self):
        """Everything this run made, whatever happened (also on Ctrl-C: a second Ctrl-C is ignored
        meanwhile). Runs before the bench's own cleanup of sessions, so that our plugin and compose
        watch get SIGINT first and not SIGKILL."""
        main = threading.current_thread() is threading.main_thread()
        old = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            for s in list(self.sessions):
                self.stop_session(s)
                self.sessions.remove(s)
            for p in list(self.v2_projects):
                self.compose_down(p)
            self.sweep(LABEL_RUN, self.run_id)
        finally:
            if main:
                signal.signal(signal.SIGINT, old)


def prepare_service(folder, version):
    """The go template's service in folder (main.go serving `version`, go.mod), anything else removed."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    v = VARIANTS["go"]
    shutil.copy(TEMPLATES / v.name / "go.mod", folder / "go.mod")
    write_file(folder / v.version_file, v.source(version))


def settle(bench, s, minimum=None, stable=0.5, timeout=15.0):
    """Waits `minimum` (--gap), then until the tool's output has not grown for `stable` s."""
    time.sleep(bench.args.gap if minimum is None else minimum)
    log_path = s.state / "output.log"
    deadline = now() + timeout
    last, since = -1, now()
    while now() < deadline:
        try:
            size = log_path.stat().st_size
        except OSError:
            size = 0
        if size != last:
            last, since = size, now()
        elif now() - since >= stable:
            return
        time.sleep(0.1)


class Row:
    """One row while it runs: its record, session, service folder and how its reloads are counted."""

    def __init__(self, name, rec, session, folder, what, count_reloads):
        self.name, self.rec, self.session, self.folder = name, rec, session, folder
        self.what = what  # the tool, for messages
        self.count_reloads = count_reloads  # output text -> reloads in it
        self.failed = False
        self.ended = False


def start_row(bench, row):
    """Launch and first ready (measured alone: the other rows are not started yet or idle)."""
    a, s, v = bench.args, row.session, VARIANTS["go"]
    ver = f"{row.name}-start-{random.randrange(1 << 30)}"
    write_file(row.folder / v.version_file, v.source(ver))
    t0 = s.launch()
    t = wait_version(s.port, ver, a.startup_timeout, s.proc, poll=POLL)
    if t is None:
        raise BenchError(f"not ready within {a.startup_timeout} s after launch (see {s.state}/output.log)")
    row.rec["startup"] = t - t0
    row.rec["latency"], row.rec["reloads_per_change"] = [], []
    log(f"  containers/{row.name}: ready {ms(row.rec['startup'])} after launch")
    settle(bench, s, minimum=1.0)


def change_row(bench, row, i):
    """One change of main.go, timed until GET / serves it, then the tool left to settle."""
    a, s, v = bench.args, row.session, VARIANTS["go"]
    before = len(s.output())
    ver = f"rep{i}-{random.randrange(1 << 30)}"
    t0 = now()
    write_file(row.folder / v.version_file, v.source(ver))
    t = wait_version(s.port, ver, a.change_timeout, s.proc, poll=POLL)
    if t is None:
        raise BenchError(f"change {i} ({ver}) not served within {a.change_timeout} s (see {s.state}/output.log)")
    row.rec["latency"].append(t - t0)
    settle(bench, s)
    row.rec["reloads_per_change"].append(row.count_reloads(s.output()[before:]))


def rotation(rows, i):
    """The order of round i: each row first in turn, so that none is always measured right after another."""
    if not rows:
        return []
    k = i % len(rows)
    return rows[k:] + rows[:k]


def end_row(dk, row):
    """SIGINT to the row's tool and the clean-stop checks (as in every other scenario); the session
    stays in dk.sessions until it is stopped, so that a Ctrl-C meanwhile stops it again."""
    if row.ended:
        return
    row.ended = True
    s, rec = row.session, row.rec
    if row.name != "host" and s.proc is not None and s.proc.poll() is None:
        # which compose made the container, and its project (whose networks the sweep removes)
        code, out = dk.docker("ps", "-a", "--filter", f"label={LABEL_RUN}={dk.run_id}", "--filter",
                              f"label={LABEL_ROW}={row.name}", "--format",
                              '{{.Label "com.docker.compose.version"}}|{{.Label "com.docker.compose.project"}}')
        got = out.splitlines()[0].split("|") if code == 0 and out.strip() else []
        if len(got) == 2:
            # compose v2 built from source labels its containers with an empty version
            rec["compose_version"] = got[0] or (dk.v2_version if row.name == "compose-watch" else None) or "?"
            if got[1]:
                dk.projects.add(got[1])
    if s.proc is None:
        rec["stop"] = None
    elif s.proc.poll() is None:
        rec["stop"] = s.stop()
    else:
        rec["stop"] = None
        rec["errors"].append(f"{row.what} had exited with code {s.proc.returncode}; see {s.state}/output.log")
        s.cleanup()
    if s in dk.sessions:
        dk.sessions.remove(s)
    if rec["tool"] == "hotreload":
        rec["plugin_reloads"] = plugin_reloads(s.output())
    if row.name != "host":
        # our plugin removes its container when it stops; compose watch leaves it running (its users
        # run `down`), which the bench does next
        rec["containers_left_after_stop"] = len(dk.left(row.name))
    if row.name == "compose-watch":
        dk.compose_down(project_name(dk.key, row.name))


def row_folders(dk, row):
    """A row's own folder, its compose project name and the service folder in it, set up at v0."""
    d = dk.base / row
    project = project_name(dk.key, row)
    folder = d / project
    d.mkdir(parents=True, exist_ok=True)
    prepare_service(folder, "v0")
    return d, project, folder


def plugin_row(bench, dk, row, rec):
    tool = bench.tools["hotreload"]
    if tool.locate() is None:
        raise BenchError(f"the plugin is not in {bench.maven.repo()} (use --build-plugin DIR)")
    d, project, folder = row_folders(dk, row)
    # both rows build the same static binary: the go preset sets CGO_ENABLED=0 in a container, and
    # the host row gets it too, so that their difference is the container's part alone
    budget = min(bench.time_left(), 1800)
    pom = d / "pom.xml"
    argv = bench.maven.argv(pom) + ["hotreload:watch", f"-Dhotreload.maxDuration={int(budget)}s"]
    s = RowSession(bench, RowTool("hotreload", argv, d), row, budget, {"CGO_ENABLED": "0"})
    pom.write_text(row_pom(row, project, s.port))
    (s.state / "pom.xml").write_text(pom.read_text())
    if row == "container":
        labels = dict(dk.labels, **{LABEL_ROW: row})
        (folder / "compose.yaml").write_text(compose_text(s.port, labels))
        (folder / "Dockerfile").write_text(runtime_dockerfile())
    rec["port"] = s.port
    dk.sessions.append(s)
    return Row(row, rec, s, folder, "our plugin", lambda text: len(plugin_reloads(text)))


def watch_row(bench, dk, rec):
    """The compose-watch row, its image built once (not measured); None when there is no compose v2."""
    if dk.v2_env is None:
        rec["skipped"] = dk.v2_missing
        log(f"  containers/compose-watch: skipped: {dk.v2_missing}")
        return None
    row = "compose-watch"
    image, made = dk.toolchain()
    rec["toolchain_image"], rec["toolchain_made"] = image, made
    d, project, folder = row_folders(dk, row)
    budget = min(bench.time_left(), 1800)
    argv = ["docker", "compose", "-p", project, "watch"] + (["--prune"] if dk.watch_prune else [])
    s = RowSession(bench, RowTool("compose-watch", argv, folder), row, budget,
                   {k: v for k, v in dk.v2_env.items() if k in ("DOCKER_CONFIG", "DOCKER_BUILDKIT", "COMPOSE_BAKE")})
    labels = dict(dk.labels, **{LABEL_ROW: row})
    (folder / "compose.yaml").write_text(compose_text(s.port, labels, watch=True))
    (folder / ".dockerignore").write_text(watch_dockerignore())
    dk.projects.add(project)
    dk.v2_projects[project] = folder
    rec["port"] = s.port
    rec["watch_argv"] = argv
    # the first build, not measured: compiles the standard library into the cache mounts the first time
    rec["cache_mounts"] = None
    for mounts in (True, False):
        (folder / "Dockerfile").write_text(watch_dockerfile(image, cache_mounts=mounts))
        t0 = now()
        code, out = run_cmd(["docker", "compose", "-p", project, "build"], env=dk.v2_env, cwd=folder, timeout=900)
        (s.state / f"first-build{'' if mounts else '-no-cache-mounts'}.log").write_text(out + "\n")
        if code == 0:
            rec["cache_mounts"] = mounts
            rec["first_build"] = now() - t0
            log(f"  containers/compose-watch: first image build {ms(rec['first_build'])} "
                f"({'with' if mounts else 'without'} BuildKit cache mounts)")
            break
        rec.setdefault("build_errors", []).append(tail(out, 6))
        log(f"  containers/compose-watch: image build {'with' if mounts else 'without'} cache mounts failed:\n"
            f"{tail(out, 6)}")
    if rec["cache_mounts"] is None:
        raise BenchError(f"the compose-watch image does not build (see {s.state}/first-build*.log)")
    dk.sessions.append(s)
    return Row(row, rec, s, folder, "docker compose watch", watch_rebuilds)


def run_containers(bench):
    """The scenario; returns its record (results["containers"]). The rows are started one after the
    other, then changed in rounds, each round in a rotated order, so that a slow spell of a shared
    machine falls on every row alike."""
    a = bench.args
    t_start = now()
    names = list(a.container_variants)
    rec = {"rows": {}, "order": names, "reps": a.reps, "poll_ms": POLL * 1000, "errors": [], "versions": {},
           "tools": dict(ROW_TOOL)}
    base = bench.work / "containers"
    base.mkdir(parents=True, exist_ok=True)
    dk = Docker(bench, base)
    rec["run_label"] = f"{LABEL_RUN}={dk.run_id}"
    bench.cleanups.append(dk.cleanup)
    rows = []
    try:
        try:
            rec["versions"]["docker engine"] = dk.engine()
        except BenchError as e:
            rec["errors"].append(f"containers: {e}")
            log(f"  ERROR containers: {e}")
            return rec
        rec["versions"]["docker-compose (v1)"] = dk.compose_v1()
        dk.sweep(LABEL_WORK, dk.key, say="left by an earlier run in this work directory")
        if "compose-watch" in names:
            dk.find_compose_v2(a.compose_v2)
            rec["versions"]["docker compose (v2)"] = dk.v2_version
            if dk.v2_env is not None:
                rec["compose_v2_config"] = dk.v2_env.get("DOCKER_CONFIG")
        for name in names:
            bench.check_time()
            r = rec["rows"][name] = {"row": name, "tool": ROW_TOOL[name], "errors": []}
            if ROW_TOOL[name] == "hotreload" and "hotreload" not in a.tools:
                r["skipped"] = "our plugin is not in --tools"
                continue
            log(f"== containers: {name}")
            row = None
            try:
                row = watch_row(bench, dk, r) if name == "compose-watch" else plugin_row(bench, dk, name, r)
                if row is not None:
                    rows.append(row)
                    start_row(bench, row)
            except (BenchError, OSError) as e:
                r["errors"].append(str(e))
                log(f"  ERROR containers/{name}: {e}")
                if row is not None:
                    row.failed = True
                    end_row(dk, row)
        live = [x for x in rows if not x.failed]
        if live:
            log(f"  containers: {a.reps} rounds of one change per row ({', '.join(x.name for x in live)}), "
                "in a rotating order")
        for i in range(a.reps):
            for row in rotation([x for x in live if not x.failed], i):
                bench.check_time()
                try:
                    change_row(bench, row, i)
                except BenchError as e:
                    row.rec["errors"].append(str(e))
                    log(f"  ERROR containers/{row.name}: {e}")
                    row.failed = True
                    end_row(dk, row)
        for row in live:
            f = row_figures(row.rec["latency"])
            log(f"  containers/{row.name}: p50 {ms(f['p50'])}, p90 {ms(f['p90'])}, min {ms(f['min'])}, "
                f"max {ms(f['max'])} over {f['n']} changes; reloads per change {row.rec['reloads_per_change']}")
        host = (rec["rows"].get("host") or {}).get("latency")
        ctr = (rec["rows"].get("container") or {}).get("latency")
        if host and ctr:
            log(f"  containers: container p50 - host p50 = {ms(med(ctr) - med(host))}")
    finally:
        for row in rows:
            end_row(dk, row)
        dk.cleanup()
        if dk.cleanup in bench.cleanups:
            bench.cleanups.remove(dk.cleanup)
        rec["seconds"] = round(now() - t_start, 1)
    return rec
