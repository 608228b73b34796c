"""Benchmark of hotreload-maven-plugin against air, cargo-watch, watchexec, nodemon and entr.

Run it with bench/run (see bench/README.md). Standard library only. Every server listens on
127.0.0.1 only; every loop is bounded in count and time; every process started is stopped.
"""

import argparse
import json
import signal
import sys
from pathlib import Path

from .common import ALL_TOOLS, ALL_VARIANTS, BENCH, PEERS_FOR_SMOKE, REPO, BenchError, log
from .containertext import ROWS as CONTAINER_ROWS
from .report import (containers_markdown, editors_markdown, followers_markdown, has_generic_runs,
                     java_table_markdown, print_targets, table_markdown, write_raw, write_report)
from .editors import SCENARIOS as EDITOR_SAVES, SMOKE_SCENARIO
from .runner import Bench
from .targets import broken


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--smoke", action="store_true",
                   help="short form: our plugin and one peer that is already installed, tiny trees, 2 repetitions; "
                        "does not write docs/benchmarks.md; exits non-zero when something is broken")
    p.add_argument("--tools", help="comma-separated, default all: " + ",".join(ALL_TOOLS))
    p.add_argument("--variants", default=",".join(ALL_VARIANTS),
                   help="comma-separated: none,go,rust,java (java: our java preset against the exec recipe, "
                        "quarkus:dev and spring-boot:run; in --smoke our plugin only)")
    p.add_argument("--reps", type=int, help="changes per tool and variant for latency (default 10; smoke 2)")
    p.add_argument("--storm-reps", type=int, help="storms per tool and variant (default 3; smoke 1)")
    p.add_argument("--storm-files", type=int, default=1000)
    p.add_argument("--scenarios",
                   help="comma-separated: standard (idle, latency, storm, large tree, with the plain-script "
                        "reference), editors (the editor saves), followers (followers of a running watch's "
                        "log: line delivery, reload latency with followers, a follower that never reads; "
                        "our plugin and the none service only), containers (one Go service: our plugin on the "
                        "host, our plugin in a compose container, docker compose watch; needs a Docker engine, "
                        "and compose v2 for the compose-watch row); default standard,editors,followers (smoke: "
                        "standard,editors), 'editors' alone runs only the saves")
    p.add_argument("--container-variants", default=",".join(CONTAINER_ROWS),
                   help="rows of the containers scenario, comma-separated (default all: " + ",".join(CONTAINER_ROWS)
                        + "); host and container need hotreload in --tools, compose-watch runs whatever --tools says")
    p.add_argument("--compose-v2", metavar="PATH",
                   help="a compose v2 binary for the compose-watch row, used as `docker compose` through a "
                        "DOCKER_CONFIG in the work directory (default: the environment's `docker compose`, "
                        "else a docker-compose on PATH that is v2)")
    p.add_argument("--editor-saves", help="editor saves to run, comma-separated (default all: "
                   + ",".join(EDITOR_SAVES) + f"; smoke {SMOKE_SCENARIO})")
    p.add_argument("--editor-reps", type=int, help="repetitions of each editor save (default 3; smoke 2)")
    p.add_argument("--editor-variants", help="variants that run the editor saves (default all of --variants "
                   "except java; smoke go only)")
    p.add_argument("--idle-seconds", type=float, help="idle window (default 30; smoke 2)")
    p.add_argument("--small-tree", type=int, help="files in the tree for idle and start-up (default 20000; smoke 200)")
    p.add_argument("--large-tree", type=int,
                   help="files in the tree of the second start-up (default 100000; smoke 1000; 0 skips it)")
    p.add_argument("--startup-reps", type=int, help="plain-script and Maven-alone start-ups (default 3; smoke 1)")
    p.add_argument("--hotreload-delay", type=int, help="our plugin's <delay> in ms (default: the preset's)")
    p.add_argument("--maven-opts", help="MAVEN_OPTS for our plugin's JVM (default: the environment's)")
    p.add_argument("--maven-repo", help="local Maven repository holding the plugin (default: the user's own)")
    p.add_argument("--mvnw", default=str(REPO / "mvnw"), help="Maven wrapper to run (default: the repository's)")
    p.add_argument("--build-plugin", metavar="DIR",
                   help="first install the plugin from this checkout (mvnw install -DskipTests) into --maven-repo")
    p.add_argument("--no-install", dest="install", action="store_false", help="do not install missing peers")
    p.add_argument("--output", default=str(REPO / "docs" / "benchmarks.md"), help="Markdown report to write")
    p.add_argument("--no-docs", action="store_true", help="do not write the Markdown report")
    p.add_argument("--note", action="append", default=[],
                   help="a paragraph to add to the report under the heading (repeatable)")
    p.add_argument("--report-from", metavar="JSON",
                   help="measure nothing: write the report (--output) from a raw results file of an earlier run")
    p.add_argument("--work-dir", default=str(BENCH / "work"))
    p.add_argument("--base-port", type=int, default=18200)
    p.add_argument("--max-minutes", type=float, help="overall time limit (default 120; smoke 6)")
    p.add_argument("--change-timeout", type=float, default=120.0, help="longest wait for one change to be served")
    p.add_argument("--first-change-timeout", type=float,
                   help="how long a change written at first ready may take before it counts as missed "
                        "(default 30; smoke 10)")
    p.add_argument("--startup-timeout", type=float, help="longest wait from launch to ready (default 300; smoke 60)")
    a = p.parse_args(argv)
    smoke = a.smoke
    defaults = {"reps": (10, 2), "storm_reps": (3, 1), "idle_seconds": (30.0, 2.0), "small_tree": (20000, 200),
                "large_tree": (100000, 1000), "startup_reps": (3, 1), "max_minutes": (120.0, 6.0),
                "startup_timeout": (300.0, 60.0), "first_change_timeout": (30.0, 10.0), "editor_reps": (3, 2)}
    for k, (full, short) in defaults.items():
        if getattr(a, k) is None:
            setattr(a, k, short if smoke else full)
    a.settle_min, a.settle_max = (1.0, 10.0) if smoke else (5.0, 60.0)
    a.gap = 1.0
    a.storm_observe = 2.0 if smoke else 3.0
    a.tools_given = a.tools is not None
    a.tools = [t.strip() for t in (a.tools or ",".join(ALL_TOOLS)).split(",") if t.strip()]
    a.variants = [v.strip() for v in a.variants.split(",") if v.strip()]
    if a.scenarios is None:
        a.scenarios = "standard,editors" if smoke else "standard,editors,followers"
    a.scenarios = [x.strip() for x in a.scenarios.split(",") if x.strip()]
    for x in a.scenarios:
        if x not in ("standard", "editors", "followers", "containers"):
            p.error(f"unknown scenario group {x} (standard, editors, followers, containers)")
    a.container_variants = [x.strip() for x in a.container_variants.split(",") if x.strip()]
    for x in a.container_variants:
        if x not in CONTAINER_ROWS:
            p.error(f"unknown container variant {x} ({','.join(CONTAINER_ROWS)})")
    generic = [v for v in a.variants if v != "java"]
    if a.editor_saves is None:
        a.editor_saves = [SMOKE_SCENARIO] if smoke else list(EDITOR_SAVES)
    else:
        a.editor_saves = [x.strip() for x in a.editor_saves.split(",") if x.strip()]
    for x in a.editor_saves:
        if x not in EDITOR_SAVES:
            p.error(f"unknown editor save {x} ({','.join(EDITOR_SAVES)})")
    if a.editor_variants is None:
        a.editor_variants = (["go"] if "go" in generic else generic[:1]) if smoke else generic
    else:
        a.editor_variants = [x.strip() for x in a.editor_variants.split(",") if x.strip()]
    for t in a.tools:
        if t not in ALL_TOOLS:
            p.error(f"unknown tool {t}")
    for v in a.variants:
        if v not in ALL_VARIANTS:
            p.error(f"unknown variant {v}")
    if a.reps < 1 or a.storm_reps < 0:
        p.error("--reps must be at least 1")
    if smoke:
        a.install = False
        a.no_docs = True
    return a


