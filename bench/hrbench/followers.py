"""The followers scenario (issue 11): our plugin runs the `none` service and a marker service that
prints `mark <wall-clock ns>` every 20 ms; followers attach to the running watch with raw HTTP/1.1
GET /api/logs?follow=true and the bench measures (1) how late each mark reaches them (1 and 20
followers), (2) the change → new response latency with 0 and with 20 followers attached, and (3)
both again with one more connection that sends its request and never reads, while GET
/api/status keeps answering. Parsing and figures: followstream.py."""

import http.client
import selectors
import socket
import threading
import time

from .common import BenchError, log, ms, now
from .followstream import MARKER_SCRIPT, Follower, lines_record, parse_properties, tcp_queues
from .services import VARIANTS
from .sessions import end_session, measure_latency, start_session
from .stats import med

MARKER = "marker"  # the marker service's name
MARK_INTERVAL_MS = 20
LINES = 500  # marks per follower in each line-latency measurement
MANY = 20  # followers in the "many" cases
STUCK_RCVBUF = 4096  # the stuck connection's receive buffer (the kernel doubles it)
STATUS_TIMEOUT = 5.0  # an /api/status slower than this counts as not answered
MARKER_MAX_SECONDS = 1800  # the marker stops by itself after this, whatever happens


def marker_service(python, svc_parent):
    """Writes the marker's script into svc_parent/marker; the element lines of its <service>."""
    d = svc_parent / MARKER
    d.mkdir(parents=True, exist_ok=True)
    (d / "mark.py").write_text(MARKER_SCRIPT)
    return [f"<name>{MARKER}</name>", f"<directory>{MARKER}</directory>", "<preset>exec</preset>",
            f"<run>{python} -u mark.py {MARK_INTERVAL_MS} {MARKER_MAX_SECONDS}</run>",
            "<readyLog>^mark [0-9]+</readyLog>", "<restart>never</restart>"]


def request(port, token, service):
    return (f"GET /api/logs?follow=true&services={service}&tail=0 HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n").encode()


def connect(port, rcvbuf=None, timeout=5.0):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        if rcvbuf:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        s.settimeout(timeout)
        s.connect(("127.0.0.1", port))
    except OSError:
        s.close()
        raise
    return s


class FollowerPool:
    """Followers of one service, read by one thread with a selector (so that 20 followers cost the
    bench one thread, and every receive is timed right when recv returns). Bounded: the thread ends
    after max_seconds whatever happens; close() stops it and closes every socket."""

    def __init__(self, port, token, service, max_seconds):
        self.port, self.token, self.service = port, token, service
        self.max_seconds = max_seconds
        self.followers = []
        self.socks = []
        self.sel = selectors.DefaultSelector()
        self.lock = threading.Lock()
        self.stop_flag = threading.Event()
        self.thread = None

    def open(self, n, want):
        for _ in range(n):
            since = time.time_ns()
            s = connect(self.port)
            self.socks.append(s)
            s.sendall(request(self.port, self.token, self.service))
            s.setblocking(False)
            f = Follower(self.service, since, want)
            self.followers.append(f)
            self.sel.register(s, selectors.EVENT_READ, f)
        self.thread = threading.Thread(target=self._loop, name="followers", daemon=True)
        self.thread.start()
        return self

    def _loop(self):
        end = now() + self.max_seconds
        while not self.stop_flag.is_set() and now() < end:
            for key, _ in self.sel.select(timeout=0.2):
                try:
                    data = key.fileobj.recv(65536)
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""
                t = time.time_ns()
                with self.lock:
                    if data:
                        key.data.on_data(data, t)
                    else:
                        key.data.eof = True
                        self.sel.unregister(key.fileobj)

    def restart(self, want):
        """A new window: marks printed from now on, up to want per follower."""
        with self.lock:
            since = time.time_ns()
            for f in self.followers:
                f.restart(since, want)

    def wait(self, timeout):
        """Until every follower has its marks (True), one has closed, or timeout s have passed."""
        deadline = now() + timeout
        while now() < deadline:
            with self.lock:
                if all(f.done for f in self.followers):
                    return True
                if any(f.eof for f in self.followers):
                    return False
            time.sleep(0.05)
        return False

    def record(self):
        with self.lock:
            return lines_record(self.followers)

    def close(self):
        self.stop_flag.set()
        if self.thread is not None:
            self.thread.join(timeout=5)
        for s in self.socks:
            try:
                s.close()
            except OSError:
                pass
        self.sel.close()


