"""The followers scenario (issue 11): our plugin runs the `none` service and a marker service that
prints `mark <wall-clock ns>` every 20 ms; followers attach to the running watch with raw HTTP/1.1
GET /api/logs?follow=true and the bench measures (1) how late each mark reaches them (1 and 20
followers), (2) the change → new response latency with 0 and with 20 followers attached, and (3)
both again with one more connection that sends its request and never reads, and whether GET
/api/status keeps answering. Parsing and figures: followstream.py."""

import copy
import http.client
import multiprocessing
import selectors
import socket
import threading
import time

from .common import BenchError, log, ms, now
from .followstream import MARKER_SCRIPT, Follower, fine_ms, lines_record, parse_properties, tcp_queues
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

    def settle(self, want, timeout=30.0):
        """Waits until every follower has had a live mark (so that the backlog the watch hands over
        first, and the bench's own parsing of it, are behind it), then opens a new window of `want`
        marks; returns how long after attaching that was. Raises BenchError when that does not happen
        within timeout s."""
        t0 = now()
        deadline = t0 + timeout
        while now() < deadline:
            with self.lock:
                if all(f.latencies for f in self.followers):
                    break
                if any(f.eof for f in self.followers):
                    raise BenchError("a follower's connection was closed by the watch "
                                     f"(HTTP status {[f.reader.status for f in self.followers if f.eof]})")
            time.sleep(0.02)
        else:
            raise BenchError(f"not every follower received a mark within {timeout:.0f} s of attaching")
        took = now() - t0
        time.sleep(0.2)
        self.restart(want)
        return took

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

    def snapshot(self):
        """A copy of the followers as they are now."""
        with self.lock:
            return copy.deepcopy(self.followers)

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


def _serve(conn, port, token, service, max_seconds):
    """The child process of a ChildPool: runs the FollowerPool's methods as the parent asks."""
    pool = FollowerPool(port, token, service, max_seconds)
    try:
        while conn.poll(max_seconds):
            cmd, args = conn.recv()
            if cmd == "close":
                break
            try:
                value = getattr(pool, cmd)(*args)
                conn.send(("ok", None if cmd == "open" else value))
            except Exception as e:  # noqa: BLE001 - handed to the parent, which raises it
                conn.send(("error", f"{type(e).__name__}: {e}" if not isinstance(e, BenchError) else str(e)))
    except (EOFError, OSError, KeyboardInterrupt):
        pass  # the bench went away
    finally:
        pool.close()
        conn.close()


class ChildPool:
    """A FollowerPool in a child process: reading and parsing 1,000 lines a second would otherwise
    hold the bench's GIL for whole switch intervals (5 ms) and slow down the very polling that times
    the reloads. The same methods; every call waits for its answer, bounded."""

    def __init__(self, port, token, service, max_seconds):
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, port, token, service, max_seconds),
                                name="bench-followers", daemon=True)
        self.proc.start()
        child.close()

    def _call(self, cmd, *args, timeout=30.0):
        try:
            self.conn.send((cmd, args))
            if not self.conn.poll(timeout):
                raise BenchError(f"the followers' process did not answer '{cmd}' within {timeout:.0f} s")
            status, value = self.conn.recv()
        except (EOFError, OSError) as e:
            raise BenchError(f"the followers' process is gone ({e})")
        if status == "error":
            raise BenchError(value)
        return value

    def open(self, n, want):
        self._call("open", n, want)
        return self

    def settle(self, want, timeout=30.0):
        return self._call("settle", want, timeout, timeout=timeout + 10)

    def wait(self, timeout):
        return self._call("wait", timeout, timeout=timeout + 10)

    def record(self):
        return self._call("record")

    def snapshot(self):
        return self._call("snapshot")

    def close(self):
        try:
            self.conn.send(("close", ()))
        except OSError:
            pass
        self.proc.join(timeout=10)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=5)
        self.conn.close()


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
    """(port, token) from the watch's control file, once it is there and names this watch's pid."""
    deadline = now() + timeout
    while now() < deadline:
        try:
            p = parse_properties(path.read_text())
            if (p.get("port", "").isdigit() and p.get("token")
                    and p.get("pid", str(s.proc.pid)) == str(s.proc.pid)):
                return int(p["port"]), p["token"]
        except OSError:
            pass
        s.check_alive()
        time.sleep(0.1)
    raise BenchError(f"no control file at {path} within {timeout:.0f} s")


def lines_phase(bench, port, token, n, label):
    """n followers attached; the first LINES marks each receives."""
    pool = ChildPool(port, token, MARKER, max_seconds=120)
    try:
        pool.open(n, LINES)
        attach = pool.settle(LINES)
        ok = pool.wait(LINES * MARK_INTERVAL_MS / 1000 * 3 + 20)
        rec = pool.record()
        rec["attach_seconds"] = round(attach, 4)
    finally:
        pool.close()
    if not ok:
        raise BenchError(f"{label}: the followers did not receive {LINES} marks each in time "
                         f"(received {[x['n'] for x in rec['per_follower']]})")
    log_lines(label, rec)
    return rec


def log_lines(label, rec):
    a = rec["all"]
    log(f"  followers/{label}: line delivery p50 {fine_ms(a['p50'])}, p90 {fine_ms(a['p90'])}, max "
        f"{fine_ms(a['max'])} over {a['n']} lines ({rec['followers']} follower(s), {rec['dropped']} dropped; "
        f"every follower had a live line {fine_ms(rec.get('attach_seconds'))} after attaching)")


def reload_phase(bench, s, reps=None, into=None):
    """Change → new response over reps (default --reps) changes, appended to `into` when given."""
    r = {}
    measure_latency(bench, s, r, reps=reps, say=False)
    out = into if into is not None else {"latency": [], "per_change": []}
    out["latency"] += r["latency"]
    out["per_change"] += r["per_change"]
    return out


