import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

from hrbench.report import charts, report_markdown, write_report
from hrbench.svg import bar_chart, nice_ceiling

from tests import fixtures as f

NS = {"s": "http://www.w3.org/2000/svg"}


def parse(svg):
    return ET.fromstring(svg)  # also: the SVG is well-formed XML


def bars(root):
    return [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if "bar" in (r.get("class") or "").split()]


def texts(root):
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


def chart(values, ours=None, **kw):
    group = [{"label": name, "value": v, "ours": name == ours, **kw} for name, v in values]
    return parse(bar_chart("Title", "change → ready (ms)", [("go", group)]))


class BarChartTest(unittest.TestCase):
    def test_bar_heights_scale_with_values(self):
        root = chart([("a", 100.0), ("b", 400.0), ("c", 200.0)])
        h = [float(r.get("height")) for r in bars(root)]
        self.assertEqual(len(h), 3)
        self.assertAlmostEqual(h[1] / h[0], 4.0, places=2)
        self.assertAlmostEqual(h[2] / h[0], 2.0, places=2)

    def test_bars_stand_on_the_same_baseline(self):
        root = chart([("a", 100.0), ("b", 400.0)])
        bottoms = {round(float(r.get("y")) + float(r.get("height")), 1) for r in bars(root)}
        self.assertEqual(len(bottoms), 1)

    def test_labels_axis_title_and_values_appear(self):
        t = texts(chart([("watchexec", 106.0), ("hotreload (ours)", 57.0)], ours="hotreload (ours)"))
        for s in ("Title", "change → ready (ms)", "watchexec", "hotreload (ours)", "go", "106", "57"):
            self.assertIn(s, t)

    def test_a_missing_value_is_drawn_as_na_without_a_bar(self):
        root = chart([("air", None), ("entr", 100.0)])
        self.assertEqual(len(bars(root)), 1)
        self.assertIn("n/a", texts(root))
        self.assertIn("air", texts(root))

    def test_all_missing_still_draws_a_chart(self):
        root = chart([("air", None)])
        self.assertEqual(bars(root), [])
        self.assertIn("n/a", texts(root))

    def test_ours_is_highlighted(self):
        root = chart([("entr", 100.0), ("hotreload (ours)", 50.0)], ours="hotreload (ours)")
        by_class = {r.get("class"): r.get("fill") for r in bars(root)}
        self.assertIn("bar ours", by_class)
        self.assertNotEqual(by_class["bar ours"], by_class["bar"])

    def test_whiskers_span_lo_to_hi_on_the_bar_scale(self):
        root = parse(bar_chart("T", "ms", [("go", [{"label": "a", "value": 100.0, "lo": 50.0, "hi": 200.0}])]))
        bar = bars(root)[0]
        w = [l for l in root.iter("{http://www.w3.org/2000/svg}line") if l.get("class") == "whisker"][0]
        per_unit = float(bar.get("height")) / 100.0
        self.assertAlmostEqual(float(w.get("y1")) - float(w.get("y2")), 150.0 * per_unit, places=1)

    def test_labels_are_escaped(self):
        root = chart([("a<b&c", 1.0)])
        self.assertIn("a<b&c", texts(root))

    def test_nice_ceiling(self):
        self.assertEqual(nice_ceiling(0.8), 1.0)
        self.assertEqual(nice_ceiling(1381), 2000)
        self.assertEqual(nice_ceiling(2200), 2500)
        self.assertEqual(nice_ceiling(400), 500)


class ReportChartsTest(unittest.TestCase):
    def sample(self):
        return f.results({"hotreload/none": f.run("hotreload", latency=[0.25, 0.5]),
                          "air/none": f.run("air", latency=[], storm=[], startup_small=None,
                                            errors=["main session: boom"])})

    def test_latency_chart_has_the_median_in_ms_and_na_for_a_failed_tool(self):
        root = parse(charts(self.sample(), f.args())["latency"])
        t = texts(root)
        self.assertIn("375", t)  # median of 250 and 500 ms
        self.assertIn("n/a", t)
        self.assertIn("plain script", t)
        self.assertEqual(len([r for r in bars(root) if r.get("class") == "bar ours"]), 1)

    def test_report_embeds_the_charts_with_relative_links_and_they_are_written(self):
        md = report_markdown(self.sample(), f.args(), "benchmarks")
        self.assertIn("![change → ready per tool and variant](benchmarks-latency.svg)", md)
        self.assertIn("(benchmarks-storm.svg)", md)
        with tempfile.TemporaryDirectory() as d:
            write_report(self.sample(), f.args(), Path(d) / "benchmarks.md")
            for name in ("benchmarks-latency.svg", "benchmarks-storm.svg"):
                parse((Path(d) / name).read_text())


if __name__ == "__main__":
    unittest.main()