def status_check(port, token):
    """{"code", "seconds"} of one GET /api/status (code None when it did not answer in time)."""
    t0 = now()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=STATUS_TIMEOUT)
    try:
        c.request("GET", "/api/status", headers={"Authorization": f"Bearer {token}"})
        r = c.getresponse()
        r.read()
        code = r.status
    except (OSError, http.client.HTTPException):
        code = None
    finally:
        c.close()
    return {"code": code, "seconds": round(now() - t0, 4)}


def stuck_queues(stuck, port):
    """The stuck connection's bytes waiting in the kernel: what the watch has sent and we never read
    (our receive queue) and what it could not send yet (its send queue)."""
    text = ""
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):  # the JVM's socket is an IPv6 one on a dual stack
        try:
            with open(name) as f:
                text += f.read()
        except OSError:
            pass
    lport = stuck.getsockname()[1]
    ours = tcp_queues(text, lport, port)
    theirs = tcp_queues(text, port, lport)
    return {"our_receive_queue": ours[1] if ours else None, "watch_send_queue": theirs[0] if theirs else None}


def wait_control(path, s, timeout=30.0):
    """(port, token) from the watch's control file, once it is there."""
    deadline = now() + timeout
    while now() < deadline:
        try:
            p = parse_properties(path.read_text())
            if p.get("port", "").isdigit() and p.get("token"):
                return int(p["port"]), p["token"]
        except OSError:
            pass
        s.check_alive()
        time.sleep(0.1)
    raise BenchError(f"no control file at {path} within {timeout:.0f} s")


def lines_phase(bench, port, token, n, label):
    """n followers attached; the first LINES marks each receives."""
    pool = FollowerPool(port, token, MARKER, max_seconds=120)
    try:
        pool.open(n, LINES)
        ok = pool.wait(LINES * MARK_INTERVAL_MS / 1000 * 3 + 20)
        rec = pool.record()
    finally:
        pool.close()
    if not ok:
        raise BenchError(f"{label}: the followers did not receive {LINES} marks each in time "
                         f"(received {[x['n'] for x in rec['per_follower']]})")
    log_lines(label, rec)
    return rec


def log_lines(label, rec):
    a = rec["all"]
    log(f"  followers/{label}: line delivery p50 {ms(a['p50'])}, p90 {ms(a['p90'])}, max {ms(a['max'])} "
        f"over {a['n']} lines ({rec['followers']} follower(s), {rec['dropped']} dropped)")


def reload_phase(bench, s, reps=None, into=None):
    """Change → new response over reps (default --reps) changes, appended to `into` when given."""
    r = {}
    measure_latency(bench, s, r, reps=reps, say=False)
    out = into if into is not None else {"latency": [], "per_change": []}
    out["latency"] += r["latency"]
    out["per_change"] += r["per_change"]
    return out


