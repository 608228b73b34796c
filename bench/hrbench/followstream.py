"""What the followers scenario reads, without any network: the watch's control file, the lines of
GET /api/logs?follow=true, the marker service's `mark <ns>` lines, the kernel's socket queues, and
the latency figures made of them. followers.py does the connecting."""

import re

from .stats import med, pct

# the marker service: prints `mark <time.time_ns()>` every interval_ms for at most max_seconds, then
# exits 0 (so that it is not restarted); a late wake-up does not make it print a burst to catch up
MARKER_SCRIPT = '''"""Prints `mark <wall-clock ns>` every argv[1] ms for at most argv[2] s (the bench's followers scenario)."""
import sys
import time

interval = int(sys.argv[1]) / 1000.0
end = time.monotonic() + float(sys.argv[2])
due = time.monotonic()
while time.monotonic() < end:
    print(f"mark {time.time_ns()}", flush=True)
    due = max(due + interval, time.monotonic())
    time.sleep(max(0.0, due - time.monotonic()))
'''

_MARK = re.compile(r"mark (\d+)(?: .*)?")
_ESCAPE = re.compile(r"\\(.)")


def parse_properties(text):
    """{key: value} of a Java properties file as Properties.store writes it: comments (# or !) and
    blank lines skipped, `key=value` or `key:value`, backslash escapes (\\:, \\=, \\\\) undone."""
    out = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#!":
            continue
        m = re.match(r"((?:[^\\=:\s]|\\.)+)\s*[=:]?\s*(.*)", line)
        if m:
            out[_unescape_props(m.group(1))] = _unescape_props(m.group(2))
    return out


def _unescape_props(s):
    return _ESCAPE.sub(lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), s)


def unescape_text(s):
    """TEXT of a log line as the watch writes it: `\\\\` is a backslash, `\\n` a line break."""
    return re.sub(r"\\(\\|n)", lambda m: "\n" if m.group(1) == "n" else "\\", s)


def parse_stream_line(line):
    """One line of the follow stream: ("line", service, stream, text), ("dropped", n), ("keepalive",),
    or None for anything else (an empty or malformed line)."""
    if line == "#keepalive":
        return ("keepalive",)
    if line.startswith("#dropped\t"):
        n = line.split("\t", 1)[1].strip()
        return ("dropped", int(n)) if n.isdigit() else None
    parts = line.split("\t", 4)
    if len(parts) != 5:
        return None
    return ("line", parts[0], parts[2], unescape_text(parts[4]))


def mark_ns(text):
    """The wall-clock nanoseconds a `mark N` line carries, or None for any other text."""
    m = _MARK.fullmatch(text)
    return int(m.group(1)) if m else None


class StreamReader:
    """Turns the bytes of one GET /api/logs answer into lines: the status code from the head, then
    every complete body line (a partial last line waits for the rest)."""

    MAX_HEAD = 16 * 1024

    def __init__(self):
        self.buf = b""
        self.status = None  # the HTTP status code, once the head has come
        self.head_done = False
        self.malformed = False

    def feed(self, data):
        """The complete body lines (str, without the line break) that data finishes."""
        self.buf += data
        if not self.head_done:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buf) > self.MAX_HEAD:
                    self.malformed, self.head_done, self.buf = True, True, b""
                return []
            head, self.buf = self.buf[:end].decode("latin-1"), self.buf[end + 4:]
            self.head_done = True
            m = re.match(r"HTTP/1\.[01] (\d{3})", head)
            if m:
                self.status = int(m.group(1))
            else:
                self.malformed = True
        if self.malformed:
            self.buf = b""
            return []
        *lines, self.buf = self.buf.split(b"\n")
        return [x.decode("utf-8", "replace").rstrip("\r") for x in lines]


class Follower:
    """What one follower received: the latency of each `mark` of its service that was printed after it
    attached (receive time − the mark's own time, seconds), up to `want` of them; marks from before it
    attached (the backlog the watch hands over first) are counted apart."""

    def __init__(self, service, since_ns, want):
        self.service = service
        self.since_ns = since_ns
        self.want = want
        self.reader = StreamReader()
        self.latencies = []
        self.backlog = 0  # marks printed before it attached
        self.dropped = 0  # lines the watch says it dropped for this follower
        self.keepalives = 0
        self.others = 0  # lines of other services, or not marks
        self.eof = False

    def restart(self, since_ns, want):
        """A new measurement window on the same connection."""
        self.since_ns, self.want, self.latencies = since_ns, want, []

    @property
    def done(self):
        return len(self.latencies) >= self.want

    def on_data(self, data, received_ns):
        """Bytes received at wall-clock time received_ns."""
        for line in self.reader.feed(data):
            x = parse_stream_line(line)
            if x is None:
                continue
            if x[0] == "keepalive":
                self.keepalives += 1
            elif x[0] == "dropped":
                self.dropped += x[1]
            else:
                n = mark_ns(x[3]) if x[1] == self.service else None
                if n is None:
                    self.others += 1
                elif n < self.since_ns:
                    self.backlog += 1
                elif len(self.latencies) < self.want:
                    self.latencies.append((received_ns - n) / 1e9)


def latency_summary(values):
    """{"n", "p50", "p90", "max"} of latencies in seconds (None for each figure of an empty list)."""
    return {"n": len(values), "p50": med(values), "p90": pct(values, 0.9), "max": max(values) if values else None}


def lines_record(followers, raw_of_first=True):
    """What a run keeps of a group of followers: the summary of all their latencies pooled, each
    one's own, what they were sent besides, and (raw_of_first) the first follower's latencies in ms."""
    pooled = [x for f in followers for x in f.latencies]
    rec = {"followers": len(followers), "all": latency_summary(pooled),
           "per_follower": [latency_summary(f.latencies) for f in followers],
           "backlog": [f.backlog for f in followers], "dropped": sum(f.dropped for f in followers),
           "keepalives": sum(f.keepalives for f in followers),
           "http_status": sorted({f.reader.status for f in followers}, key=lambda s: (s is None, s or 0)),
           "closed_early": sum(1 for f in followers if f.eof)}
    if raw_of_first and followers:
        rec["first_ms"] = [round(x * 1000, 3) for x in followers[0].latencies]
    return rec


def tcp_queues(proc_net_tcp, local_port, remote_port):
    """(tx_queue, rx_queue) in bytes of the connection from local_port to remote_port, from the text
    of /proc/net/tcp and/or /proc/net/tcp6 (their header lines are skipped); None when there is none."""
    for line in proc_net_tcp.splitlines():
        f = line.split()
        if len(f) < 5 or f[0] == "sl":
            continue
        try:
            lport = int(f[1].rsplit(":", 1)[1], 16)
            rport = int(f[2].rsplit(":", 1)[1], 16)
            tx, rx = (int(x, 16) for x in f[4].split(":"))
        except (ValueError, IndexError):
            continue
        if lport == local_port and rport == remote_port:
            return tx, rx
    return None


def fine_ms(x):
    """A short duration for people, with a tenth of a millisecond below 10 ms; — for None."""
    if x is None:
        return "—"
    if abs(x) < 0.010:
        return f"{x * 1000:.1f} ms"
    return f"{x * 1000:.0f} ms" if abs(x) < 10 else f"{x:.1f} s"
