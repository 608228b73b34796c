"""The services every tool is measured on: the variants (none, go, rust), generated from
bench/templates/ with a build wrapper that counts builds, their storm files, and the trees of
watched files that are moved in and out of them."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .common import TEMPLATES, BenchError, log


def write_file(path, text):
    """An in-place rewrite, as most editors' plain save: truncate and write in one call."""
    fd = os.open(path, os.O_WRONLY | os.O_TRUNC | os.O_CREAT, 0o644)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


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


def wrapper_script(build):
    """The counting build wrapper: one line (pid, start ns) in $BENCH_BUILDS when it starts, one
    line (pid, end ns, exit code) in $BENCH_BUILDS.exit when the build ends. A build stopped by a
    signal (a tool cancelling it) passes the signal on and writes no exit line: it did not complete."""
    return ("#!/bin/sh\n# counts one build, runs the real build command, records its exit code\n"
            '[ -n "$BENCH_BUILDS" ] && echo "$$ $(date +%s%N)" >>"$BENCH_BUILDS"\n'
            f"{build} &\n"
            "child=$!\n"
            "trap 'kill -TERM $child 2>/dev/null; wait $child; exit 143' TERM\n"
            "trap 'kill -TERM $child 2>/dev/null; wait $child; exit 130' INT\n"
            "wait $child\n"
            "rc=$?\n"
            '[ -n "$BENCH_BUILDS" ] && echo "$$ $(date +%s%N) $rc" >>"$BENCH_BUILDS.exit"\n'
            "exit $rc\n")


def build_exits(path):
    """Exit codes of the completed builds in a counter file's companion ($BENCH_BUILDS.exit), in order."""
    out = []
    try:
        lines = Path(str(path) + ".exit").read_text().splitlines()
    except OSError:
        return out
    for line in lines:
        parts = line.split()
        if len(parts) >= 3 and parts[2].lstrip("-").isdigit():
            out.append(int(parts[2]))
    return out


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


class ServiceArea:
    """The services and trees of one work directory (bench/work/ by default)."""

    def __init__(self, work, storm_files, env):
        self.work = work
        self.storm_files = storm_files
        self.env = env  # () -> the environment of a build

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
        for i in range(self.storm_files):
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
            w.write_text(wrapper_script(v.build))
            w.chmod(0o755)
            v.wrapper = str(w)
        self.warm_build(v)

    def warm_build(self, v):
        if not v.wrapper:
            return
        r = subprocess.run([v.wrapper], cwd=v.svc, env=self.env(), stdin=subprocess.DEVNULL,
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