CONDITIONS = ("none", "many", "stuck")  # no follower; MANY; MANY and a connection that never reads


def open_stuck(port, token):
    """A connection that sends its request and never reads, with a small receive buffer: the backlog
    the watch hands over first fills it (and the watch's send buffer) at once."""
    stuck = connect(port, rcvbuf=STUCK_RCVBUF)
    try:
        stuck.sendall(request(port, token, MARKER))
    except OSError:
        stuck.close()
        raise
    return stuck


def reload_comparison(bench, s, port, token):
    """--reps changes in each of CONDITIONS, one of each in turn and in a rotating order (so that a
    shared machine's drifting load weighs on all alike); followers and the stuck connection are
    attached afresh for each change and closed after it. Returns {condition: {"latency", "per_change"}},
    the MANY followers' marks meanwhile, and for the stuck condition /api/status and the kernel
    queues after each change."""
    out = {c: {"latency": [], "per_change": []} for c in CONDITIONS}
    out["stuck"].update({"status": [], "queues": []})
    followers, attach = [], []
    for i in range(bench.args.reps):
        k = i % len(CONDITIONS)
        for cond in CONDITIONS[k:] + CONDITIONS[:k]:
            if cond == "none":
                reload_phase(bench, s, 1, out["none"])
                continue
            stuck = open_stuck(port, token) if cond == "stuck" else None
            pool = ChildPool(port, token, MARKER, max_seconds=120)
            try:
                pool.open(MANY, 10 ** 6)
                attach.append(pool.settle(10 ** 6))
                reload_phase(bench, s, 1, out[cond])
                followers += pool.snapshot()
                if stuck is not None:
                    out["stuck"]["queues"].append(stuck_queues(stuck, port))
                    out["stuck"]["status"].append(status_check(port, token))
            finally:
                pool.close()
                if stuck is not None:
                    stuck.close()
    lines = lines_record(followers)
    lines["followers"] = MANY
    lines["attach_seconds"] = round(max(attach), 4) if attach else None
    log(f"  followers: change → new response p50 {ms(med(out['none']['latency']))} with none, "
        f"{ms(med(out['many']['latency']))} with {MANY} followers, {ms(med(out['stuck']['latency']))} with "
        f"{MANY} and one that never reads; /api/status {[x['code'] for x in out['stuck']['status']]}")
    log_lines("during the changes", lines)
    return out, lines


def run_followers(bench):
    """The scenario, in one session of our plugin; returns its record (results["followers"])."""
    tool, v = bench.tools["hotreload"], VARIANTS["none"]
    rec = {"marker_interval_ms": MARK_INTERVAL_MS, "lines": LINES, "many": MANY, "stuck_rcvbuf": STUCK_RCVBUF,
           "errors": [], "stops": [], "phases": {}}
    t_start = now()
    bench.area.prepare_variant(v)
    extra = [marker_service(v.run.split()[0], v.svc.parent)]
    control = v.svc.parent / "target" / ".hotreload" / "control.properties"
    control.unlink(missing_ok=True)  # one left by a watch that was killed names a dead port
    s = start_session(bench, tool, v, "followers", 0, rec, "startup", extra_services=extra, maven_reference=False)
    ph = rec["phases"]
    try:
        log(f"  followers: ready {ms(rec['startup'])} after launch")
        port, token = wait_control(control, s)
        ph["lines_1"] = lines_phase(bench, port, token, 1, "1 follower")
        ph["lines_many"] = lines_phase(bench, port, token, MANY, f"{MANY} followers")
        s.check_alive()
        ph["stuck"] = stuck_phase(bench, port, token)
        s.check_alive()
        reloads, ph["lines_during_reloads"] = reload_comparison(bench, s, port, token)
        ph["reload_0"], ph["reload_many"], ph["reload_stuck"] = (reloads[c] for c in CONDITIONS)
        s.check_alive()
    except (BenchError, OSError) as e:
        rec["errors"].append(f"followers: {e}")
        log(f"  ERROR followers: {e}")
    finally:
        end_session(bench, s, v, rec)
    rec["seconds"] = round(now() - t_start, 1)
    return rec


def stuck_phase(bench, port, token):
    """One connection that never reads, then MANY followers next to it: their first LINES marks each,
    /api/status before, between and after, the stuck connection's kernel queues at start and end."""
    out = {"status": []}
    stuck = open_stuck(port, token)
    pool = None
    try:
        time.sleep(1.0)  # the backlog fills the stuck connection's buffers
        out["status"].append(status_check(port, token))
        out["queues_at_start"] = stuck_queues(stuck, port)
        pool = ChildPool(port, token, MARKER, max_seconds=120)
        pool.open(MANY, LINES)
        attach = pool.settle(LINES)
        out["status"].append(status_check(port, token))
        ok = pool.wait(LINES * MARK_INTERVAL_MS / 1000 * 3 + 20)
        out["lines"] = pool.record()
        out["lines"]["attach_seconds"] = round(attach, 4)
        if not ok:
            raise BenchError(f"with a stuck follower: the followers did not receive {LINES} marks each in time "
                             f"(received {[x['n'] for x in out['lines']['per_follower']]})")
        out["status"].append(status_check(port, token))
        out["queues_at_end"] = stuck_queues(stuck, port)
        log_lines(f"{MANY} + 1 stuck", out["lines"])
        log(f"  followers/stuck: /api/status {[x['code'] for x in out['status']]} in "
            f"{[fine_ms(x['seconds']) for x in out['status']]}; stuck connection's queues {out['queues_at_end']}")
    finally:
        if pool is not None:
            pool.close()
        stuck.close()
    return out
