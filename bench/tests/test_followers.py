import math
import unittest

from hrbench.followstream import (Follower, StreamReader, fine_ms, latency_summary, lines_record, mark_ns,
                                  parse_properties, parse_stream_line, tcp_queues, unescape_text)
from hrbench.report import followers_markdown, report_markdown
from hrbench.targets import FOLLOW_LINE_P90_LIMIT, broken, follower_targets

from tests import fixtures as f

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"


def line(service, text, stream="RUN"):
    return f"{service}\t2026-12-01T12:00:00.000Z\t{stream}\tOUTPUT\t{text}\n".encode()


class StreamLineTest(unittest.TestCase):
    def test_a_log_line_keepalive_and_dropped(self):
        self.assertEqual(parse_stream_line("marker\t2026-12-01T12:00:00Z\tRUN\tOUTPUT\tmark 5"),
                         ("line", "marker", "RUN", "mark 5"))
        self.assertEqual(parse_stream_line("#keepalive"), ("keepalive",))
        self.assertEqual(parse_stream_line("#dropped\t42"), ("dropped", 42))

    def test_text_may_hold_tabs_and_escapes(self):
        self.assertEqual(parse_stream_line("svc\tT\tBUILD\tERROR\ta\tb \\\\n\\n")[3], "a\tb \\n\n")
        self.assertEqual(unescape_text("\\\\\\\\"), "\\\\")

    def test_malformed_lines_are_none(self):
        for bad in ("", "svc\tT\tRUN", "#dropped\tmany", "#dropped"):
            self.assertIsNone(parse_stream_line(bad), bad)

    def test_mark(self):
        self.assertEqual(mark_ns("mark 1764590400123456789"), 1764590400123456789)
        self.assertEqual(mark_ns("mark 12 padding"), 12)
        for other in ("mark", "mark x", "remark 12", "mark 12x", " mark 12"):
            self.assertIsNone(mark_ns(other), other)