def report_from(path, output, notes):
    results = json.loads(Path(path).read_text())
    args = argparse.Namespace(**results["meta"]["args"])
    args.note = notes
    table, summary = table_markdown(results, args)
    if has_generic_runs(results):
        print(table)
    fm = followers_markdown(results.get("followers"))
    if fm:
        print(fm)
    cm = containers_markdown(results.get("containers"))
    if cm:
        print(cm)
    print_targets(results, args, summary)
    print(f"report: {write_report(results, args, output)}")
    return 0


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.report_from:
        return report_from(args.report_from, args.output, args.note)
    bench = Bench(args)
    if args.smoke and not args.tools_given:
        peer = next((t for t in PEERS_FOR_SMOKE if bench.tools[t].locate() is not None), None)
        args.tools = ["hotreload"] + ([peer] if peer else [])
        log(f"smoke test: {', '.join(args.tools)}" + ("" if peer else " (no peer is installed; plain script only)"))

    def on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    code = 0
    try:
        results = bench.run()
    except KeyboardInterrupt:
        log("interrupted; stopping everything")
        bench.cleanup_all()
        return 130
    except BenchError as e:
        log(f"ERROR: {e}")
        bench.cleanup_all()
        return 1
    finally:
        bench.cleanup_all()
    raw = write_raw(results, bench.work)
    table, summary = table_markdown(results, args)
    print()
    if any(v != "java" for v in args.variants) and has_generic_runs(results):
        print(table)
        print()
        ed = editors_markdown(summary)
        if ed:
            print("editor saves (completed builds/failed builds shown/restarts per repetition):")
            print(ed)
            print()
    if "java" in args.variants and any(r["variant"] == "java" for r in results["runs"].values()):
        print(java_table_markdown(results, args))
        print()
    fm = followers_markdown(results.get("followers"))
    if fm:
        print("followers of the running watch's log (issue 11):")
        print(fm)
        print()
    cm = containers_markdown(results.get("containers"))
    if cm:
        print("services in containers (change -> new response of one Go service):")
        print(cm)
        print()
    print_targets(results, args, summary)
    print(f"\nraw results: {raw}")
    if not args.no_docs:
        print(f"report: {write_report(results, args, args.output)}")
    bad = broken(results, args.smoke)
    if bad:
        print("\nbroken:\n  " + "\n  ".join(bad))
        code = 1
    return code
