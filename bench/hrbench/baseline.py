"""The references a tool is compared with: the plain script (the same build and start, with no
watcher) measured right before each tool, and Maven's own start-up on the same POM."""

import random
import shlex
import shutil
import subprocess
import time

from .common import BenchError, log, ms, now
from .probe import wait_version
from .services import build_in_place
from .spawn import child_setup
from .stats import med


def baseline(bench, v, reps=None, startup=True):
    """The plain script on v: `reps` (default --reps) changes and, with startup, its start-ups."""
    reps = bench.args.reps if reps is None else reps
    port = bench.next_port()
    state = bench.work / "state" / f"plain-{v.name}"
    if state.exists():
        shutil.rmtree(state)
    state.mkdir(parents=True)
    env = bench.env(port, state / "starts", state / "builds")
    out = open(state / "output.log", "w")
    server = None
    res = {"latency": [], "build": [], "start": [], "startup": [], "build_in_place": []}

    def start():
        p = subprocess.Popen(shlex.split(v.run), cwd=v.svc, env=env, stdin=subprocess.DEVNULL, stdout=out,
                             stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=child_setup)
        bench.servers.append(p)
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
        if p in bench.servers:
            bench.servers.remove(p)

    def build():
        if v.wrapper:
            r = subprocess.run([v.wrapper], cwd=v.svc, env=env, stdin=subprocess.DEVNULL, stdout=out,
                               stderr=subprocess.STDOUT, timeout=600)
            if r.returncode != 0:
                raise BenchError(f"plain build of {v.name} failed")

    try:
        # start-up of the plain script: build (up to date) and start, on a tree built already
        for i in range(bench.args.startup_reps if startup else 0):
            ver = f"plain-start-{i}-{random.randrange(1 << 30)}"
            v.write_version(ver)
            bench.area.warm_build(v)
            stop(server)
            t0 = now()
            build()
            server = start()
            t = wait_version(port, ver, 120, server, starts=state / "starts")
            if t is None:
                raise BenchError(f"plain {v.name} server never served {ver}")
            res["startup"].append(t - t0)
        for i in range(reps):
            bench.check_time()
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
            t = wait_version(port, ver, 120, server, starts=state / "starts")
            if t is None:
                raise BenchError(f"plain {v.name} server never served {ver}")
            res["latency"].append(t - t0)
            res["build"].append(t1 - t0)
            res["start"].append(t - t1)
    finally:
        stop(server)
        out.close()
    log(f"plain script, {v.name}: build+start median {ms(med(res['latency']))} "
        f"(build {ms(med(res['build']))}, stop+start {ms(med(res['start']))})"
        + (f", start-up {ms(med(res['startup']))}" if startup else ""))
    return res


def maven_validate(bench, pom):
    """One `mvnw validate` on pom: Maven's own start-up, no plugin runs."""
    t0 = now()
    r = subprocess.run(bench.maven.argv(pom) + ["validate"], cwd=pom.parent, env=bench.env(0, "", ""),
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300,
                       preexec_fn=child_setup)
    if r.returncode != 0:
        raise BenchError(f"Maven alone (validate) failed:\n{r.stdout}{r.stderr}")
    return now() - t0


def maven_alone(bench):
    """Maven's own start-up: `validate` on the same POM (no plugin runs), and the goal skipped."""
    v = bench.variants[0]
    state = bench.work / "state" / "maven-alone"
    if state.exists():
        shutil.rmtree(state)
    state.mkdir(parents=True)
    fake = type("S", (), {})()
    fake.variant, fake.port, fake.state = v, 1, state
    pom = bench.tools["hotreload"].pom_path(fake)
    pom.write_text(bench.tools["hotreload"].pom(fake))
    res = {}
    for key, extra in (("validate", ["validate"]), ("goal_skipped", ["hotreload:watch", "-Dhotreload.skip"])):
        times = []
        for _ in range(bench.args.startup_reps):
            t0 = now()
            r = subprocess.run(bench.maven.argv(pom) + extra, cwd=state, env=bench.env(0, "", ""),
                               stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300,
                               preexec_fn=child_setup)
            if r.returncode != 0:
                raise BenchError(f"Maven alone ({key}) failed:\n{r.stdout}{r.stderr}")
            times.append(now() - t0)
        res[key] = times
    log(f"Maven alone: validate {ms(med(res['validate']))}, goal skipped {ms(med(res['goal_skipped']))}")
    return res

# -- the phases of a tool's run
