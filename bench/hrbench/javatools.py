"""The java variant's tools and projects: our plugin's java preset, the exec recipe (our plugin
running `mvnw package` and `java -jar`), quarkus:dev and spring-boot:run with devtools; each one's
Maven project (generated from bench/templates/java/), how it is prepared (the one step that may
use the network), its command, and what it needs done after a source file is saved."""

import os
import resource
import shutil
import signal
import subprocess
import time

from .common import PLUGIN, PRESET_DELAY_MS, TEMPLATES, BenchError, log, now, plugin_pom
from .probe import wait_version
from .services import write_file
from .spawn import child_setup

JAVA_TEMPLATES = TEMPLATES / "java"
QUARKUS_VERSION = "3.33.2"
SPRING_BOOT_VERSION = "3.5.7"


def fill(text, **values):
    """The template text with @KEY@ replaced by each value (and the plugin's coordinates)."""
    g, a, v = PLUGIN
    values = dict(values, PLUGIN_GROUP=g, PLUGIN_ARTIFACT=a, PLUGIN_VERSION=v)
    for k, val in values.items():
        text = text.replace(f"@{k}@", str(val))
    return text


class JavaTool:
    """One tool of the java variant, on its own Maven project under bench/work/svc/java/."""
    name = ""
    project = ""  # the folder under bench/templates/java/ and bench/work/svc/java/
    version_file = ""  # the source file whose constant is the served version, relative to the project
    poms = ("pom.xml",)  # POM templates filled per session (ports, delay)
    quiet = ""  # the default quiet period, as the report shows it
    prepare_goals = ("package", "-DskipTests")  # run once, online, before measuring

    def __init__(self, bench):
        self.bench = bench

    def dir(self):
        return self.bench.work / "svc" / "java" / self.project

    def locate(self):
        m = self.bench.maven
        return m.mvnw if m.mvnw.is_file() else None

    def version(self):
        return "?"

    def source(self, version):
        return (JAVA_TEMPLATES / self.project / self.version_file).read_text().replace("@VERSION@", version)

    def write_version(self, version):
        write_file(self.dir() / self.version_file, self.source(version))

    def write_poms(self, **ports):
        for rel in self.poms:
            text = fill((JAVA_TEMPLATES / self.project / rel).read_text(), DELAY=self.delay_xml(), **ports)
            (self.dir() / rel).write_text(text)

    def delay_xml(self):
        d = self.bench.args.hotreload_delay
        return "" if d is None or self.name != "hotreload" else f"\n              <delay>{d}ms</delay>"

    def placeholder_ports(self):
        return {"PORT": 1, "PORT_HELLO": 1, "PORT_BYE": 1}

    def prepare(self):
        """Generates the project and builds it once without -o, so that Maven fetches what it needs
        (into --maven-repo); later runs find everything there. Build output is kept between runs."""
        d = self.dir()
        d.mkdir(parents=True, exist_ok=True)
        for child in d.iterdir():
            if child.name != "target" and not (child.is_dir() and (child / "target").is_dir()):
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        shutil.copytree(JAVA_TEMPLATES / self.project, d, dirs_exist_ok=True)
        self.write_poms(**self.placeholder_ports())
        self.write_version("v0")
        argv = self.maven_argv(online=True) + list(self.prepare_goals)
        log(f"preparing the {self.project} project for {self.name}: {' '.join(argv[1:])}")
        r = subprocess.run(argv, cwd=d, env=self.bench.env(0, "", ""), stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=1800, preexec_fn=child_setup)
        if r.returncode != 0:
            tail = "\n".join((r.stdout + r.stderr).strip().splitlines()[-15:])
            raise BenchError(f"preparing {self.project} ({' '.join(self.prepare_goals)}) failed:\n{tail}")

    def maven_argv(self, online=False, pom="pom.xml"):
        argv = self.bench.maven.argv(self.dir() / pom)
        return [a for a in argv if a != "-o"] if online else argv

    def extra_env(self, s):
        return {}

    def command(self, s):
        raise NotImplementedError

    def after_write(self, s):
        """What the user does after saving the file, before the tool can see it (nothing, mostly).
        Returns the CPU seconds it used outside the tool's process tree."""
        return 0.0


class JavaPreset(JavaTool):
    """Our plugin's java preset: the module's own POM declares the service; no <build>, no <run>."""
    name = "hotreload"
    project = "app"
    version_file = "src/main/java/bench/app/Server.java"
    quiet = f"{PRESET_DELAY_MS['java']} ms (delay)"

    def version(self):
        return self.bench.tools["hotreload"].version()

    def command(self, s):
        self.write_poms(PORT=s.port)
        argv = self.maven_argv() + ["hotreload:watch", f"-Dhotreload.maxDuration={int(s.budget)}s"]
        return argv, self.dir(), None


class JavaPresetReactor(JavaPreset):
    """The library case: a reactor of a library and two services that depend on it."""
    project = "reactor"
    version_file = "lib/src/main/java/bench/lib/Lib.java"
    poms = ("pom.xml", "lib/pom.xml", "hello/pom.xml", "bye/pom.xml")

    def command(self, s):
        self.write_poms(PORT_HELLO=s.port, PORT_BYE=s.port2)
        argv = self.maven_argv() + ["hotreload:watch", f"-Dhotreload.maxDuration={int(s.budget)}s"]
        return argv, self.dir(), None


