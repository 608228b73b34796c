"""Reading /proc: a process's stat, the table of all processes, a process tree, CPU time (clock
ticks and per-thread nanoseconds), RSS, names, liveness, listening ports; killing by pid."""

import os
import signal
from pathlib import Path


CLK_TCK = os.sysconf("SC_CLK_TCK")


def read_stat(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read().decode("latin-1")
    except OSError:
        return None
    r = data.rindex(")")
    fields = data[r + 2:].split()
    return {
        "state": fields[0],
        "ppid": int(fields[1]),
        "cpu": int(fields[11]) + int(fields[12]),  # utime + stime, clock ticks
        "ccpu": int(fields[13]) + int(fields[14]),  # of reaped children
        "start": int(fields[19]),
    }


def proc_table():
    table = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            s = read_stat(int(name))
            if s is not None:
                table[int(name)] = s
    return table


def subtree(root, table):
    """root and all its descendants (by parent pid) that are in the table."""
    children = {}
    for pid, s in table.items():
        children.setdefault(s["ppid"], []).append(pid)
    out, todo = set(), [root]
    while todo:
        p = todo.pop()
        if p in out or p not in table:
            continue
        out.add(p)
        todo.extend(children.get(p, []))
    return out


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def comm(pid):
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def cmdline(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")[:60].strip()
    except OSError:
        return "?"


def alive(pid, start=None):
    s = read_stat(pid)
    return s is not None and s["state"] not in ("Z", "X") and (start is None or s["start"] == start)


def listening(port):
    """Whether anything listens on the TCP port (IPv4 or IPv6), from /proc/net."""
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if len(parts) > 3 and parts[3] == "0A" and int(parts[1].rsplit(":", 1)[1], 16) == port:
                return True
    return False


def kill_pids(pids_with_start, sig=signal.SIGKILL):
    for pid, start in pids_with_start:
        if alive(pid, start):
            try:
                os.kill(pid, sig)
            except OSError:
                pass


_libc = None


def thread_cpu_ns(pid):
    """{tid: ns on CPU} from /proc/<pid>/task/*/schedstat (nanosecond precision)."""
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                out[int(tid)] = int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return out


def ticks_delta(c0, c1):
    """CPU ticks used between two snapshots {pid: (start, ticks)}; a new process counts whole."""
    total = 0
    for pid, (start, ticks) in c1.items():
        before = c0.get(pid)
        total += ticks - before[1] if before and before[0] == start else ticks
    return total


def threads_delta(n0, n1):
    """CPU nanoseconds used between two per-thread snapshots {(pid, start): {tid: ns}}, and how
    many threads ended in between (their time is missing from the sum)."""
    ns, gone = 0, 0
    for key, threads in n1.items():
        before = n0.get(key, {})
        ns += sum(v - before.get(tid, 0) for tid, v in threads.items())
        gone += len(set(before) - set(threads))
    for key, threads in n0.items():
        if key not in n1:
            gone += len(threads)
    return ns, gone
