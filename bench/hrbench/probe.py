"""Asking a service which version it serves: one GET, and polling until a version is served."""

import http.client
import os
import time

from .common import BenchError, now


POLL = 0.005  # HTTP poll interval while waiting for a version, seconds
STAT_POLL = 0.002  # how often the start record's size is looked at while waiting for a start, seconds


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


def wait_version(port, version, timeout, proc=None, request_timeout=1.0, poll=POLL, starts=None):
    """Polls every `poll` s (POLL by default) until the server answers `version`; returns the
    monotonic time it did. With `starts` (the session's start record, where every server appends
    "pid version" once it listens), HTTP polling begins only when a server of `version` has started:
    requests every 5 ms cost the machine ~5% of a core while a build runs (the client's and the old
    server's work), which slowed the builds of the tools that keep the old server serving meanwhile."""
    deadline = now() + timeout
    if starts is not None and not wait_started(starts, version, deadline, proc):
        return None
    return wait_all([(port, version)], max(0.0, deadline - now()), proc, request_timeout, poll)


def wait_started(starts, version, deadline, proc=None):
    """Whether a line "pid version" is in the start record before the deadline; looks at the file's
    size every STAT_POLL s (~1% of a core) and reads it only when the size changed."""
    size = -1
    while True:
        try:
            st = os.stat(starts).st_size
        except OSError:
            st = -1
        if st != size:
            size = st
            try:
                with open(starts, encoding="utf-8", errors="replace") as f:
                    text = f.read()
            except OSError:
                text = ""
            # only whole lines: a server may be writing the last one
            if any(line.split(" ", 1)[-1] == version for line in text.split("\n")[:-1]):
                return True
        if now() >= deadline:
            return False
        if proc is not None and proc.poll() is not None:
            raise BenchError(f"the watcher exited with code {proc.returncode} before starting {version}")
        time.sleep(STAT_POLL)


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
