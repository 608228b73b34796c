import argparse
import contextlib
import io
import unittest

from hrbench.cli import parse_args
from hrbench.containers import rotation
from hrbench.containertext import (LABEL_ROW, LABEL_RUN, LABEL_WORK, compose_text, compose_v2_version, ids,
                                   ldd_paths, plugin_reloads, project_name, row_figures, row_pom, runtime_dockerfile,
                                   toolchain_key, toolchain_tag, watch_dockerfile, watch_rebuilds, work_key)
from hrbench.report import containers_markdown, report_markdown
from hrbench.runner import Bench
from hrbench.targets import broken

from tests import fixtures as f

LABELS = {LABEL_RUN: "k-1-abc", LABEL_WORK: "k", LABEL_ROW: "container"}


def stop(clean=True):
    st = f.stop(clean=clean)
    if not clean:
        st["alive_after_1s"] = ["123 docker"]
    return st


def row(name, tool, latency, **kw):
    r = {"row": name, "tool": tool, "errors": [], "latency": list(latency), "reloads_per_change": [1] * len(latency),
         "stop": stop()}
    r.update(kw)
    return r


def record(**rows):
    base = {"host": row("host", "hotreload", [0.5, 0.75, 1.0, 0.625]),
            "container": row("container", "hotreload", [1.0, 1.25, 0.875, 1.5], containers_left_after_stop=0,
                             plugin_reloads=[{"build": 0.5, "restart": 0.25, "total": 0.75}]),
            "compose-watch": row("compose-watch", "compose watch", [2.5, 3.0, 2.75, 4.0], cache_mounts=True,
                                 toolchain_image="hrbench/go-toolchain:go1.26.8", first_build=2.0,
                                 containers_left_after_stop=1)}
    base.update(rows)
    return {"rows": base, "order": ["host", "container", "compose-watch"], "reps": 4, "poll_ms": 2.0, "errors": [],
            "versions": {"docker compose (v2)": "2.29.1"}}


class ComposeFileTest(unittest.TestCase):
    def test_container_row_labels_the_image_and_the_container_and_uses_the_hosts_network(self):
        text = compose_text(18300, LABELS)
        self.assertIn("services:\n  api:\n    build:\n      context: .\n      labels:\n"
                      '        io.github.hotreload.bench.row: "container"\n'
                      '        io.github.hotreload.bench.run: "k-1-abc"\n'
                      '        io.github.hotreload.bench.work: "k"\n'
                      "    labels:\n"
                      '      io.github.hotreload.bench.row: "container"\n', text)
        self.assertIn('    network_mode: host\n    environment:\n      BENCH_PORT: "18300"\n', text)
        self.assertNotIn("develop", text)
        self.assertNotIn("network: none", text)

    def test_watch_row_rebuilds_on_any_change_and_builds_without_a_network(self):
        text = compose_text(18301, LABELS, watch=True)
        self.assertIn("      context: .\n      network: none\n", text)
        self.assertTrue(text.endswith("    develop:\n      watch:\n        - action: rebuild\n"
                                      "          path: ./\n"), text)

    def test_every_line_is_indented_by_two(self):
        for text in (compose_text(1, LABELS), compose_text(1, LABELS, watch=True)):
            for line in text.splitlines():
                if not line.startswith("#"):
                    self.assertEqual((len(line) - len(line.lstrip(" "))) % 2, 0, line)


class DockerfileTest(unittest.TestCase):
    def test_runtime_image_is_the_binary_alone_by_absolute_path(self):
        lines = [x for x in runtime_dockerfile().splitlines() if not x.startswith("#")]
        self.assertEqual(lines, ["FROM scratch", "COPY tmp/main /api", 'CMD ["/api"]'])

    def test_watch_image_compiles_from_the_toolchain_with_cache_mounts_in_exec_form(self):
        lines = [x for x in watch_dockerfile("hrbench/go-toolchain:go1.26.8").splitlines() if not x.startswith("#")]
        self.assertEqual(lines[0], "FROM hrbench/go-toolchain:go1.26.8 AS build")
        self.assertIn("CGO_ENABLED=0", lines[2])
        self.assertIn("GOPROXY=off", lines[2])
        self.assertEqual(lines[4], "RUN --mount=type=cache,target=/root/.cache/go-build "
                                   '--mount=type=cache,target=/root/go/pkg/mod ["go", "build", "-o", "/api", "."]')
        self.assertEqual(lines[5:], ["FROM scratch", "COPY --from=build /api /api", 'CMD ["/api"]'])

    def test_without_cache_mounts(self):
        text = watch_dockerfile("img", cache_mounts=False)
        self.assertIn('\nRUN ["go", "build", "-o", "/api", "."]\n', text)
        self.assertNotIn("--mount", text)