class StreamReaderTest(unittest.TestCase):
    def test_head_then_lines_in_any_chunking(self):
        data = HEAD + line("marker", "mark 1") + line("marker", "mark 2")
        for size in (1, 3, 7, len(data)):
            r, got = StreamReader(), []
            for i in range(0, len(data), size):
                got += r.feed(data[i:i + size])
            self.assertEqual(r.status, 200)
            self.assertEqual([parse_stream_line(x)[3] for x in got], ["mark 1", "mark 2"], size)

    def test_a_partial_last_line_waits(self):
        r = StreamReader()
        self.assertEqual(r.feed(HEAD + b"#keep"), [])
        self.assertEqual(r.feed(b"alive\r\n"), ["#keepalive"])

    def test_refusal_status_and_a_body_without_http_head(self):
        r = StreamReader()
        r.feed(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n")
        self.assertEqual(r.status, 503)
        r = StreamReader()
        self.assertEqual(r.feed(b"garbage\r\n\r\nmore\n"), [])
        self.assertTrue(r.malformed)


class FollowerTest(unittest.TestCase):
    def test_latency_is_receive_time_minus_the_mark(self):
        fo = Follower("marker", since_ns=1_000_000_000, want=10)
        fo.on_data(HEAD + line("marker", "mark 1001000000") + line("marker", "mark 1002000000"), 1_004_000_000)
        self.assertEqual(fo.latencies, [0.003, 0.002])

    def test_backlog_other_services_dropped_and_keepalives_are_counted_apart(self):
        fo = Follower("marker", since_ns=1000, want=10)
        fo.on_data(HEAD + line("marker", "mark 999") + line("svc", "mark 2000") + line("marker", "hello")
                   + b"#dropped\t3\n#keepalive\n#dropped\t2\n" + line("marker", "mark 1000"), 3000)
        self.assertEqual((fo.backlog, fo.others, fo.dropped, fo.keepalives), (1, 2, 5, 1))
        self.assertEqual(fo.latencies, [2000 / 1e9])

    def test_stops_at_want_and_restart_opens_a_new_window(self):
        fo = Follower("marker", since_ns=0, want=2)
        fo.on_data(HEAD + b"".join(line("marker", f"mark {n}") for n in (10, 20, 30)), 100)
        self.assertTrue(fo.done)
        self.assertEqual(len(fo.latencies), 2)
        fo.restart(since_ns=50, want=1)
        self.assertFalse(fo.done)
        fo.on_data(line("marker", "mark 40") + line("marker", "mark 60"), 100)
        self.assertEqual((fo.latencies, fo.backlog), ([40 / 1e9], 1))


class FiguresTest(unittest.TestCase):
    def test_summary_of_latencies(self):
        self.assertEqual(latency_summary([0.5, 0.125, 0.25, 0.375, 1.0]),
                         {"n": 5, "p50": 0.375, "p90": 0.8, "max": 1.0})
        self.assertEqual(latency_summary([]), {"n": 0, "p50": None, "p90": None, "max": None})

    def test_record_pools_every_followers_latencies(self):
        a, b = Follower("m", 0, 10), Follower("m", 0, 10)
        a.latencies, b.latencies = [0.001, 0.002], [0.003, 0.004]
        a.reader.status = b.reader.status = 200
        a.backlog, b.dropped, b.eof = 7, 2, True
        rec = lines_record([a, b])
        self.assertEqual(rec["all"]["n"], 4)
        self.assertEqual(rec["all"]["max"], 0.004)
        self.assertEqual([x["n"] for x in rec["per_follower"]], [2, 2])
        self.assertEqual((rec["backlog"], rec["dropped"], rec["http_status"], rec["closed_early"]),
                         ([7, 0], 2, [200], 1))
        self.assertEqual(rec["first_ms"], [1.0, 2.0])

    def test_fine_ms(self):
        self.assertEqual(fine_ms(0.00061), "0.6 ms")
        self.assertEqual(fine_ms(0.123), "123 ms")
        self.assertEqual(fine_ms(None), "—")

    def test_control_file(self):
        text = "#hotreload control\n#Tue Dec 01 12:00:00 UTC 2026\nport=40413\ntoken=ab\\:c\npid = 7\n\n"
        self.assertEqual(parse_properties(text), {"port": "40413", "token": "ab:c", "pid": "7"})

    def test_tcp_queues_from_proc_net_tcp_and_tcp6(self):
        tcp = ("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
               "   0: 0100007F:7080 0100007F:9C40 01 00000000:00001868 00:00000000 00000000  1000 0 1\n")
        tcp6 = ("  sl  local_address                         remote_address                        st tx_queue rx_queue\n"
                "   0: 0000000000000000FFFF00000100007F:9C40 0000000000000000FFFF00000100007F:7080 01 "
                "00028290:00000000 00:00000000 00000000  1000 0 2\n")
        self.assertEqual(tcp_queues(tcp + tcp6, 0x7080, 0x9C40), (0, 0x1868))
        self.assertEqual(tcp_queues(tcp + tcp6, 0x9C40, 0x7080), (0x28290, 0))
        self.assertIsNone(tcp_queues(tcp, 1, 2))


def lines(p50, p90, mx=0.0625, n=500, followers=1):
    per = n // followers
    return {"followers": followers, "all": {"n": n, "p50": p50, "p90": p90, "max": mx},
            "per_follower": [{"n": per, "p50": p50, "p90": p90, "max": mx}] * followers,
            "backlog": [5] * followers, "dropped": 0, "keepalives": 0, "http_status": [200], "closed_early": 0}


def followers_rec(line_p90=0.03125, reload_0=(0.25, 0.25), reload_many=(0.25, 0.25), stuck_reload=(0.25,),
                  status=(200, 200, 200), errors=(), stops=None):
    # the followers attached afresh for each change: as many records as changes × 20, of unequal counts
    during = lines(0.001953125, line_p90, n=777, followers=20)
    during["per_follower"] = [dict(during["all"], n=38 + (i == 0) * 17) for i in range(20)]
    return {"marker_interval_ms": 20, "lines": 500, "many": 20, "stuck_rcvbuf": 4096, "errors": list(errors),
            "stops": [f.stop()] if stops is None else stops, "seconds": 120.0,
            "phases": {"lines_1": lines(0.0009765625, line_p90),
                       "lines_many": lines(0.001953125, line_p90, n=10000, followers=20),
                       "reload_0": {"latency": list(reload_0), "per_change": [[0, 1]] * len(reload_0)},
                       "reload_many": {"latency": list(reload_many), "per_change": [[0, 1]] * len(reload_many)},
                       "lines_during_reloads": during,
                       "stuck": {"status": [{"code": c, "seconds": 0.0078125} for c in status],
                                 "queues_at_end": {"our_receive_queue": 6248, "watch_send_queue": 164496},
                                 "lines": lines(0.001953125, line_p90, n=10000, followers=20)},
                       "reload_stuck": {"latency": list(stuck_reload), "per_change": [[0, 1]] * len(stuck_reload),
                                        "status": [], "queues": []}}}


def checks(fr):
    return {text: (ok, detail) for _, text, ok, detail in follower_targets(fr)}


LINE_1 = "line delivery p90 ≤ 50 ms, 1 follower"
LINE_MANY = "line delivery p90 ≤ 50 ms, 20 followers"
RELOAD_MANY = "change → new response p50 with 20 followers ≤ p50 with none + 10 ms"
STUCK_LINES = "with a follower that never reads: the other 20's line delivery p90 ≤ 50 ms"
STUCK_RELOAD = "with a follower that never reads: change → new response p50 ≤ p50 with none + 10 ms"
STATUS = "with a follower that never reads: GET /api/status answers every time"


class FollowerTargetsTest(unittest.TestCase):
    def test_all_met(self):
        c = checks(followers_rec())
        for text in (LINE_1, LINE_MANY, RELOAD_MANY, STUCK_LINES, STUCK_RELOAD, STATUS):
            self.assertIs(c[text][0], True, text)
        self.assertEqual(c[LINE_1][1], "p90 31 ms (p50 1.0 ms, max 62 ms, 500 lines)")
        self.assertEqual(c[RELOAD_MANY][1], "250 ms vs 250 ms + 10 ms")
        self.assertEqual(c[STATUS][1], "3 of 3 answered 200, slowest 7.8 ms")

    def test_line_p90_equal_to_the_limit_is_met_just_above_missed(self):
        self.assertIs(checks(followers_rec(line_p90=FOLLOW_LINE_P90_LIMIT))[LINE_1][0], True)
        c = checks(followers_rec(line_p90=math.nextafter(FOLLOW_LINE_P90_LIMIT, 1.0)))
        self.assertIs(c[LINE_1][0], False)
        self.assertIs(c[LINE_MANY][0], False)
        self.assertIs(c[STUCK_LINES][0], False)

    def test_reload_with_followers_is_compared_on_the_medians_plus_10_ms(self):
        at = 0.25 + 0.010
        self.assertIs(checks(followers_rec(reload_many=(0.125, at, 1.0)))[RELOAD_MANY][0], True)
        c = checks(followers_rec(reload_many=(math.nextafter(at, 1.0),), stuck_reload=(0.5,)))
        self.assertIs(c[RELOAD_MANY][0], False)
        self.assertEqual(c[STUCK_RELOAD], (False, "500 ms vs 250 ms + 10 ms"))

    def test_status_missed_when_one_did_not_answer(self):
        self.assertEqual(checks(followers_rec(status=(200, None, 200)))[STATUS][0], False)

    def test_a_phase_that_did_not_run_is_not_measured(self):
        # the watch died in the stuck phase: it and the reload comparison after it did not run
        fr = followers_rec(errors=["followers: the watch exited with code 1"])
        for k in ("stuck", "reload_0", "reload_many", "reload_stuck", "lines_during_reloads"):
            del fr["phases"][k]
        c = checks(fr)
        self.assertIs(c[LINE_1][0], True)
        self.assertIs(c[LINE_MANY][0], True)
        for text in (RELOAD_MANY, STUCK_LINES, STUCK_RELOAD, STATUS):
            self.assertIsNone(c[text][0], text)
            self.assertIn("the watch exited with code 1", c[text][1])

    def test_no_targets_when_the_scenario_did_not_run(self):
        self.assertEqual(follower_targets(None), [])

    def test_errors_and_an_unclean_stop_break_the_run(self):
        results = f.results({})
        results["followers"] = followers_rec(errors=["followers: no control file"],
                                             stops=[f.stop(clean=False, alive_after_1s=["123 python3"])])
        bad = broken(results, smoke=False)
        self.assertIn("followers: no control file", bad)
        self.assertTrue(any(b.startswith("followers: not stopped cleanly") for b in bad))
        results["followers"] = followers_rec()
        self.assertEqual(broken(results, smoke=False), [])


class FollowersReportTest(unittest.TestCase):
    def test_table_side_by_side(self):
        md = followers_markdown(followers_rec(reload_0=(0.25, 0.5), reload_many=(0.375,)))
        rows = md.splitlines()
        self.assertEqual(rows[2], "| none | — | 375 ms / 475 ms (2 changes) | — |")
        self.assertEqual(rows[3], "| 1 | 1.0 ms / 31 ms / 62 ms (500 lines) | — | — |")
        self.assertEqual(rows[4], "| 20 | 2.0 ms / 31 ms / 62 ms (20 × 500 lines) | — | — |")
        self.assertEqual(rows[5], "| 20, during the changes | 2.0 ms / 31 ms / 62 ms (777 lines) | "
                                  "375 ms / 375 ms (1 change) | — |")
        self.assertEqual(rows[6], "| 20 + 1 that never reads | 2.0 ms / 31 ms / 62 ms (20 × 500 lines) | "
                                  "250 ms / 250 ms (1 change) | 3/3 answered, slowest 7.8 ms |")
        self.assertIn("164496 B in the watch's send queue", md)

    def test_report_of_a_followers_only_run_has_its_section_and_targets_but_no_main_table(self):
        results = f.results({})
        results["followers"] = followers_rec()
        md = report_markdown(results, f.args())
        self.assertIn("## Followers of a running watch's log", md)
        self.assertIn(f"| followers | {LINE_1} | ✅ met |", md)
        self.assertNotIn("## Results", md)

    def test_nothing_when_the_scenario_did_not_run(self):
        self.assertEqual(followers_markdown(None), "")
        self.assertNotIn("Followers", report_markdown(f.results({"hotreload/none": f.run("hotreload")}), f.args()))


if __name__ == "__main__":
    unittest.main()
