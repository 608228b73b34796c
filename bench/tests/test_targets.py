import math
import unittest

from hrbench.summary import summarize
from hrbench.targets import broken, targets

from tests import fixtures as f

OVERHEAD = "overhead beyond the quiet period ≤ best peer's overhead + 10 ms (median)"


def checks(results, args):
    """{target text: (met, detail)} of variant none."""
    _, summary = summarize(results, args)
    return {text: (ok, detail) for v, text, ok, detail in targets(results, args, summary) if v == "none"}


def with_peer(ours_latency, peer_latency, peer="watchexec", **ours):
    # plain script 0.5 s, our quiet period 0.25 s: our overhead = latency - 0.75, the peer's = latency - 0.5
    return f.results({"hotreload/none": f.run("hotreload", latency=[ours_latency], **ours),
                      f"{peer}/none": f.run(peer, latency=[peer_latency])})


class OverheadTargetTest(unittest.TestCase):
    def test_met_when_ours_is_below_the_best_peer(self):
        ok, detail = checks(with_peer(1.0, 0.875), f.args())[OVERHEAD]  # 250 ms vs 375 ms
        self.assertIs(ok, True)
        self.assertEqual(detail, "250 ms vs watchexec 375 ms + 10 ms")

    def test_missed_when_ours_is_more_than_10_ms_above_the_best_peer(self):
        ok, detail = checks(with_peer(1.0, 0.625), f.args())[OVERHEAD]  # 250 ms vs 125 ms
        self.assertIs(ok, False)
        self.assertEqual(detail, "250 ms vs watchexec 125 ms + 10 ms")

    def test_met_when_exactly_at_the_limit_and_missed_just_above(self):
        ours = 0.885  # 0.885 - 0.5 - 0.25 == 0.125 + 0.010 in floating point
        results = with_peer(ours, 0.625)
        _, summary = summarize(results, f.args())
        self.assertEqual(summary["hotreload/none"]["over50"], summary["watchexec/none"]["over50"] + 0.010)
        self.assertIs(checks(results, f.args())[OVERHEAD][0], True)
        self.assertIs(checks(with_peer(math.nextafter(ours, 1.0), 0.625), f.args())[OVERHEAD][0], False)

    def test_compares_with_the_best_of_several_peers(self):
        results = f.results({"hotreload/none": f.run("hotreload", latency=[1.0]),
                             "nodemon/none": f.run("nodemon", latency=[0.625]),
                             "entr/none": f.run("entr", latency=[2.0])})
        ok, detail = checks(results, f.args())[OVERHEAD]
        self.assertIs(ok, False)
        self.assertIn("nodemon 125 ms", detail)

    def test_below_air_is_strict(self):
        # both 250 ms: equal is not below
        c = checks(with_peer(1.0, 0.75, peer="air"), f.args())
        self.assertIs(c["overhead below air's at its default settings"][0], False)
        c = checks(with_peer(1.0, 0.875, peer="air"), f.args())
        self.assertIs(c["overhead below air's at its default settings"][0], True)

    def test_no_overhead_target_without_a_peer(self):
        results = f.results({"hotreload/none": f.run("hotreload")})
        self.assertNotIn(OVERHEAD, checks(results, f.args()))

    def test_no_targets_without_our_plugin(self):
        results = f.results({"watchexec/none": f.run("watchexec")})
        _, summary = summarize(results, f.args())
        self.assertEqual(targets(results, f.args(), summary), [])