class PomTest(unittest.TestCase):
    def test_container_row_names_the_compose_service(self):
        pom = row_pom("container", "hrbench-k-container", 18302)
        self.assertIn("<directory>hrbench-k-container</directory>", pom)
        self.assertIn("<preset>go</preset>", pom)
        self.assertIn("<compose>api</compose>", pom)
        self.assertIn("<readyUrl>http://127.0.0.1:18302/</readyUrl>", pom)

    def test_host_row_has_no_compose(self):
        pom = row_pom("host", "hrbench-k-host", 18303)
        self.assertNotIn("<compose>", pom)
        self.assertIn("<readyUrl>http://127.0.0.1:18303/</readyUrl>", pom)


class NamesTest(unittest.TestCase):
    def test_work_key_and_project_names(self):
        self.assertEqual(work_key("/a/work"), work_key("/a/work"))
        self.assertNotEqual(work_key("/a/work"), work_key("/b/work"))
        self.assertEqual(len(work_key("/a/work")), 8)
        self.assertEqual(project_name("abcd1234", "compose-watch"), "hrbench-abcd1234-compose-watch")

    def test_toolchain_key_changes_with_the_go_binary_and_the_libraries(self):
        k = toolchain_key("go1.26.8", "/usr/local/go", (100, 5))
        self.assertEqual(k, "v1 go1.26.8 /usr/local/go 100:5")
        self.assertNotEqual(k, toolchain_key("go1.26.8", "/usr/local/go", (100, 6)))
        self.assertEqual(toolchain_key("go", "/g", (1, 2), ["/lib/b.so", "/lib/a.so"]),
                         "v1 go /g 1:2 /lib/a.so /lib/b.so")
        self.assertEqual(toolchain_tag("go1.26.8 X:boring"), "hrbench/go-toolchain:go1.26.8_X_boring")


class ParsingTest(unittest.TestCase):
    def test_ldd(self):
        self.assertEqual(ldd_paths("\tnot a dynamic executable"), [])
        out = ("\tlinux-vdso.so.1 (0x00007ffd)\n\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)\n"
               "\t/lib64/ld-linux-x86-64.so.2 (0x00007f)\n\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n")
        self.assertEqual(ldd_paths(out), ["/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"])

    def test_compose_version(self):
        self.assertEqual(compose_v2_version("Docker Compose version dev"), "dev")
        self.assertEqual(compose_v2_version("Docker Compose version v2.29.1"), "2.29.1")
        self.assertIsNone(compose_v2_version("docker-compose version 1.29.2, build unknown"))
        self.assertIsNone(compose_v2_version("docker: unknown command: docker compose"))

    def test_ids(self):
        self.assertEqual(ids("0123456789ab\n0123456789ab\nError: x\nfedcba987654\n"),
                         ["0123456789ab", "fedcba987654"])
        self.assertEqual(ids(""), [])

    def test_plugin_reloads_and_watch_rebuilds(self):
        text = ("[api] » main.go changed, building: go build -o ./tmp/main .\n"
                "[api] » reloaded (main.go) · build 776 ms · restart 434 ms · total 1.3 s\n"
                "[api] » reloaded (main.go, go.mod) · build 1.5 s · restart 25 ms · total 1.6 s\n")
        self.assertEqual(plugin_reloads(text), [{"build": 0.776, "restart": 0.434, "total": 1.3},
                                                {"build": 1.5, "restart": 0.025, "total": 1.6}])
        self.assertEqual(watch_rebuilds('Rebuilding service "api" after changes were detected...\n'
                                        "service \"api\" successfully built\n"), 1)

    def test_figures_and_rotation(self):
        self.assertEqual(row_figures([0.5, 1.5, 1.0, 0.75, 1.25]),
                         {"p50": 1.0, "p90": 1.4, "min": 0.5, "max": 1.5, "n": 5})
        self.assertEqual(row_figures([])["n"], 0)
        self.assertEqual([rotation(["a", "b", "c"], i) for i in range(4)],
                         [["a", "b", "c"], ["b", "c", "a"], ["c", "a", "b"], ["a", "b", "c"]])
        self.assertEqual(rotation([], 3), [])


