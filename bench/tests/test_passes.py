"""The two passes of a run (tools in order, then in reverse order) and the check that both
passes' shares were measured."""

import unittest

from tests.fixtures import results, run
from hrbench.common import passes
from hrbench.targets import broken


class PassesTest(unittest.TestCase):
    def test_two_tools_share_the_repetitions_with_the_larger_half_first(self):
        self.assertEqual(passes(12, 2), (6, 6))
        self.assertEqual(passes(3, 2), (2, 1))
        self.assertEqual(passes(1, 6), (1, 0))

    def test_one_tool_runs_one_pass(self):
        self.assertEqual(passes(12, 1), (12, 0))
        self.assertEqual(passes(3, 0), (3, 0))


class CountCheckTest(unittest.TestCase):
    def rs(self, latency, storms, reps=2, storm_reps=1):
        r = run("hotreload", latency=latency)
        r["storm"] = r["storm"][:1] * storms
        out = results({"hotreload/none": r})
        out["meta"]["args"] = {"reps": reps, "storm_reps": storm_reps}
        return out

    def test_every_change_and_storm_of_both_passes_measured_is_not_broken(self):
        self.assertEqual(broken(self.rs((0.5, 0.5), 1), smoke=True), [])

    def test_a_pass_that_measured_less_breaks_the_run(self):
        self.assertEqual(broken(self.rs((0.5,), 1), smoke=True),
                         ["hotreload/none: 1 latency changes measured, not 2"])
        self.assertEqual(broken(self.rs((0.5, 0.5), 1, storm_reps=3), smoke=True),
                         ["hotreload/none: 1 storms measured, not 3"])

    def test_a_session_that_failed_says_so_once(self):
        r = self.rs((0.5,), 1)
        r["runs"]["hotreload/none"]["errors"] = ["second pass: not ready"]
        self.assertEqual(broken(r, smoke=True), ["hotreload/none: second pass: not ready"])

    def test_results_without_the_run_arguments_are_not_counted(self):
        r = self.rs((0.5,), 1)
        del r["meta"]["args"]
        self.assertEqual(broken(r, smoke=True), [])



class RepetitionsLineTest(unittest.TestCase):
    def line(self, tools):
        from hrbench.report import report_markdown
        from tests import fixtures as f
        text = report_markdown(results({"hotreload/none": run("hotreload")}), f.args(reps=12, storm_reps=3, tools=tools))
        return next(x for x in text.splitlines() if x.startswith("Repetitions:"))

    def test_the_report_says_how_the_passes_shared_the_repetitions(self):
        self.assertIn("12 changes per tool and variant for latency, 3 storms of 1000 files (in two passes, the tools "
                      "in order and then in reverse: 6 + 6 changes, 2 + 1 storms)", self.line(["hotreload", "watchexec"]))

    def test_one_tool_is_one_pass(self):
        self.assertNotIn("passes", self.line(["hotreload"]))


if __name__ == "__main__":
    unittest.main()
