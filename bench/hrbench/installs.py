"""Installing the missing peers in the background while services and trees are generated, and
waiting for them before anything is measured (so that installs do not compete for the CPU)."""

import os
import signal
import subprocess

from .common import TOOLS_DIR, log
from .spawn import child_setup


def start_installs(all_tools, tools, env):
    """Installs the missing ones of tools in the background; returns {tool: Popen}. all_tools: {name:
    Tool}; env: () -> the environment of an install."""
    logs = TOOLS_DIR / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    procs = {}
    cargo_queue = []
    for name in tools:
        t = all_tools[name]
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
        procs[name] = _spawn_install(name, argv, extra, logs, env)
    if cargo_queue:
        # run sequentially, each with its own log; failure of one does not stop the next
        script = " ; ".join(" ".join(a) + f" >{logs}/{n}.log 2>&1" for n, a, _ in cargo_queue)
        for n, _, _ in cargo_queue:
            log(f"installing {n} in the background (log: {logs}/{n}.log)")
        p = subprocess.Popen(["sh", "-c", script], stdin=subprocess.DEVNULL, env=env(),
                             start_new_session=True, preexec_fn=child_setup)
        for n, _, _ in cargo_queue:
            procs[n] = p
    return procs


def _spawn_install(name, argv, extra, logs, env):
    log(f"installing {name} in the background: {' '.join(argv)} (log: {logs}/{name}.log)")
    e = env()
    e.update(extra)
    return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=open(logs / f"{name}.log", "w"),
                            stderr=subprocess.STDOUT, env=e, start_new_session=True,
                            preexec_fn=child_setup)


def wait_installs(all_tools, procs, time_left):
    waited = set()
    for name, p in procs.items():
        if id(p) in waited:
            continue
        waited.add(id(p))
        timeout = max(60, min(3600, time_left()))
        log(f"waiting for installs to finish ({name}...)")
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
    for name in procs:
        log(f"{name}: {'installed' if all_tools[name].locate() else 'NOT installed (see bench/tools/logs)'}")
