import math
import unittest

from hrbench.report import java_table_markdown, report_markdown
from hrbench.stats import ratio
from hrbench.summary import java_summary, summarize
from hrbench.targets import broken, java_targets, targets

from tests import fixtures as f

P50 = "change → new response p50 ≤ 300 ms (at the java preset's defaults)"
P90 = "change → new response p90 ≤ 500 ms (at the java preset's defaults)"
EXEC = "at least 8 times faster than the exec recipe (p50)"
QUARKUS = "no slower than quarkus:dev in the same run (p50)"
LIBRARY = "library change, both dependents serve the new text ≤ 1000 ms (p50)"


def jargs(**kw):
    return f.args(variants=("java",), hotreload_delay=None, **kw)


def checks(runs, args=None):
    """{target text: (met, detail)} of the java variant."""
    results = f.results({f"{r['tool']}/java": r for r in runs})
    return {text: (ok, detail) for v, text, ok, detail in java_targets(results, args or jargs())}


class LatencyTargetsTest(unittest.TestCase):
    def test_p50_met_at_the_limit_and_missed_just_above(self):
        self.assertEqual(checks([f.java_run("hotreload", latency=[0.3])])[P50], (True, "300 ms"))
        self.assertIs(checks([f.java_run("hotreload", latency=[math.nextafter(0.3, 1.0)])])[P50][0], False)

    def test_p90_uses_the_90th_percentile_not_the_median(self):
        # ten values: nine of 250 ms and one of 1 s; p90 interpolates to 325 ms, below 500 ms
        c = checks([f.java_run("hotreload", latency=[0.25] * 9 + [1.0])])
        self.assertEqual(c[P90], (True, "325 ms"))
        # two of 1 s: p90 is 1 s
        c = checks([f.java_run("hotreload", latency=[0.25] * 8 + [1.0, 1.0])])
        self.assertEqual(c[P90], (False, "1000 ms"))
        self.assertIs(c[P50][0], True)

    def test_p90_met_at_the_limit(self):
        self.assertIs(checks([f.java_run("hotreload", latency=[0.5])])[P90][0], True)
        self.assertIs(checks([f.java_run("hotreload", latency=[math.nextafter(0.5, 1.0)])])[P90][0], False)

    def test_a_delay_other_than_the_default_is_named_in_the_target(self):
        c = checks([f.java_run("hotreload")], f.args(variants=("java",), hotreload_delay=100))
        self.assertIn("change → new response p50 ≤ 300 ms (at --hotreload-delay 100 ms, not the defaults)", c)
        self.assertNotIn(P50, c)

    def test_no_targets_without_our_plugin(self):
        self.assertEqual(checks([f.java_run("quarkus")]), {})


class PeerTargetsTest(unittest.TestCase):
    def test_eight_times_faster_than_the_exec_recipe_equal_is_met(self):
        c = checks([f.java_run("hotreload", latency=[0.25]), f.java_run("exec-recipe", latency=[2.0])])
        self.assertEqual(c[EXEC], (True, "8.0× (2000 ms vs 250 ms)"))

    def test_less_than_eight_times_is_missed(self):
        c = checks([f.java_run("hotreload", latency=[0.25]), f.java_run("exec-recipe", latency=[1.75])])
        self.assertEqual(c[EXEC], (False, "7.0× (1750 ms vs 250 ms)"))

    def test_the_ratio_is_of_medians(self):
        c = checks([f.java_run("hotreload", latency=[0.25, 0.25, 4.0]),
                    f.java_run("exec-recipe", latency=[1.0, 4.0, 4.0])])
        self.assertEqual(c[EXEC], (True, "16.0× (4000 ms vs 250 ms)"))

    def test_no_slower_than_quarkus_equal_is_met_slower_is_missed(self):
        c = checks([f.java_run("hotreload", latency=[0.25]), f.java_run("quarkus", latency=[0.25])])
        self.assertEqual(c[QUARKUS], (True, "250 ms vs 250 ms"))
        c = checks([f.java_run("hotreload", latency=[0.375]), f.java_run("quarkus", latency=[0.25])])
        self.assertEqual(c[QUARKUS], (False, "375 ms vs 250 ms"))

    def test_a_peer_not_in_the_run_is_not_measured_rather_than_missed(self):
        c = checks([f.java_run("hotreload")])
        self.assertIsNone(c[EXEC][0])
        self.assertIn("the exec recipe was not part of this run", c[EXEC][1])
        self.assertIsNone(c[QUARKUS][0])

    def test_a_peer_that_cannot_run_here_says_why(self):
        c = checks([f.java_run("hotreload"), f.java_unavailable("quarkus", "no network")])
        self.assertEqual(c[QUARKUS], (None, "not measured: quarkus:dev cannot run here (no network)"))

    def test_a_peer_that_failed_is_not_measured_and_says_so(self):
        c = checks([f.java_run("hotreload"), f.java_run("exec-recipe", latency=[], errors=["main session: boom"])])
        self.assertEqual(c[EXEC], (None, "not measured: the exec recipe failed (main session: boom)"))


