"""Starting child processes: the set-up every process the bench starts gets, and running a short
command for its text output."""

import ctypes
import os
import resource
import signal
import subprocess

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


def run_text(argv, timeout=30, **kw):
    try:
        r = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL, **kw)
        return (r.stdout + r.stderr).strip()
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"? ({e})"
