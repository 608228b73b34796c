"""What the report says about the machine and the toolchains: CPU model, load, versions."""

import platform
import shutil
from pathlib import Path

from .spawn import run_text


def loadavg():
    return Path("/proc/loadavg").read_text().strip()


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
