"""The tools measured (our plugin and its peers): where each is found, how it is installed when
missing, its version, and the command line that runs it on a service in restart mode."""

import os
import re
import shlex
import time
from pathlib import Path

from .common import PLUGIN, TOOLS_DIR, hotreload_quiet, plugin_pom, preset_delay_text
from .spawn import run_text


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
    debounce = ""  # the default quiet period, as the table shows it (the tool's own documented default)

    def locate(self):
        return on_path(self.binary, EXTRA_BIN)

    def install_command(self):
        return None

    def command(self, s):
        """(argv, cwd, stdin path or None) for session s."""
        raise NotImplementedError

    def version(self):
        return "?"


class Hotreload(Tool):
    name = "hotreload"
    binary = "mvnw"
    debounce = preset_delay_text() + " (delay)"  # the table shows the variant's value (summary "quiet")

    def __init__(self, bench):
        self.bench = bench

    def locate(self):
        jar = self.bench.maven.plugin_jar()
        return self.bench.maven.mvnw if jar.is_file() and self.bench.maven.mvnw.is_file() else None

    def delay(self, v):
        return hotreload_quiet(v.preset, self.bench.args.hotreload_delay)

    def version(self):
        # the bench runs whatever jar the Maven repository holds: its build time tells which one
        try:
            built = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(self.bench.maven.plugin_jar().stat().st_mtime))
        except OSError:
            built = "?"
        return f"{':'.join(PLUGIN)} (jar built {built}, Maven wrapper {self.bench.maven.version()})"

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
        return plugin_pom(f"bench-{v.name}", parts, getattr(s, "extra_services", ()))

    def pom_path(self, s):
        return s.variant.svc.parent / f"hotreload-{s.variant.name}.pom.xml"

    def command(self, s):
        pom = self.pom_path(s)
        pom.write_text(self.pom(s))
        (s.state / "pom.xml").write_text(self.pom(s))  # a copy next to the session's output
        argv = self.bench.maven.argv(pom) + ["hotreload:watch", f"-Dhotreload.maxDuration={int(s.budget)}s"]
        return argv, pom.parent, None


class Air(Tool):
    name = "air"
    binary = "air"
    debounce = "1000 ms (delay)"

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
        lines.append("entrypoint = [" + ", ".join(f'"{w}"' for w in shlex.split(v.run)) + "]")
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
    debounce = "500 ms (--delay)"

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
    debounce = "50 ms (--debounce)"

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
    debounce = "none"

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
    debounce = "none"

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


PEER_CLASSES = [Air, CargoWatch, Watchexec, Nodemon, Entr]
DEFAULT_QUIET = {c.name: c.debounce for c in PEER_CLASSES}  # the peers' default quiet periods, for the table


def watched_files(v):
    """The files a user would list for entr: sources with the variant's extension."""
    skip = {".git", "tmp", "target"}
    for root, dirs, files in os.walk(v.svc):
        dirs[:] = [d for d in dirs if d not in skip]
        for f in files:
            if f.endswith("." + v.ext):
                yield os.path.relpath(os.path.join(root, f), v.svc)