class OtherTargetsTest(unittest.TestCase):
    def ours(self, **kw):
        return checks(f.results({"hotreload/none": f.run("hotreload", **kw)}), f.args())

    def test_idle_cpu_below_0_2_percent_equal_is_missed(self):
        text = "idle: < 0.2 % of one core over 2.0 s with 200 files"
        self.assertEqual(self.ours(idle_pct=0.125)[text], (True, "0.125 %"))
        self.assertEqual(self.ours(idle_pct=0.2)[text], (False, "0.200 %"))

    def test_rss_below_150_mb_equal_is_missed(self):
        self.assertEqual(self.ours(rss_kb=149 * 1024)["idle: RSS < 150 MB"], (True, "149 MB"))
        self.assertEqual(self.ours(rss_kb=150 * 1024)["idle: RSS < 150 MB"], (False, "150 MB"))

    def test_start_up_beyond_maven_below_1_s_equal_is_missed(self):
        text = "start-up beyond Maven's own < 1 s with 1,000 files"
        ok, detail = self.ours(startup_large=2.5, maven_alone_startup_large=2.0)[text]
        self.assertIs(ok, True)
        self.assertTrue(detail.startswith("500 ms (2500 ms − Maven alone 2000 ms"), detail)
        self.assertIs(self.ours(startup_large=3.0, maven_alone_startup_large=2.0)[text][0], False)

    def test_storm_counts_builds_and_restarts(self):
        text = "storm: exactly 0 build(s) and one restart"
        storm = f.run("hotreload")["storm"]
        self.assertEqual(self.ours(storm=storm)[text], (True, "0/1"))
        storm[0]["starts"] = 2
        self.assertEqual(self.ours(storm=storm)[text], (False, "0/2"))

    def test_storm_served_within_the_limit_equal_is_met(self):
        text = "storm: final version served within quiet period + build and start + 100 ms"
        storm = f.run("hotreload")["storm"]
        storm[0]["served_after_burst"] = 0.25 + 0.5 + 0.100  # quiet + plain + 100 ms, as the check adds it
        self.assertIs(self.ours(storm=storm)[text][0], True)
        storm[0]["served_after_burst"] = math.nextafter(0.25 + 0.5 + 0.100, 2.0)
        self.assertIs(self.ours(storm=storm)[text][0], False)

    def test_clean_stop_every_time(self):
        text = "clean stop: nothing alive, nothing bound, every time"
        self.assertEqual(self.ours()[text], (True, "2/2 clean"))
        self.assertEqual(self.ours(stops=[f.stop(), f.stop(clean=False)])[text], (False, "1/2 clean"))


class BrokenTest(unittest.TestCase):
    def test_a_good_run_is_not_broken(self):
        results = f.results({"hotreload/none": f.run("hotreload"), "entr/none": f.run("entr")})
        self.assertEqual(broken(results, smoke=True), [])

    def test_slow_numbers_do_not_break_a_run(self):
        results = f.results({"hotreload/none": f.run("hotreload", latency=[100.0], idle_pct=50.0)})
        self.assertEqual(broken(results, smoke=True), [])

    def test_errors_break_it(self):
        results = f.results({"entr/none": f.run("entr", errors=["main session: boom"])}, errors=["plain go: x"])
        self.assertEqual(broken(results, smoke=True), ["plain go: x", "entr/none: main session: boom"])

    def test_our_plugin_leaving_a_process_alive_1_s_later_breaks_it(self):
        bad = f.stop(clean=False, alive_after_1s=["123 sh"])
        results = f.results({"hotreload/none": f.run("hotreload", stops=[f.stop(), bad])})
        self.assertEqual(len(broken(results, smoke=True)), 1)
        self.assertIn("not stopped cleanly", broken(results, smoke=True)[0])

    def test_our_plugin_leaving_the_port_bound_1_s_later_breaks_it(self):
        bad = f.stop(clean=False, port_bound_after_1s=True)
        results = f.results({"hotreload/none": f.run("hotreload", stops=[bad])})
        self.assertEqual(len(broken(results, smoke=True)), 1)

    def test_alive_only_at_exit_does_not_break_it(self):
        results = f.results({"hotreload/none": f.run("hotreload", stops=[f.stop(clean=False)])})
        self.assertEqual(broken(results, smoke=True), [])

    def test_a_peer_left_alive_does_not_break_it(self):
        bad = f.stop(clean=False, alive_after_1s=["123 sh"])
        results = f.results({"hotreload/none": f.run("hotreload"), "entr/none": f.run("entr", stops=[bad])})
        self.assertEqual(broken(results, smoke=True), [])

    def test_our_plugin_without_latency_breaks_it(self):
        results = f.results({"hotreload/none": f.run("hotreload", latency=[])})
        self.assertEqual(broken(results, smoke=True), ["hotreload/none: no latency measured"])


if __name__ == "__main__":
    unittest.main()
