import os
import tempfile
import unittest
from pathlib import Path

from hrbench import editors
from hrbench.report import editors_markdown, report_markdown
from hrbench.summary import summarize

from tests import fixtures as f


class FakeVariant:
    """The parts of a services.Variant the saves use, on a temporary service folder."""

    def __init__(self, root, version_file="main.go"):
        self.svc = Path(root)
        self.version_file = version_file
        self.storm_dir = "gen"
        self.ext = "go"
        self.storm_header = "package gen\n\n// storm"
        (self.svc / "gen").mkdir()
        for i in (0, 1):
            (self.svc / "gen" / f"s{i:04d}.go").write_text("old\n")
        (self.svc / version_file).parent.mkdir(parents=True, exist_ok=True)
        (self.svc / version_file).write_text("old version\n")


class SavesTest(unittest.TestCase):
    def check(self, scenario, version_file="main.go"):
        with tempfile.TemporaryDirectory() as d:
            v = FakeVariant(d, version_file)
            before = sorted(p.relative_to(d) for p in Path(d).rglob("*"))
            if scenario in editors.BEFORE:
                editors.BEFORE[scenario](v)
            editors.SAVES[scenario](v, "new version\n")
            if scenario in editors.AFTER:
                editors.AFTER[scenario](v)
            self.assertEqual((v.svc / version_file).read_text(), "new version\n")
            after = sorted(p.relative_to(d) for p in Path(d).rglob("*"))
            self.assertEqual(after, before, "an editor leaves no files behind")
            return v

    def test_every_save_leaves_the_new_content_and_nothing_else(self):
        for sc in editors.SCENARIOS:
            with self.subTest(sc):
                self.check(sc)

    def test_saves_work_on_a_file_in_a_subfolder(self):
        for sc in editors.SCENARIOS:
            with self.subTest(sc):
                self.check(sc, "src/main.rs")

    def test_save_all_rewrites_two_other_watched_files(self):
        with tempfile.TemporaryDirectory() as d:
            v = FakeVariant(d)
            editors.save_all(v, "new\n")
            for i in (0, 1):
                self.assertIn("saved", (v.svc / "gen" / f"s{i:04d}.go").read_text())

    def test_vim_keeps_its_swap_file_while_open(self):
        with tempfile.TemporaryDirectory() as d:
            v = FakeVariant(d)
            editors.open_vim(v)
            editors.save_vim(v, "new\n")
            self.assertTrue((v.svc / ".main.go.swp").exists())
            self.assertFalse((v.svc / "main.go~").exists())
            self.assertFalse((v.svc / "4913").exists())

    def test_truncate_write_keeps_the_inode(self):
        with tempfile.TemporaryDirectory() as d:
            v = FakeVariant(d)
            ino = os.stat(v.svc / "main.go").st_ino
            editors.save_truncate_write(v, "new\n")
            self.assertEqual(os.stat(v.svc / "main.go").st_ino, ino)


class CountingTest(unittest.TestCase):
    def test_failed_lines_count_our_plugin_s_lines(self):
        text = ("[svc] » main.go changed, building: build-go\n"
                "[svc] » build failed with exit code 1 after 120 ms; the previous version keeps running\n"
                "[svc] main.go:1:1: expected 'package', found 'EOF'\n"
                "[svc] » exited with code 1 after 20 ms\n")
        self.assertEqual(editors.failed_lines(text), (1, 1))
        self.assertEqual(editors.failed_lines("[svc] » reloaded (main.go)\n"), (0, 0))

    def test_rep_text_and_ok(self):
        r = {"completed": 1, "failed_shown": 0, "starts": 1, "exited_shown": 0}
        self.assertEqual(editors.rep_text(r), "1/0/1")
        self.assertTrue(editors.rep_ok(r))
        self.assertFalse(editors.rep_ok(dict(r, failed_shown=1)))
        self.assertEqual(editors.rep_text(dict(r, exited_shown=2)), "1/0/1 (2 exit)")


class EditorsTableTest(unittest.TestCase):
    def test_table_has_a_row_per_tool_and_a_column_per_save(self):
        rep = {"latency": 0.25, "builds": 1, "completed": 1, "failed": 0, "starts": 1, "failed_shown": 0,
               "exited_shown": 0}
        results = f.results({"hotreload/none": f.run("hotreload", editors={"vim": [rep, rep]}),
                             "entr/none": f.run("entr", editors={"vim": [rep], "jetbrains": [dict(rep, failed_shown=1)]}),
                             "air/none": f.run("air")})
        _, summary = summarize(results, f.args())
        lines = editors_markdown(summary).splitlines()
        self.assertEqual(lines[0], "| tool | variant | vim (backup rename, 4913 probe, swap file) | "
                                   "JetBrains safe write |")
        self.assertEqual(lines[2], "| **hotreload (ours)** | none | 1/0/1 1/0/1 (250 ms) | — |")
        self.assertEqual(lines[3], "| entr | none | 1/0/1 (250 ms) | 1/1/1 (250 ms) |")
        self.assertEqual(len(lines), 4)
        self.assertIn("## Editor saves", report_markdown(results, f.args()))

    def test_no_table_without_editor_results(self):
        _, summary = summarize(f.results({"hotreload/none": f.run("hotreload")}), f.args())
        self.assertEqual(editors_markdown(summary), "")


if __name__ == "__main__":
    unittest.main()
