"""The "Method" section of docs/benchmarks.md: how every number is measured."""

from .common import PRESET_DELAY_MS, preset_delay_text
from .editors import TRUNCATE_GAP


METHOD = """## Method

Everything runs on this one machine, one tool at a time, in one run of `bench/run`; the numbers
are comparable with each other, not with another machine's.

**Services.** Three tiny HTTP servers, generated under `bench/work/svc/` from `bench/templates/`,
each answering `GET /` on 127.0.0.1 with a version string that is a constant in its source:
`none` (Python's `http.server`, no build step, `python3 server.py`), `go` (standard library,
`go build -o ./tmp/main .`), `rust` (standard library, `cargo build`, debug). Each service folder
is its own git repository whose `.gitignore` names `tmp/` and `target/` (as a real project's
would; without it watchexec and cargo-watch would apply the bench repository's `.gitignore`, which
ignores `bench/work/` entirely), and holds 1000 extra watched source files for the storm
(`gen/`, `src/gen/` for Rust), which no build compiles. The build command of every tool and of
the plain script is the same wrapper, which appends a line to a counter file, runs the real
build and, when the build ends, appends its exit code to a second file (a build that a tool
stops, as our plugin does when a change arrives during a build, passes the signal on and writes
no exit code: it did not complete); every server appends a line to a starts file once it
listens. These files are how builds (started, completed, failed) and restarts are counted,
identically for every tool. `GOFLAGS=-buildvcs=false` for
everyone.

**Tools, each in restart mode with its defaults except paths and file types:**
- *hotreload (ours)*: `mvnw -q -B -o -f pom.xml hotreload:watch` on a generated POM with one
  service (the POM is in `bench/work/svc/`, the project directory holding the service folders): preset `exec` (with `<extensions>py</extensions>` and `<run>`), `go` or `cargo`,
  `<build>` set to the counting wrapper, `<readyUrl>` set; the presets' default quiet periods
  (@PRESET_DELAYS@). `-o` (offline) so that Maven does not check remote
  repositories for the snapshot plugin during the measurement.
- *air*: a generated `.air.toml` with `root`, `cmd` (the wrapper; `true` for no build),
  `entrypoint` (`full_bin` for Python), `include_ext` (`py`/`rs`; the default list for Go) and
  the default `exclude_dir` (plus `target` for Rust); default `delay` 1000 ms.
- *cargo-watch*: `cargo watch -s '<build> && exec <run>'`; default delay 0.5 s. It refuses to run
  outside a Cargo project, so the `none` and `go` services contain an empty `[workspace]`
  `Cargo.toml`, which no other tool watches.
- *watchexec*: `watchexec -r --project-origin . -e <ext> -- '<build> && exec <run>'`.
- *nodemon*: `nodemon -e <ext> [--ignore tmp/|target/] --exec '<build> && exec <run>'`.
- *entr*: `find … -name '*.<ext>' | entr -r -n sh -c '<build> && exec <run>'` (the file list
  is the sources with the extension, outside `.git`, `tmp/` and `target/`).

**Two passes.** With two tools or more, each variant's tools run in the order of `--tools` and
then in the reverse order. The first pass holds a tool's main session (start-up, idle, latency,
storms, editor saves) and its large-tree session; the second, a session of its own on the same
tree, holds the rest of its latency changes and storms. Each pass has half of them (the first
the larger half, so 6 and 6 changes of 12, 2 and 1 storms of 3). A slow spell of this shared
machine then falls on every tool alike: in one run with one pass, the same `go build` took 1.1 s
in the plain script right before one tool and 0.8 s before the next, minutes later.

**Plain script (the reference).** Right before each tool's sessions in each pass, on the same
service and with as many repetitions as that pass's latency changes: write the new version, run the wrapper (build), SIGTERM the
old server and wait for it, start the new one, poll until it serves the new version. Its median
is "the time the same build and start take" for that tool's overhead (measured next to it, so
that both see the same load on this shared machine). The table's "plain script" row pools all of
them.

**1. Change-to-ready latency.** The bench writes a new version into the service's main source
file (one in-place `write` after truncation, like an editor's plain save), waits until a
server of that version has started (each one appends "pid version" to a start record once it
listens; the bench looks at the record's size every 2 ms) and then polls
`GET http://127.0.0.1:<port>/` every 5 ms (a new connection each time) until the body is that
version. Polling only then keeps the probe from loading the machine while a build runs: requests
every 5 ms to an old server that keeps serving meanwhile cost ~5% of a core (the client's and the
server's work), and slowed those tools' builds by 20 to 30 ms. Time from just before the write to that response. Between repetitions it waits at least
1 s and until no build or start has been counted for 0.7 s.

**2. Overhead.** Each repetition's latency minus the median of the plain script measured right
before that tool; for our plugin also minus its configured quiet period. Peers' own debounce
delays are part of their overhead, as the issue asks. On this shared machine the same `go build`
takes anywhere from 400 to 900 ms, and `cargo build` 115 or 170 ms, from one minute to the next,
which is more than most of the differences being measured. So a second overhead column uses each
repetition's own build time instead of the plain script's: from the moment the build wrapper
started (it logs the time) to the modification time of the binary it wrote (read when the new
version is first served); the reference is then the plain script's median time outside its own
build timed the same way (its stop and start, and whatever the build does after writing the
binary, such as cargo's bookkeeping). Both are shown;
a negative value means the tool's build and start happened to be faster than the plain script's.

**3. Storm.** After the latency repetitions, in the same session (in each pass): the bench rewrites all 1000
storm files and then the main source file with a new version, as fast as it can (the burst takes
tens of milliseconds), then waits until that version is served and until no build or start has
been counted for 1 s (at least 3 s). It reports builds and restarts counted from the first write
on, and the time from the end of the burst (the last write) until the final version was served.
The target's "one build and start" is the plain script's median; a second line uses the build
that served the final version, timed in place as above. The storm target counts completed builds
(a build our plugin cancelled because more files changed is started but not completed) and wants
exactly one (none for the `none` variant) and one restart in every storm; another compares the
median time to the final version with watchexec's in the same run.

**4. Idle cost.** Right after start-up with a tree of 20,000 extra watched source files (in
`tree/`, `src/tree/` for Rust, 100 per folder), the bench lets the tool settle: at least 5 s,
then until its processes used under 1 % of a core over 2 s (at most 60 s; the settle time is in
the raw results). Then it reads the CPU time of every thread (`/proc/<pid>/task/*/schedstat`,
nanoseconds) of the watcher and all its descendants **except the service** (the server process,
whose pid it writes to the starts file, and its descendants) at the start and the end of a 30 s
window; the difference is the CPU cost. (`utime+stime+cutime+cstime` from `/proc/<pid>/stat`,
in 10 ms ticks, is kept in the raw results; it is used instead when a thread ended during the
window, since schedstat would miss that thread's time.) RSS is the sum of `VmRSS` of the same processes at
the end of the window. For our plugin the watcher process is the JVM (`mvnw` `exec`s `mvn`, which
`exec`s `java`, so it is the process the bench started) and its only other process is the
watchdog `sh`; for cargo-watch, `cargo` `exec`s `cargo-watch`; shells that a tool keeps between
itself and the server count as the tool's.

**5. Start-up.** From just before launching the tool to the first response with the version
written before launch, with the service already built (every tool's first build finds it up to
date), on a tree of 20,000 and, in a second session, 100,000 watched files. For our plugin,
Maven's own start-up is measured alone right before each of its sessions: `mvnw -q -B -o
validate` on the same POM (nothing of the plugin runs); "beyond Maven's own" is the start-up
minus that. At the start of the run, the same and `hotreload:watch -Dhotreload.skip` (the
plugin is resolved and loaded, and returns at once) are also timed a few times. The plain
script's start-up is an up-to-date build plus start. Some tools start the service before their
watches are in place, so the start-up alone can flatter them: in the 100,000-file session the
bench writes a new version the moment the service first answers and reports how long that change
took to be served ("change at first ready"), or "missed" when it was not served within 30 s.

**6. Clean stop.** At the end of each session (two per tool and variant), SIGINT to the watcher
process only (not to its group, as a terminal's Ctrl-C would: that would signal the children
directly and hide a watcher that does not stop them). A stop is clean when the watcher exits
within 30 s and, both at the moment it has exited and 1 s later, no process that was ever seen
in its tree (nor any server that wrote to the starts file) is alive and nothing listens on the
service's port (`/proc/net/tcp*`). The table shows the stops that were clean at the moment the
watcher exited, and in brackets those clean 1 s later. Whatever is left is then killed by pid.

**7. Java variant.** Its own tools, each on its own Maven project generated from
`bench/templates/java/` (the exec recipe shares ours), built once before it is measured without
`-o` so that Maven can fetch what it needs, then run offline:
- *hotreload (ours), java preset*: `mvnw -q -B -o hotreload:watch` on a one-module project whose
  own POM declares the service (`<preset>java</preset>`, `<directory>.</directory>`, `<readyUrl>`;
  quiet period @JAVA_DELAY@): a JDK `com.sun.net.httpserver` server answering `GET /` with the string
  its handler returns. Compiled in Maven's JVM, run as `java` on the module's class path.
- *exec recipe*: our plugin with an `exec` service on the same project, as `docs/recipes.md`
  shows: `<build>` the Maven wrapper `-q -B -o package -DskipTests` (through the counting
  wrapper), `<run>java -jar target/x.jar</run>`, `<includes>` `src/main/**` and `/pom.xml`;
  quiet period @EXEC_DELAY@.
- *quarkus:dev*: the same service as a quarkus-rest resource (Quarkus 3.33.2),
  `mvnw -q -B -o quarkus:dev -Ddebug=false`, port from `QUARKUS_HTTP_PORT`. It reloads lazily,
  on the first request after the change; the bench's polling (requests wait up to 60 s for an
  answer) is that request.
- *spring-boot:run*: the same service as a `@RestController` (Spring Boot 3.5.7,
  spring-boot-starter-web, spring-boot-devtools), `mvnw -q -B -o spring-boot:run`; devtools
  restarts on changed classes, so after each edit the bench runs `mvnw -q -B -o compile` and
  the time includes it.

For each: start-up (launch to the first response), then `--reps` changes, each an in-place
rewrite of the source file with a new string, timed until the first response carrying it (same
polling as above); between changes at least 1 s and until no build or start was counted for
0.7 s. CPU seconds: `utime+stime+cutime+cstime` of every process of the tool's tree (the
service's JVM included: quarkus:dev and devtools run the application in their own JVM, so the
service cannot be told apart) from before the first change to after the last, plus, for
spring-boot, the `mvnw compile` runs (`RUSAGE_CHILDREN`). RSS: the sum of `VmRSS` of that tree
after the last change. For our plugin also the library case: a reactor of a library and two
services depending on it, each declared in its module's POM with the java preset; the change
rewrites the string the library returns and is timed until both services answer it. Targets: at
the preset's defaults p50 ≤ 300 ms and p90 ≤ 500 ms; at least 8 times faster than the exec recipe
(ratio of the medians); no slower than quarkus:dev (medians, same run); the library case
≤ 1 s (median). A target whose peer did not run is shown as not measured, not as missed; a peer
whose project could not be built here is listed as "cannot run here" and does not fail the run.

**8. Editor saves.** In the same session as the latency (after the storms), each of four ways
an editor saves the main source file, `--editor-reps` (3) times each, for every tool and variant:
- *vim* (its defaults, `writebackup`, `backupcopy=auto`): a swap file `.<name>.swp` next to the
  file is written when the repetition starts (vim has the file open); the save creates and deletes
  `4913` (vim's probe), renames the file to `<name>~`, writes the new file (one write, fsync),
  deletes `<name>~` and rewrites the swap file; the swap file is deleted once the change has been
  counted (vim quits).
- *truncate, then write* (VS Code, nano): open the file, truncate it to 0 bytes, wait @GAP@ (the
  editor's own work between its two calls; the half-written state is an empty file that
  `go build` and `cargo build` reject), then write the new content in a second call.
- *JetBrains safe write*: write `<name>___jb_tmp___`, rename the file to `<name>___jb_old___`,
  rename the tmp file to `<name>`, delete the old one.
- *save of 3 files at once*: the main source and two of the storm files, back to back.
Each repetition waits first until nothing was built or started for 0.7 s, then times the save
until the new version is served, then waits the same way again, and reports completed builds,
failed builds shown, and restarts. "Failed builds shown": for our plugin the `» build failed`
lines in its output during the repetition; a peer prints every failed build's output, so for
it the failed exit codes the wrapper recorded. (For the `none` variant there is no build; our
plugin's `» exited with code` lines are noted next to the counts.) Target, our plugin only:
1 restart and 0 failed builds shown in every repetition of every save.

**Charts.** `docs/benchmarks-latency.svg` (change → ready per tool and variant: the bar is the
median, the whisker p10 to p90, with the plain script as reference) and
`docs/benchmarks-storm.svg` (builds started per storm: median, whisker min to max) are drawn by
`bench/run` from the same raw results as the tables.

Every tool process runs with the open-files limit raised to 1,048,576 (entr keeps every watched
file open and stops at this machine's default hard limit of 20,000) and dies with the bench
(`PR_SET_PDEATHSIG`). Every wait has a timeout, the run has an overall time limit, and our
plugin runs with `-Dhotreload.maxDuration` as a backstop.
"""

# our plugin's quiet periods come from the one place that knows them; the editor gap from editors.py
METHOD = (METHOD.replace("@PRESET_DELAYS@", preset_delay_text())
          .replace("@GAP@", f"{TRUNCATE_GAP * 1000:.0f} ms")
          .replace("@JAVA_DELAY@", f"{PRESET_DELAY_MS['java']} ms")
          .replace("@EXEC_DELAY@", f"{PRESET_DELAY_MS['exec']} ms"))
