"""The Maven wrapper and local repository our plugin runs with, and installing the plugin from a
checkout."""

import os
import re
import subprocess
from pathlib import Path

from .common import PLUGIN, BenchError, log


class Maven:
    def __init__(self, mvnw, repo_arg):
        self.mvnw = Path(mvnw).resolve()
        self.repo_arg = repo_arg  # --maven-repo, or None for the user's own

    def repo(self):
        if self.repo_arg:
            return Path(self.repo_arg).resolve()
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
        return self.repo().joinpath(*g.split("."), a, v, f"{a}-{v}.jar")

    def argv(self, pom):
        argv = [str(self.mvnw), "-q", "-B", "-o", "-f", str(pom)]
        if self.repo_arg:
            argv.append(f"-Dmaven.repo.local={self.repo()}")
        return argv

    def version(self):
        props = self.mvnw.parent / ".mvn" / "wrapper" / "maven-wrapper.properties"
        try:
            m = re.search(r"apache-maven-([\d.]+)", props.read_text())
            return m.group(1) if m else "?"
        except OSError:
            return "?"


def build_plugin(src, maven):
    """Installs the plugin from the checkout src into the repository maven uses."""
    src = Path(src).resolve()
    argv = [str(src / "mvnw"), "-q", "-B", "install", "-DskipTests", "-Dinvoker.skip"]
    if maven.repo_arg:
        argv.append(f"-Dmaven.repo.local={maven.repo()}")
    log(f"building the plugin: {' '.join(argv)} (in {src})")
    r = subprocess.run(argv, cwd=src, stdin=subprocess.DEVNULL, timeout=1200)
    if r.returncode != 0:
        raise BenchError("building the plugin failed")
