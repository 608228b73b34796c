import argparse
import os
import tempfile
import unittest
from pathlib import Path

from hrbench.tools import Hotreload


class _Maven:
    def __init__(self, jar):
        self.jar = jar

    def plugin_jar(self):
        return self.jar

    def version(self):
        return "3.9.11"


class PluginVersionTest(unittest.TestCase):
    """The bench measures the jar in the Maven repository, not the checkout: its version says when that jar was built."""

    def test_the_version_names_the_jars_build_time(self):
        with tempfile.TemporaryDirectory() as d:
            jar = Path(d) / "hotreload-maven-plugin-0.1.0-SNAPSHOT.jar"
            jar.write_bytes(b"jar")
            os.utime(jar, (1796169600, 1796169600))  # 2026-12-02 00:00 UTC
            tool = Hotreload(argparse.Namespace(maven=_Maven(jar)))
            self.assertIn("jar built 2026-12-02 00:00 UTC", tool.version())
            self.assertIn("Maven wrapper 3.9.11", tool.version())

    def test_a_missing_jar_is_told_not_hidden(self):
        tool = Hotreload(argparse.Namespace(maven=_Maven(Path("/nonexistent/plugin.jar"))))
        self.assertIn("jar built ?", tool.version())