def reload_comparison(bench, s, port, token):
    """--reps changes with no follower and --reps with MANY followers attached, alternating one of
    each (so that a shared machine's changing load weighs on both alike); the followers are attached
    afresh for each of their changes, and their marks meanwhile are kept."""
    none, many, followers = {"latency": [], "per_change": []}, {"latency": [], "per_change": []}, []
    for i in range(bench.args.reps):
        for attached in ((False, True) if i % 2 == 0 else (True, False)):
            if not attached:
                reload_phase(bench, s, 1, none)
                continue
            pool = FollowerPool(port, token, MARKER, max_seconds=120)
            try:
                pool.open(MANY, 10 ** 6)
                time.sleep(0.5)  # past the backlog the watch hands over first
                pool.restart(10 ** 6)
                reload_phase(bench, s, 1, many)
                with pool.lock:
                    followers += pool.followers
            finally:
                pool.close()
    lines = lines_record(followers)
    lines["followers"] = MANY
    log(f"  followers: change → new response p50 {ms(med(none['latency']))} with none, "
        f"{ms(med(many['latency']))} with {MANY} followers")
    log_lines("during the changes", lines)
    return none, many, lines


def run_followers(bench):
    """The scenario, in one session of our plugin; returns its record (results["followers"])."""
    tool, v = bench.tools["hotreload"], VARIANTS["none"]
    rec = {"marker_interval_ms": MARK_INTERVAL_MS, "lines": LINES, "many": MANY, "stuck_rcvbuf": STUCK_RCVBUF,
           "errors": [], "stops": [], "phases": {}}
    t_start = now()
    bench.area.prepare_variant(v)
    extra = [marker_service(v.run.split()[0], v.svc.parent)]
    s = start_session(bench, tool, v, "followers", 0, rec, "startup", extra_services=extra, maven_reference=False)
    ph = rec["phases"]
    try:
        log(f"  followers: ready {ms(rec['startup'])} after launch")
        port, token = wait_control(v.svc.parent / "target" / ".hotreload" / "control.properties", s)
        ph["lines_1"] = lines_phase(bench, port, token, 1, "1 follower")
        ph["lines_many"] = lines_phase(bench, port, token, MANY, f"{MANY} followers")
        s.check_alive()
        ph["reload_0"], ph["reload_many"], ph["lines_during_reloads"] = reload_comparison(bench, s, port, token)
        ph["stuck"] = stuck_phase(bench, s, port, token)
        s.check_alive()
    except (BenchError, OSError) as e:
        rec["errors"].append(f"followers: {e}")
        log(f"  ERROR followers: {e}")
    finally:
        end_session(bench, s, v, rec)
    rec["seconds"] = round(now() - t_start, 1)
    return rec


def stuck_phase(bench, s, port, token):
    """One connection that never reads, then MANY followers: their marks, --reps changes, and
    /api/status now and then; the stuck connection's kernel queues at its start and end."""
    out = {"status": []}
    stuck = connect(port, rcvbuf=STUCK_RCVBUF)
    pool = None
    try:
        stuck.sendall(request(port, token, MARKER))
        time.sleep(1.0)  # the backlog the watch hands over first fills the stuck connection's buffers
        out["status"].append(status_check(port, token))
        out["queues_at_start"] = stuck_queues(stuck, port)
        pool = FollowerPool(port, token, MARKER, max_seconds=bench.args.reps * 30 + 180)
        pool.open(MANY, LINES)
        ok = pool.wait(LINES * MARK_INTERVAL_MS / 1000 * 3 + 20)
        out["lines"] = pool.record()
        if not ok:
            raise BenchError(f"with a stuck follower: the followers did not receive {LINES} marks each in time "
                             f"(received {[x['n'] for x in out['lines']['per_follower']]})")
        log_lines(f"{MANY} + 1 stuck", out["lines"])
        out["status"].append(status_check(port, token))
        out["reload"] = reload_phase(bench, s)
        log(f"  followers: change → new response p50 {ms(med(out['reload']['latency']))} with {MANY} followers "
            "and one that never reads")
        out["status"].append(status_check(port, token))
        out["queues_at_end"] = stuck_queues(stuck, port)
        log(f"  followers/stuck: /api/status {[x['code'] for x in out['status']]} in "
            f"{[ms(x['seconds']) for x in out['status']]}; stuck connection's queues {out['queues_at_end']}")
    finally:
        if pool is not None:
            pool.close()
        stuck.close()
    return out
