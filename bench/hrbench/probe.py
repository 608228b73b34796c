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


def wait_version(port, version, timeout, proc=None, request_timeout=1.0, poll=POLL):
    """Polls every `poll` s (POLL by default) until the server answers `version`; returns the
    monotonic time it did."""
    return wait_all([(port, version)], timeout, proc, request_timeout, poll)


def wait_all(expected, timeout, proc=None, request_timeout=1.0, poll=POLL):
    """Polls each (port, body) of expected every `poll` s until each has answered its body once;
    returns the monotonic time the last of them did, or None after timeout s."""
    deadline = now() + timeout
    todo = list(expected)
    t = None
    while now() < deadline:
        for item in list(todo):
            if fetch(item[0], timeout=request_timeout) == item[1]:
                t = now()
                todo.remove(item)
        if not todo:
            return t
        if proc is not None and proc.poll() is not None:
            raise BenchError(f"the watcher exited with code {proc.returncode} before serving "
                             + ", ".join(b for _, b in todo))
        time.sleep(poll)
    return None
