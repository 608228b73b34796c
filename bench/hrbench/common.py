"""What every module of the bench shares: where things are, the names of tools and variants, the
log line, the clock, the error a failed measurement raises, and how a duration is printed."""

import time
from pathlib import Path


BENCH = Path(__file__).resolve().parent.parent  # bench/
REPO = BENCH.parent
TOOLS_DIR = BENCH / "tools"
TEMPLATES = BENCH / "templates"
PLUGIN = ("io.github.hotreload", "hotreload-maven-plugin", "0.1.0-SNAPSHOT")
# the first six measure the none/go/rust services; the last three only the java variant, where our
# plugin runs its java preset
ALL_TOOLS = ["hotreload", "air", "cargo-watch", "watchexec", "nodemon", "entr", "exec-recipe", "quarkus",
             "spring-boot"]
GENERIC_TOOLS = ALL_TOOLS[:6]
JAVA_TOOL_NAMES = ["hotreload", "exec-recipe", "quarkus", "spring-boot"]
ALL_VARIANTS = ["none", "go", "rust", "java"]
PEERS_FOR_SMOKE = ["entr", "watchexec", "nodemon", "air", "cargo-watch"]
# our plugin's default quiet period (<delay>), the same for every preset since issue 13; the one place
# the bench knows it (POMs, overhead, targets, table and Method text all read it from here)
PRESET_DELAY_MS = {"exec": 50, "go": 50, "cargo": 50, "java": 50}


def hotreload_quiet(preset, hotreload_delay_ms=None):
    """Our configured quiet period in seconds: --hotreload-delay if given, else the preset's default."""
    if hotreload_delay_ms is not None:
        return hotreload_delay_ms / 1000.0
    return PRESET_DELAY_MS[preset] / 1000.0


def preset_delay_text():
    """The presets' default quiet periods for people: "50 ms (every preset)" or "exec 300 ms, go 1000 ms"."""
    vals = set(PRESET_DELAY_MS.values())
    if len(vals) == 1:
        return f"{vals.pop()} ms (every preset)"
    return ", ".join(f"{k} {v} ms" for k, v in PRESET_DELAY_MS.items())


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def now():
    return time.monotonic()


class BenchError(Exception):
    """A measurement could not be made (the tool did not start, never served a version...)."""


def ms(x):
    """A duration in seconds for people: milliseconds below 10 s, else seconds; — for None."""
    if x is None:
        return "—"
    if abs(x) >= 10:
        return f"{x:.1f} s"
    return f"{x * 1000:.0f} ms"


def plugin_pom(artifact_id, service_lines, more_services=()):
    """A pom-packaged project that runs our plugin with one <service> of these element lines, and one
    more <service> per list of element lines in more_services."""
    g, a, ver = PLUGIN
    blocks = ["\n              ".join(lines) for lines in [service_lines, *more_services]]
    service = "\n            </service>\n            <service>\n              ".join(blocks)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>{artifact_id}</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>{g}</groupId>
        <artifactId>{a}</artifactId>
        <version>{ver}</version>
        <configuration>
          <services>
            <service>
              {service}
            </service>
          </services>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
"""


def passes(count, tools):
    """How `count` repetitions split over the passes: with two tools or more, the tools run in one
    order and then in the reverse order, each pass with half of them (the first the larger half),
    so that a slow spell of a shared machine (the same `go build` took 1.1 s in one tool's slot and
    0.8 s in the next one's, minutes later) falls on every tool alike; with one tool, one pass."""
    if tools < 2:
        return count, 0
    return count - count // 2, count // 2
