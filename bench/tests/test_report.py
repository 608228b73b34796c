import json
import tempfile
import unittest
from pathlib import Path

from hrbench.report import report_markdown, table_markdown, write_raw, write_report

from tests import fixtures as f


def sample():
    storms = [{"files": 1001, "burst": 0.0625, "served_after_burst": 0.5, "served_after_first_write": 0.5625,
               "builds": 0, "starts": 1, "build_in_place": None},
              {"files": 1001, "burst": 0.0625, "served_after_burst": 1.0, "served_after_first_write": 1.0625,
               "builds": 0, "starts": 2, "build_in_place": None}]
    return f.results({
        "hotreload/none": f.run("hotreload", latency=[1.0, 1.5]),
        "watchexec/none": f.run("watchexec", latency=[0.75], storm=storms, rss_kb=None, first_change_large=None,
                                stops=[f.stop(), f.stop(clean=False)]),
        "nodemon/none": f.run("nodemon", latency=[], startup_small=None,
                              errors=["main session: not ready within 60 s after launch"]),
    })


HOTRELOAD_ROW = ("| **hotreload (ours)** | none | 250 ms (delay) | 1250 ms / 1450 ms | "
                 "500 ms / 700 ms beyond the 250 ms quiet period | 500 ms / 700 ms (beyond it) | 0/1 ×1 | 500 ms | "
                 "0.125 % | 100 MB | 2000 ms (Maven alone 1500 ms) | 2500 ms (Maven alone 2000 ms) | 500 ms | "
                 "2/2 (2/2) |")
WATCHEXEC_ROW = ("| watchexec | none | 50 ms (--debounce) | 750 ms / 750 ms | 250 ms / 250 ms | 250 ms / 250 ms | "
                 "0/1, 0/2 | 750 ms | 0.125 % | — | 2000 ms | 2500 ms | **missed** | 1/2 (2/2) |")
NODEMON_ROW = "| nodemon | none | | failed: main session: not ready within 60 s after launch | | | | | | | | | | |"
PLAIN_ROW = ("| plain script | none | — | 500 ms / 500 ms | (reference) | (reference) | — | — | — | — | "
             "125 ms (no watcher) | — | — | — |")


class TableTest(unittest.TestCase):
    def test_rows_plain_script_first_then_each_tool_in_run_order(self):
        table, _ = table_markdown(sample(), f.args())
        lines = table.splitlines()
        self.assertEqual(lines[2:], [PLAIN_ROW, HOTRELOAD_ROW, WATCHEXEC_ROW, NODEMON_ROW])

    def test_header_names_the_tree_sizes_and_every_row_has_its_columns(self):
        table, _ = table_markdown(sample(), f.args())
        lines = table.splitlines()
        self.assertIn("| start-up 200 files | start-up 1,000 files | change at first ready (1,000 files) |",
                      lines[0])
        self.assertEqual(lines[1], "|" + "|".join(["---"] * 14) + "|")
        for line in lines:
            self.assertEqual(line.count("|"), 15, line)

    def test_without_a_large_tree_its_columns_are_dashes(self):
        table, _ = table_markdown(sample(), f.args(large_tree=0))
        head = table.splitlines()[0]
        self.assertNotIn("start-up 0 files", head)
        self.assertNotIn("(0 files)", head)
        self.assertTrue(head.endswith("| start-up 200 files | — | — | clean stops at exit (1 s later) |"), head)

    def test_a_watcher_that_never_exited_is_not_clean_later_either(self):
        results = f.results({"entr/none": f.run("entr", stops=[f.stop(clean=False, exited=False)])})
        table, _ = table_markdown(results, f.args())
        self.assertTrue(table.splitlines()[-1].endswith("| 0/1 (0/1) |"), table.splitlines()[-1])

    def test_a_variant_not_asked_for_is_left_out(self):
        results = sample()
        results["runs"]["hotreload/go"] = f.run("hotreload", variant="go")
        table, _ = table_markdown(results, f.args())
        self.assertNotIn("| go |", table)


class ReportTest(unittest.TestCase):
    def setUp(self):
        self.text = report_markdown(sample(), f.args(note=["A note for this run."]))
        self.lines = self.text.splitlines()

    def test_heading_machine_and_notes(self):
        self.assertEqual(self.lines[0], "# Benchmarks")
        self.assertIn("**2 cores** (Test CPU), Linux 6.1. The run took 3.5 min; load average 0.50 at its start "
                      "and 0.75 at its end", self.text)
        self.assertIn("A note for this run.", self.lines)

    def test_contains_the_table(self):
        for row in (PLAIN_ROW, HOTRELOAD_ROW, WATCHEXEC_ROW, NODEMON_ROW):
            self.assertIn(row, self.lines)

    def test_maven_alone_line(self):
        self.assertIn("median 1625 ms over 2 runs; with the plugin loaded and the goal skipped "
                      "(`hotreload:watch -Dhotreload.skip`): 2000 ms.", self.text)

    def test_targets_rows_met_and_missed(self):
        self.assertIn("| none | idle: RSS < 150 MB | ✅ met | 100 MB |", self.lines)
        # ours 500 ms vs watchexec's 250 ms
        self.assertIn("| none | overhead beyond the quiet period ≤ best peer's overhead + 10 ms (median) | ❌ missed "
                      "| 500 ms vs watchexec 250 ms + 10 ms |", self.lines)

    def test_problems_list_errors_and_unclean_stops(self):
        start = self.lines.index("## Problems seen in this run")
        end = self.lines.index("## Builds and restarts per single change")
        problems = [line for line in self.lines[start + 1:end] if line]
        self.assertEqual(len(problems), 2, problems)
        self.assertEqual(problems[0], "- watchexec/none: stop not clean: exited=True in 0.25 s, alive at exit "
                                      "['123 sh: sh'], port bound at exit False, alive after 1 s [], "
                                      "port bound after 1 s False")
        self.assertEqual(problems[1], "- nodemon/none: main session: not ready within 60 s after launch")

    def test_no_problems_section_for_a_clean_run(self):
        results = f.results({"hotreload/none": f.run("hotreload")})
        self.assertNotIn("## Problems seen in this run", report_markdown(results, f.args()))

    def test_builds_and_restarts_per_change(self):
        self.assertIn("- hotreload/none: 0/1 0/1", self.lines)
        self.assertIn("- watchexec/none: 0/1", self.lines)

    def test_ends_with_the_method(self):
        self.assertIn("## Method", self.lines)
        self.assertTrue(self.text.endswith("\n"))


class FilesTest(unittest.TestCase):
    def test_raw_results_round_trip_and_report_is_written(self):
        with tempfile.TemporaryDirectory() as d:
            raw = write_raw(sample(), d)
            self.assertRegex(raw.name, r"^results-\d{8}-\d{6}\.json$")
            self.assertEqual(json.loads(raw.read_text()), sample())
            out = write_report(sample(), f.args(), Path(d) / "docs" / "benchmarks.md")
            self.assertEqual(out.read_text(), report_markdown(sample(), f.args()))


if __name__ == "__main__":
    unittest.main()
