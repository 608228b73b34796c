"""The whole run: one work directory (locked), the tools and services, the order of preparation,
references and sessions, the time limit, and stopping everything at the end."""

import datetime
import fcntl
import os
import platform
from pathlib import Path

from .baseline import baseline, maven_alone
from .containers import run_containers
from .followers import run_followers
from .common import GENERIC_TOOLS, JAVA_TOOL_NAMES, BenchError, log, now, passes
from .installs import start_installs, wait_installs
from .javasessions import run_java
from .javatools import QUARKUS_VERSION, SPRING_BOOT_VERSION
from .machine import cpu_model, loadavg, toolchain_versions
from .maven import Maven, build_plugin
from .proctable import listening
from .services import VARIANTS, ServiceArea
from .sessions import run_tool, second_pass
from .tools import EXTRA_BIN, Air, CargoWatch, Entr, Hotreload, Nodemon, Watchexec


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = Path(args.work_dir).resolve()
        self.maven = Maven(args.mvnw, args.maven_repo)
        self.sessions = []
        self.servers = []  # plain-script servers: Popen
        self.cleanups = []  # callables run first when everything is stopped (the containers scenario's)
        self.port = args.base_port
        self.deadline = now() + args.max_minutes * 60
        self.results = {"meta": {}, "baseline": {}, "maven": {}, "runs": {}, "errors": []}
        # the scenarios that measure the variants' sessions (the followers scenario has its own session)
        self.per_variant = [x for x in args.scenarios if x in ("standard", "editors")]
        self.tools = {"hotreload": Hotreload(self), "air": Air(), "cargo-watch": CargoWatch(),
                      "watchexec": Watchexec(), "nodemon": Nodemon(), "entr": Entr()}
        self.variants = [VARIANTS[v] for v in args.variants if v in VARIANTS and self.per_variant]  # none, go, rust
        self.java = "java" in args.variants and bool(self.per_variant)
        for v in VARIANTS.values():
            v.svc = self.work / "svc" / v.name
        self.area = ServiceArea(self.work, args.storm_files, lambda: self.env(0, "", ""))

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

    def time_left(self):
        return self.deadline - now()

    def check_time(self):
        if self.time_left() <= 0:
            raise BenchError(f"the run's time limit (--max-minutes {self.args.max_minutes}) is used up")


    def cleanup_all(self):
        for c in list(self.cleanups):
            try:
                c()
            except Exception:  # noqa: BLE001 - best effort at exit
                pass
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
                self.area.restore_tree(v)
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
                     "loadavg_start": loadavg()})
        if a.build_plugin:
            build_plugin(a.build_plugin, self.maven)
        generic = [t for t in a.tools if t in GENERIC_TOOLS] if self.variants else []
        installs = start_installs(self.tools, generic, lambda: self.env(0, "", "")) if a.install else {}
        for v in self.variants:
            log(f"preparing the {v.name} service in {v.svc}")
            self.area.prepare_variant(v)
            for n in (a.small_tree, a.large_tree) if "standard" in a.scenarios else (a.small_tree,):
                if n > 0:
                    self.area.pool(v, n)
        if installs:
            wait_installs(self.tools, installs, self.time_left)
        tools = []
        for name in generic:
            if self.tools[name].locate() is None:
                msg = (f"{name} is not available" + (" (the plugin is not in " + str(self.maven.repo()) +
                       "; use --build-plugin DIR)" if name == "hotreload" else " (run without --no-install)"))
                log(msg)
                self.results["errors"].append(msg)
                for v in self.variants:
                    self.results["runs"][f"{name}/{v.name}"] = {"tool": name, "variant": v.name, "errors": [msg],
                                                               "stops": []}
            else:
                tools.append(name)
        meta["versions"] = {n: self.tools[n].version() for n in tools}
        if self.java or (("followers" in a.scenarios or "containers" in a.scenarios) and "hotreload" in a.tools):
            meta["versions"].setdefault("hotreload", self.tools["hotreload"].version())
            if "quarkus" in a.tools:
                meta["versions"]["quarkus"] = QUARKUS_VERSION
            if "spring-boot" in a.tools:
                meta["versions"]["spring-boot"] = SPRING_BOOT_VERSION
        meta["versions"].update(toolchain_versions())
        if "hotreload" in meta["versions"]:
            log(f"our plugin: {meta['versions']['hotreload']}, from {self.maven.plugin_jar()}")
        if "hotreload" in tools and self.variants and "standard" in a.scenarios:
            try:
                self.results["maven"] = maven_alone(self)
            except BenchError as e:
                self.results["errors"].append(str(e))
        for v in self.variants:
            pooled = self.results["baseline"].setdefault(v.name, {"latency": [], "build": [], "start": [],
                                                                  "startup": [], "build_in_place": []})
            if "standard" not in a.scenarios and ("editors" not in a.scenarios or v.name not in a.editor_variants):
                continue
            lat1, lat2 = passes(a.reps, len(tools))
            storm1, storm2 = passes(a.storm_reps, len(tools))
            for name in tools or [None]:
                self.check_time()
                self.area.prepare_variant(v)
                if "standard" not in a.scenarios:
                    # the editor scenarios alone need no plain-script reference
                    if name is not None:
                        log(f"== {name} / {v.name}: editor scenarios")
                        rec = run_tool(self, self.tools[name], v, None)
                        rec["plain"] = None
                        self.results["runs"][f"{name}/{v.name}"] = rec
                    continue
                # the plain script runs right before each tool, so that both see the same machine load
                log(f"== {name or 'no tool'} / {v.name}: plain script first")
                try:
                    plain = baseline(self, v, reps=lat1 if "standard" in a.scenarios else None)
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
                self.area.prepare_variant(v)
                rec = run_tool(self, self.tools[name], v, plain, lat1, storm1)
                rec["plain"] = plain
                self.results["runs"][f"{name}/{v.name}"] = rec
            if "standard" in a.scenarios and tools and (lat2 or storm2):
                # the second pass, in the reverse order: see passes()
                for name in reversed(tools):
                    self.check_time()
                    log(f"== {name} / {v.name}: second pass (reverse order), plain script first")
                    self.area.prepare_variant(v)
                    try:
                        plain = baseline(self, v, reps=lat2, startup=False)
                    except BenchError as e:
                        plain = None
                        self.results["errors"].append(f"plain {v.name} (second pass): {e}")
                        log(f"ERROR plain {v.name} (second pass): {e}")
                    rec = self.results["runs"][f"{name}/{v.name}"]
                    if plain:
                        for k in pooled:
                            pooled[k].extend(plain[k])
                        if rec.get("plain"):
                            for k in pooled:
                                rec["plain"][k] = rec["plain"].get(k, []) + plain[k]
                        else:
                            rec["plain"] = plain
                    log(f"== {name} / {v.name}: second pass")
                    self.area.prepare_variant(v)
                    second_pass(self, self.tools[name], v, rec, lat2, storm2)
        if "followers" in a.scenarios:
            self.check_time()
            if "hotreload" not in a.tools:
                log("followers: skipped, our plugin is not in --tools")
            elif self.tools["hotreload"].locate() is None:
                self.results["errors"].append("followers: the plugin is not in " + str(self.maven.repo()))
            else:
                log("== followers: hotreload / none with a marker service, followers of its log")
                self.results["followers"] = run_followers(self)
        if "containers" in a.scenarios:
            self.check_time()
            log(f"== containers: one Go service, rows {', '.join(a.container_variants)}")
            self.results["containers"] = run_containers(self)
        if self.java:
            # the java variant: each tool on its own Maven project, no plain-script reference (the
            # exec recipe is the plain Maven package and java -jar)
            for name in [t for t in a.tools if t in JAVA_TOOL_NAMES]:
                self.check_time()
                log(f"== {name} / java")
                self.results["runs"][f"{name}/java"] = run_java(self, name)
        meta["loadavg_end"] = loadavg()
        meta["minutes"] = round((datetime.datetime.now().astimezone() - started).total_seconds() / 60, 1)
        return self.results