class TableTest(unittest.TestCase):
    def test_rows_side_by_side_with_the_difference_to_the_host(self):
        lines = containers_markdown(record()).split("\n\n")[1].splitlines()
        self.assertEqual(lines[0], "| tool / variant | p50 (ms) | p90 (ms) | min (ms) | max (ms) | repetitions | "
                                   "p50 − host p50 (ms) |")
        self.assertEqual(lines[2:], ["| **hotreload (ours)** / host | 688 | 925 | 500 | 1000 | 4 | — |",
                                     "| **hotreload (ours)** / container | 1125 | 1425 | 875 | 1500 | 4 | +438 |",
                                     "| docker compose watch 2.29.1 / compose-watch | 2875 | 3700 | 2500 | 4000 | 4 | "
                                     "+2188 |"])
        for line in lines:
            self.assertEqual(line.count("|"), 8, line)

    def test_notes_say_the_split_and_the_cache_mounts(self):
        text = containers_markdown(record())
        self.assertIn("container build 500 ms, restart 250 ms", text)
        self.assertIn("with BuildKit cache mounts for GOCACHE and GOMODCACHE", text)
        self.assertIn("polled every 2 ms", text)
        text = containers_markdown(record(**{"compose-watch": row("compose-watch", "compose watch", [3.0],
                                                                  cache_mounts=False, toolchain_image="t")}))
        self.assertIn("without BuildKit cache mounts", text)

    def test_skipped_and_failed_rows_and_no_host(self):
        rec = record(**{"compose-watch": {"row": "compose-watch", "tool": "compose watch", "errors": [],
                                          "skipped": "no compose v2 here"},
                        "host": row("host", "hotreload", [], errors=["not ready within 60 s after launch"])})
        lines = containers_markdown(rec).split("\n\n")[1].splitlines()
        self.assertEqual(lines[2], "| **hotreload (ours)** / host | failed: not ready within 60 s after launch "
                                   "| | | | | |")
        self.assertEqual(lines[3], "| **hotreload (ours)** / container | 1125 | 1425 | 875 | 1500 | 4 | — |")
        self.assertEqual(lines[4], "| docker compose watch 2.29.1 / compose-watch | not run: no compose v2 here "
                                   "| | | | | |")

    def test_not_run_is_empty_and_the_report_has_a_section_only_then(self):
        self.assertEqual(containers_markdown(None), "")
        results = f.results({"hotreload/none": f.run("hotreload")})
        self.assertNotIn("Services in containers", report_markdown(results, f.args()))
        results["containers"] = record()
        self.assertIn("## Services in containers", report_markdown(results, f.args()))


class BrokenTest(unittest.TestCase):
    def test_a_clean_run_and_a_skipped_row_break_nothing(self):
        results = f.results({})
        results["containers"] = record()
        self.assertEqual(broken(results, False), [])
        results["containers"]["rows"]["compose-watch"] = {"row": "compose-watch", "tool": "compose watch",
                                                          "errors": [], "skipped": "no compose v2"}
        self.assertEqual(broken(results, False), [])

    def test_errors_an_unclean_stop_and_a_container_left_by_our_plugin_break_it(self):
        results = f.results({})
        results["containers"] = record(
            host=row("host", "hotreload", [0.5], stop=stop(clean=False)),
            container=row("container", "hotreload", [1.0], containers_left_after_stop=1),
            **{"compose-watch": row("compose-watch", "compose watch", [], errors=["not ready"])})
        bad = broken(results, False)
        self.assertEqual(len(bad), 3, bad)
        self.assertTrue(bad[0].startswith("containers/host: not stopped cleanly"), bad)
        self.assertEqual(bad[1], "containers/container: 1 container(s) left after our plugin stopped")
        self.assertEqual(bad[2], "containers/compose-watch: not ready")


class OptionsTest(unittest.TestCase):
    def test_not_in_the_default_groups_nor_in_smoke(self):
        self.assertNotIn("containers", parse_args([]).scenarios)
        self.assertNotIn("containers", parse_args(["--smoke"]).scenarios)

    def test_selected_alone_with_its_rows(self):
        a = parse_args(["--scenarios", "containers", "--tools", "hotreload", "--no-docs"])
        self.assertEqual(a.scenarios, ["containers"])
        self.assertEqual(a.container_variants, ["host", "container", "compose-watch"])
        self.assertEqual(a.reps, 10)
        a = parse_args(["--scenarios", "containers", "--container-variants", "container,host", "--reps", "3"])
        self.assertEqual((a.container_variants, a.reps), (["container", "host"], 3))

    def test_unknown_row(self):
        with contextlib.redirect_stderr(io.StringIO()), self.assertRaises(SystemExit):
            parse_args(["--scenarios", "containers", "--container-variants", "vm"])


class CleanupOrderTest(unittest.TestCase):
    def test_the_containers_cleanup_runs_before_the_sessions_are_killed(self):
        order = []

        class S:
            def cleanup(self):
                order.append("session")

        class Area:
            def restore_tree(self, v):
                pass

        fake = argparse.Namespace(cleanups=[lambda: order.append("containers")], sessions=[S()], servers=[],
                                  area=Area())
        Bench.cleanup_all(fake)
        self.assertEqual(order, ["containers", "session"])
