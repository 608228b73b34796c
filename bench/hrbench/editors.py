"""Editor saves as scenarios: the ways vim, VS Code/nano and JetBrains IDEs write a file, and a save
of several files at once. Each must give one reload and never a failed build of a half-written file.

Every save function takes the variant and the new text of its main source file and returns once the
save is complete, as the editor would. Paths are those of the variant's service (v.svc)."""

import os
import random
import re
import time

from .common import BenchError, log, ms, now
from .probe import wait_version
from .services import build_exits, write_file
from .stats import med

# VS Code and nano truncate the file, then write the new content in a second call; on this machine
# the gap between the two is a few milliseconds (the editor's own work between them)
TRUNCATE_GAP = 0.003

SCENARIOS = ["vim", "truncate-write", "jetbrains", "save-all"]
SCENARIO_LABELS = {"vim": "vim (backup rename, 4913 probe, swap file)",
                   "truncate-write": f"truncate, then write ({TRUNCATE_GAP * 1000:.0f} ms later)",
                   "jetbrains": "JetBrains safe write",
                   "save-all": "save of 3 files at once"}
SMOKE_SCENARIO = "truncate-write"

FAILED_LINE = re.compile(r"» build failed")
EXITED_LINE = re.compile(r"» exited with code")


def main_file(v):
    return v.svc / v.version_file


def swap_file(v):
    f = main_file(v)
    return f.parent / f".{f.name}.swp"


def write_new(path, text, fsync=False):
    """Creates path (it must not exist) and writes text in one call."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, text.encode())
        if fsync:
            os.fsync(fd)
    finally:
        os.close(fd)


def save_vim(v, text):
    """vim with its defaults (backupcopy=auto on a plain file, writebackup): it probes that it may
    create files in the directory (4913), renames the original to the backup, writes a new file,
    deletes the backup. Its swap file exists all the while (see open_vim) and is updated."""
    f = main_file(v)
    probe = f.parent / "4913"
    write_new(probe, "")
    os.unlink(probe)
    backup = f.parent / (f.name + "~")
    os.rename(f, backup)
    write_new(f, text, fsync=True)
    os.unlink(backup)
    write_file(swap_file(v), "b0VIM 9.0 swap, updated\n")


def open_vim(v):
    """vim opening the file: its swap file appears."""
    write_file(swap_file(v), "b0VIM 9.0 swap\n")


def close_vim(v):
    try:
        os.unlink(swap_file(v))
    except FileNotFoundError:
        pass


def save_truncate_write(v, text):
    """VS Code, nano: open the file, truncate it to 0 (visible at once), then the content in a
    second write a few milliseconds later."""
    fd = os.open(main_file(v), os.O_WRONLY)
    try:
        os.ftruncate(fd, 0)
        time.sleep(TRUNCATE_GAP)
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def save_jetbrains(v, text):
    """IntelliJ/GoLand/RustRover "safe write": the new content in a temporary file, the original
    renamed aside, the temporary renamed into place, the old one deleted."""
    f = main_file(v)
    tmp = f.parent / (f.name + "___jb_tmp___")
    old = f.parent / (f.name + "___jb_old___")
    write_new(tmp, text)
    os.rename(f, old)
    os.rename(tmp, f)
    os.unlink(old)


def save_all(v, text):
    """"Save all": the main source, then two other watched files of the service, back to back."""
    write_file(main_file(v), text)
    tag = random.randrange(1 << 30)
    storm = v.svc / v.storm_dir
    for i in (0, 1):
        write_file(storm / f"s{i:04d}.{v.ext}", f"{v.storm_header} {i} saved {tag}\n")


SAVES = {"vim": save_vim, "truncate-write": save_truncate_write, "jetbrains": save_jetbrains, "save-all": save_all}
BEFORE = {"vim": open_vim}
AFTER = {"vim": close_vim}


def failed_lines(text):
    """(build failed lines, exited lines) our plugin printed in text."""
    return len(FAILED_LINE.findall(text)), len(EXITED_LINE.findall(text))


def log_size(s):
    try:
        return (s.state / "output.log").stat().st_size
    except OSError:
        return 0


def log_since(s, offset):
    try:
        with open(s.state / "output.log", "rb") as f:
            f.seek(offset)
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def measure_editors(bench, s, rec, scenarios, reps):
    """rec["editors"][scenario] = one dict per repetition: latency, builds started, completed and
    failed (the wrapper's exit codes), restarts, and the failed builds the tool showed (ours: its
    `» build failed` lines; a peer shows every failed build's output, so its failed exit codes)."""
    a, tool, v = bench.args, s.tool, s.variant
    out = rec.setdefault("editors", {})
    for sc in scenarios:
        reps_out = out.setdefault(sc, [])
        for i in range(reps):
            bench.check_time()
            if sc in BEFORE:
                BEFORE[sc](v)
            s.quiesce(a.gap)
            c0, e0, o0 = s.counts(), len(build_exits(s.builds)), log_size(s)
            ver = f"{sc}{i}-{random.randrange(1 << 30)}"
            t0 = now()
            try:
                SAVES[sc](v, v.source(ver))
                t = wait_version(s.port, ver, a.change_timeout, s.proc, starts=s.starts)
                if t is None:
                    raise BenchError(f"editor save {sc} {i} ({ver}) not served within {a.change_timeout} s")
                s.quiesce(a.gap)
            finally:
                if sc in AFTER:
                    AFTER[sc](v)
            c1, exits = s.counts(), build_exits(s.builds)[e0:]
            failed = sum(1 for rc in exits if rc != 0)
            shown, exited = failed_lines(log_since(s, o0)) if tool.name == "hotreload" else (failed, 0)
            reps_out.append({"latency": t - t0, "builds": c1[0] - c0[0], "completed": len(exits), "failed": failed,
                             "starts": c1[1] - c0[1], "failed_shown": shown, "exited_shown": exited})
        log(f"  {tool.name}/{v.name}: editor {sc}: " + " ".join(rep_text(r) for r in reps_out)
            + f" (completed/failed shown/restarts), median {ms(med([r['latency'] for r in reps_out]))}")


def rep_text(r):
    """completed builds / failed builds shown / restarts of one repetition, as the report shows it."""
    t = f"{r['completed']}/{r['failed_shown']}/{r['starts']}"
    if r.get("exited_shown"):
        t += f" ({r['exited_shown']} exit)"
    return t


def rep_ok(r):
    """One reload and no failed build shown."""
    return r["starts"] == 1 and r["failed_shown"] == 0
