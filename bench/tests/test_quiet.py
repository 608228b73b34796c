import argparse
import unittest

from hrbench import common
from hrbench.method import METHOD
from hrbench.summary import summarize
from hrbench.tools import Hotreload

from tests import fixtures as f


class _Variant:
    def __init__(self, preset):
        self.preset = preset


class QuietPeriodTest(unittest.TestCase):
    """Our quiet period is known in one place (common.PRESET_DELAY_MS); POMs, overhead and text read it."""

    def test_every_preset_defaults_to_50_ms(self):
        for preset in ("exec", "go", "cargo", "java"):
            self.assertEqual(common.hotreload_quiet(preset), 0.050, preset)

    def test_the_option_overrides_the_preset(self):
        self.assertEqual(common.hotreload_quiet("go", 125), 0.125)

    def test_summary_and_tool_read_the_same_value(self):
        bench = argparse.Namespace(args=argparse.Namespace(hotreload_delay=None))
        tool = Hotreload(bench)
        for variant, preset in (("none", "exec"), ("go", "go"), ("rust", "cargo")):
            results = f.results({f"hotreload/{variant}": f.run("hotreload", variant=variant)})
            results["baseline"][variant] = results["baseline"]["none"]
            _, summary = summarize(results, f.args(variants=[variant], hotreload_delay=None))
            self.assertEqual(summary[f"hotreload/{variant}"]["quiet"], tool.delay(_Variant(preset)), variant)

    def test_a_changed_default_reaches_summary_and_method_text(self):
        saved = dict(common.PRESET_DELAY_MS)
        try:
            common.PRESET_DELAY_MS["go"] = 75
            results = f.results({"hotreload/go": f.run("hotreload", variant="go")})
            _, summary = summarize(results, f.args(variants=["go"], hotreload_delay=None))
            self.assertEqual(summary["hotreload/go"]["quiet"], 0.075)
            self.assertIn("go 75 ms", common.preset_delay_text())
        finally:
            common.PRESET_DELAY_MS.clear()
            common.PRESET_DELAY_MS.update(saved)

    def test_method_text_says_50_ms_and_no_old_defaults(self):
        self.assertIn("50 ms (every preset)", METHOD)
        self.assertNotIn("@PRESET_DELAYS@", METHOD)
        self.assertNotIn("`go` 1000 ms", METHOD)
