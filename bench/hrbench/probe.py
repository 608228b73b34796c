"""Asking a service which version it serves: one GET, and polling until a version is served."""

import http.client
import time

from .common import BenchError, now


POLL = 0.005  # HTTP poll interval while waiting for a version, seconds


def fetch(port, timeout=1.0):
    """The body of GET http://127.0.0.1:port/, or None."""
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            c.request("GET", "/")
            r = c.getresponse()
            body = r.read().decode("utf-8", "replace")
            return body if r.status == 200 else None
        finally:
            c.close()
    except (OSError, http.client.HTTPException):
        return None


def wait_version(port, version, timeout, proc=None):
    """Polls every POLL s until the server answers `version`; returns the monotonic time it did."""
    deadline = now() + timeout
    while now() < deadline:
        if fetch(port, timeout=1.0) == version:
            return now()
        if proc is not None and proc.poll() is not None:
            raise BenchError(f"the watcher exited with code {proc.returncode} before serving {version}")
        time.sleep(POLL)
    return None