class LibraryTargetTest(unittest.TestCase):
    def test_one_second_equal_is_met_above_is_missed(self):
        self.assertEqual(checks([f.java_run("hotreload", lib_latency=[1.0])])[LIBRARY], (True, "1000 ms"))
        self.assertIs(checks([f.java_run("hotreload", lib_latency=[math.nextafter(1.0, 2.0)])])[LIBRARY][0], False)

    def test_median_of_the_repetitions(self):
        c = checks([f.java_run("hotreload", lib_latency=[0.5, 3.0, 0.75])])
        self.assertEqual(c[LIBRARY], (True, "750 ms"))

    def test_no_library_target_without_the_library_session(self):
        self.assertNotIn(LIBRARY, checks([f.java_run("hotreload")]))


class RatioTest(unittest.TestCase):
    def test_slow_over_fast(self):
        self.assertEqual(ratio(2.0, 0.25), 8.0)

    def test_missing_or_non_positive_is_none(self):
        self.assertIsNone(ratio(None, 0.25))
        self.assertIsNone(ratio(2.0, None))
        self.assertIsNone(ratio(2.0, 0.0))
        self.assertIsNone(ratio(2.0, -1.0))


class JavaSummaryTest(unittest.TestCase):
    def test_cpu_per_change_and_rss(self):
        results = f.results({"hotreload/java": f.java_run("hotreload", latency=[0.25, 0.5], cpu_s=1.5,
                                                          rss_kb=300 * 1024)})
        x = java_summary(results)["hotreload"]
        self.assertEqual(x["cpu_per_change"], 0.75)
        self.assertEqual(x["rss_mb"], 300)
        self.assertEqual(x["lat50"], 0.375)

    def test_java_runs_stay_out_of_the_generic_table_and_its_targets(self):
        results = f.results({"hotreload/none": f.run("hotreload"), "hotreload/java": f.java_run("hotreload")})
        _, summary = summarize(results, f.args())
        self.assertEqual(list(summary), ["hotreload/none"])
        self.assertTrue(all(v == "none" for v, *_ in targets(results, f.args(), summary)))


class JavaReportTest(unittest.TestCase):
    def results(self):
        return f.results({"hotreload/java": f.java_run("hotreload", latency=[0.25, 0.5], lib_latency=[0.75]),
                          "exec-recipe/java": f.java_run("exec-recipe", latency=[4.0]),
                          "quarkus/java": f.java_unavailable("quarkus", "no network")})

    def test_table_rows(self):
        lines = java_table_markdown(self.results(), jargs()).splitlines()
        self.assertEqual(lines[2], "| **hotreload (ours), java preset** | 50 ms (delay) | 375 ms / 475 ms | "
                                   "1.00 s (0.50 s) | 200 MB | 2000 ms (4.0 s CPU) | 0/1 0/1 | 750 ms / 750 ms | "
                                   "2/2 (2/2) |")
        self.assertTrue(lines[3].startswith("| hotreload, exec recipe (`mvnw -q -o package`, `java -jar`) | "
                                            "50 ms (delay) | 4000 ms / 4000 ms |"), lines[3])
        self.assertTrue(lines[4].startswith("| quarkus:dev | | cannot run here: no network |"), lines[4])
        for line in lines:
            self.assertEqual(line.count("|"), lines[0].count("|"), line)

    def test_report_has_the_java_section_and_not_measured_targets(self):
        text = report_markdown(self.results(), jargs())
        self.assertIn("## Java variant", text)
        self.assertNotIn("## Results", text)  # no generic variant ran
        self.assertIn("| java | no slower than quarkus:dev in the same run (p50) | — not measured | "
                      "not measured: quarkus:dev cannot run here (no network) |", text)
        self.assertIn("| java | at least 8 times faster than the exec recipe (p50) | ✅ met | "
                      "10.7× (4000 ms vs 375 ms) |", text)
        self.assertIn("- hotreload/java, library change: 0/2", text)


class JavaBrokenTest(unittest.TestCase):
    def test_a_peer_that_cannot_run_here_does_not_break_the_run(self):
        results = f.results({"hotreload/java": f.java_run("hotreload"), "quarkus/java": f.java_unavailable("quarkus")})
        self.assertEqual(broken(results, smoke=False), [])

    def test_our_java_preset_without_latency_breaks_it(self):
        results = f.results({"hotreload/java": f.java_run("hotreload", latency=[], errors=["main session: x"])})
        self.assertEqual(broken(results, smoke=True), ["hotreload/java: main session: x",
                                                       "hotreload/java: no latency measured"])


if __name__ == "__main__":
    unittest.main()
