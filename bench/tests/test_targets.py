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
        text = "storm: exactly 0 completed build(s) and 1 restart in every storm"
        storm = f.run("hotreload")["storm"]
        self.assertEqual(self.ours(storm=storm)[text], (True, "1 of 1: 0/1 (completed builds/restarts)"))
        storm[0]["starts"] = 2
        self.assertEqual(self.ours(storm=storm)[text], (False, "0 of 1: 0/2 (completed builds/restarts)"))

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


def storm(builds, completed, starts=1, served=0.5):
    return {"files": 1001, "burst": 0.0625, "served_after_burst": served, "served_after_first_write": served,
            "builds": builds, "starts": starts, "build_in_place": None, "completed": completed, "failed": 0}


class Issue13TargetsTest(unittest.TestCase):
    """At each tool's defaults: change -> ready against watchexec, air and cargo-watch; storms of the
    go variant: one completed build and one restart in every storm, served no later than watchexec."""

    LAT = "change → ready p50 ≤ watchexec's p50 + 10 ms (at each tool's defaults)"
    GO_STORM = "storm: exactly 1 completed build(s) and 1 restart in every storm"
    SERVED = "storm: final version served no later than watchexec serves it (median after the burst)"

    def go(self, ours, peers, delay=None):
        runs = {"hotreload/go": f.run("hotreload", variant="go", **ours)}
        for name, kw in peers.items():
            runs[f"{name}/go"] = f.run(name, variant="go", **kw)
        results = f.results(runs)
        a = f.args(variants=["go"], hotreload_delay=delay)
        _, summary = summarize(results, a)
        return {text: (ok, detail) for v, text, ok, detail in targets(results, a, summary) if v == "go"}

    def test_latency_against_watchexec_met_equal_and_missed(self):
        self.assertEqual(self.go({"latency": [0.5]}, {"watchexec": {"latency": [0.75]}})[self.LAT],
                         (True, "500 ms vs 750 ms + 10 ms"))
        at_limit = 0.75 + 0.010
        self.assertIs(self.go({"latency": [at_limit]}, {"watchexec": {"latency": [0.75]}})[self.LAT][0], True)
        above = math.nextafter(at_limit, 2.0)
        self.assertIs(self.go({"latency": [above]}, {"watchexec": {"latency": [0.75]}})[self.LAT][0], False)

    def test_latency_below_air_and_cargo_watch_is_strict(self):
        c = self.go({"latency": [0.5]}, {"air": {"latency": [0.5]}, "cargo-watch": {"latency": [0.625]}})
        self.assertEqual(c["change → ready p50 below air's (at each tool's defaults)"], (False, "500 ms vs 500 ms"))
        self.assertEqual(c["change → ready p50 below cargo-watch's (at each tool's defaults)"],
                         (True, "500 ms vs 625 ms"))

    def test_latency_targets_say_when_our_delay_is_not_the_default(self):
        c = self.go({"latency": [0.5]}, {"watchexec": {"latency": [0.75]}}, delay=250)
        self.assertIn("change → ready p50 ≤ watchexec's p50 + 10 ms (ours at --hotreload-delay 250 ms, not its "
                      "defaults)", c)

    def test_no_latency_target_against_a_peer_that_did_not_run(self):
        self.assertNotIn(self.LAT, self.go({"latency": [0.5]}, {"air": {}}))

    def test_storm_one_completed_build_in_every_storm(self):
        three = [storm(1, 1), storm(2, 1), storm(1, 1)]  # a cancelled build started but did not complete
        self.assertEqual(self.go({"storm": three}, {})[self.GO_STORM],
                         (True, "3 of 3: 1/1, 1/1, 1/1 (completed builds/restarts)"))
        two_of_three = [storm(1, 1), storm(2, 2), storm(1, 1)]
        self.assertEqual(self.go({"storm": two_of_three}, {})[self.GO_STORM][0], False)
        restarted_twice = [storm(1, 1), storm(1, 1, starts=2), storm(1, 1)]
        self.assertEqual(self.go({"storm": restarted_twice}, {})[self.GO_STORM],
                         (False, "2 of 3: 1/1, 1/2, 1/1 (completed builds/restarts)"))

    def test_storm_from_older_results_counts_builds_started(self):
        old = [storm(2, 1)]
        del old[0]["completed"]
        self.assertIs(self.go({"storm": old}, {})[self.GO_STORM][0], False)

    def test_storm_served_no_later_than_watchexec_equal_is_met(self):
        theirs = {"watchexec": {"storm": [storm(1, 1, served=0.5), storm(1, 1, served=0.75)]}}  # median 0.625
        self.assertEqual(self.go({"storm": [storm(1, 1, served=0.625)]}, theirs)[self.SERVED],
                         (True, "625 ms vs 625 ms"))
        later = math.nextafter(0.625, 1.0)
        self.assertIs(self.go({"storm": [storm(1, 1, served=later)]}, theirs)[self.SERVED][0], False)
        self.assertIs(self.go({"storm": [storm(1, 1, served=0.25)]}, theirs)[self.SERVED][0], True)


def edit(completed=1, shown=0, starts=1, exited=0):
    return {"latency": 0.25, "builds": completed, "completed": completed, "failed": shown, "starts": starts,
            "failed_shown": shown, "exited_shown": exited}


class EditorTargetsTest(unittest.TestCase):
    TRUNC = "editor save, truncate, then write (3 ms later): 1 reload and 0 failed builds shown in every repetition"

    def ours(self, editors):
        return checks(f.results({"hotreload/none": f.run("hotreload", editors=editors)}), f.args())

    def test_met_when_every_repetition_has_one_reload_and_no_failed_build(self):
        self.assertEqual(self.ours({"truncate-write": [edit(), edit()]})[self.TRUNC],
                         (True, "2 of 2: 1/0/1, 1/0/1 (completed builds/failed shown/restarts)"))

    def test_one_failed_build_shown_misses_it(self):
        ok, detail = self.ours({"truncate-write": [edit(), edit(completed=2, shown=1)]})[self.TRUNC]
        self.assertIs(ok, False)
        self.assertEqual(detail, "1 of 2: 1/0/1, 2/1/1 (completed builds/failed shown/restarts)")

    def test_two_restarts_or_none_miss_it(self):
        self.assertIs(self.ours({"truncate-write": [edit(starts=2)]})[self.TRUNC][0], False)
        self.assertIs(self.ours({"truncate-write": [edit(starts=0)]})[self.TRUNC][0], False)

    def test_one_target_per_scenario_run(self):
        c = self.ours({"vim": [edit()], "jetbrains": [edit()], "save-all": [edit(exited=1)]})
        names = [t for t in c if t.startswith("editor save")]
        self.assertEqual(len(names), 3)
        self.assertIn("(1 exit)", c["editor save, save of 3 files at once: 1 reload and 0 failed builds shown in "
                                    "every repetition"][1])

    def test_no_editor_target_without_editor_results(self):
        self.assertFalse([t for t in self.ours({}) if t.startswith("editor save")])


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

    def test_an_editors_only_run_without_latency_is_not_broken(self):
        results = f.results({"hotreload/none": f.run("hotreload", latency=[], editors={"vim": [edit()]})})
        self.assertEqual(broken(results, smoke=True), [])

    def test_our_plugin_without_latency_breaks_it(self):
        results = f.results({"hotreload/none": f.run("hotreload", latency=[])})
        self.assertEqual(broken(results, smoke=True), ["hotreload/none: no latency measured"])


if __name__ == "__main__":
    unittest.main()