class ExecRecipe(JavaTool):
    """Our plugin with an exec service, as docs/recipes.md shows for a Java module today: the build
    is a Maven package of the module, the run `java -jar`."""
    name = "exec-recipe"
    project = "app"
    version_file = JavaPreset.version_file
    quiet = f"{PRESET_DELAY_MS['exec']} ms (delay)"

    def version(self):
        return self.bench.tools["hotreload"].version() + ", exec preset"

    def locate(self):
        return self.bench.tools["hotreload"].locate()

    def wrapper(self):
        """The build command: a wrapper that counts builds, then the Maven package."""
        w = self.bench.work / "bin" / "build-java"
        w.parent.mkdir(parents=True, exist_ok=True)
        m = self.bench.maven
        mvn = " ".join([str(m.mvnw), "-q", "-B", "-o"] + ([f"-Dmaven.repo.local={m.repo()}"] if m.repo_arg else []))
        w.write_text("#!/bin/sh\n# counts one build (pid, start time in ns), then runs the recipe's Maven package\n"
                     '[ -n "$BENCH_BUILDS" ] && echo "$$ $(date +%s%N)" >>"$BENCH_BUILDS"\n'
                     f"exec {mvn} package -DskipTests\n")
        w.chmod(0o755)
        return w

    def pom(self, s):
        return plugin_pom("bench-java-exec-recipe", [
            "<name>app</name>",
            f"<directory>{self.project}</directory>",
            f"<build>{self.wrapper()}</build>",
            "<run>java -jar target/x.jar</run>",
            "<includes><include>src/main/**</include><include>/pom.xml</include></includes>",
            f"<readyUrl>http://127.0.0.1:{s.port}/</readyUrl>",
        ])

    def command(self, s):
        pom = self.dir().parent / "exec-recipe.pom.xml"
        pom.write_text(self.pom(s))
        (s.state / "pom.xml").write_text(self.pom(s))
        argv = self.bench.maven.argv(pom) + ["hotreload:watch", f"-Dhotreload.maxDuration={int(s.budget)}s"]
        return argv, pom.parent, None


class QuarkusDev(JavaTool):
    name = "quarkus"
    project = "quarkus"
    version_file = "src/main/java/bench/quarkus/Hello.java"
    quiet = "none (reloads on the next request)"
    # go-offline fetches what dev mode needs beyond the build
    prepare_goals = ("package", "quarkus:go-offline", "-DskipTests")

    def version(self):
        return f"Quarkus {QUARKUS_VERSION} (quarkus-rest)"

    def prepare(self):
        """go-offline misses some of what dev mode resolves when it starts (the resolver's connector),
        so dev mode also runs once online, until it serves, before the offline measurements."""
        super().prepare()
        port = self.bench.next_port()
        env = self.bench.env(port, "", "")
        env["QUARKUS_HTTP_PORT"] = str(port)
        log_path = self.bench.work / "state" / "quarkus-warm-up.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log(f"starting quarkus:dev once online (log: {log_path})")
        with open(log_path, "w") as out:
            p = subprocess.Popen(self.maven_argv(online=True) + ["quarkus:dev", "-Ddebug=false",
                                                                 "-Dquarkus.analytics.disabled=true"],
                                 cwd=self.dir(), env=env, stdin=subprocess.DEVNULL, stdout=out,
                                 stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=child_setup)
            self.bench.servers.append(p)
            try:
                served = wait_version(port, "v0", 900, p, 60.0)
            except BenchError:
                served = None
            finally:
                try:
                    os.kill(p.pid, signal.SIGINT)
                    p.wait(timeout=30)
                except (OSError, subprocess.TimeoutExpired):
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait()
                self.bench.servers.remove(p)
        if served is None:
            tail = "\n".join(log_path.read_text().strip().splitlines()[-15:])
            raise BenchError(f"quarkus:dev did not start online once:\n{tail}")

    def extra_env(self, s):
        return {"QUARKUS_HTTP_PORT": str(s.port)}

    def command(self, s):
        # -Ddebug=false: no JDWP listener on port 5005
        return self.maven_argv() + ["quarkus:dev", "-Ddebug=false", "-Dquarkus.analytics.disabled=true"], self.dir(), None


class SpringBootRun(JavaTool):
    name = "spring-boot"
    project = "spring"
    version_file = "src/main/java/bench/spring/App.java"
    quiet = "devtools: poll 1 s, quiet 400 ms"

    def version(self):
        return f"Spring Boot {SPRING_BOOT_VERSION} (starter-web, devtools)"

    def extra_env(self, s):
        return {"SERVER_PORT": str(s.port)}

    def command(self, s):
        return self.maven_argv() + ["spring-boot:run"], self.dir(), None

    def after_write(self, s):
        """devtools restarts on changed classes, not sources: the user compiles in a second step."""
        with open(s.builds, "a") as f:
            f.write(f"compile {time.time_ns()}\n")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = now()
        r = subprocess.run(self.maven_argv() + ["compile"], cwd=self.dir(), env=s.env(), stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=300, preexec_fn=child_setup)
        s.compiles.append(now() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if r.returncode != 0:
            raise BenchError(f"mvnw compile failed:\n{r.stdout}{r.stderr}")
        return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


JAVA_TOOLS = {"hotreload": JavaPreset, "exec-recipe": ExecRecipe, "quarkus": QuarkusDev, "spring-boot": SpringBootRun}
JAVA_ONLY_TOOLS = ["exec-recipe", "quarkus", "spring-boot"]
