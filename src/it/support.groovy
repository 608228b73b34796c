// Helpers shared by the integration tests' hook scripts: evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
import java.nio.file.Files
import java.nio.file.StandardCopyOption

/** Copies a service of the bundled example into the test project, without build output. */
copyExample = { String name, File into ->
    copyTree(new File(repositoryRoot, "examples/jessy/" + name), new File(into, name))
}

/**
 * Copies the services of src/it/polyglot into the test project, gives core and api free ports
 * (CORE_PORT and API_PORT in the POM, core= and api= in ports.properties) and makes the project a
 * git repository of its own, as a user's is (its .gitignore files then apply). Returns the ports.
 */
setUpPolyglot = { File dir ->
    copyTree(new File(repositoryRoot, 'src/it/polyglot'), dir)
    def (int core, int api) = freePorts()
    def pom = new File(dir, 'pom.xml')
    pom.text = pom.text.replace('CORE_PORT', "${core}").replace('API_PORT', "${api}")
    new File(dir, 'ports.properties').text = "core=${core}\napi=${api}\n"
    def git = new ProcessBuilder('git', 'init', '-q', dir.path).inheritIO().start()
    if (git.waitFor() != 0) {
        throw new AssertionError('git init failed')
    }
    [core: core, api: api]
}

/** Waits until the polyglot services serve their first versions: api has asked core at its start. */
awaitPolyglotServes = { Map ports ->
    waitUntil('core serves shared 1', 300) { httpGet(ports.core) == 'shared 1' }
    waitUntil('api serves go 1 with shared 1', 300) { httpGet(ports.api) == 'go 1 with shared 1' }
}

/** Copies a directory tree, without build output (target/, tmp/). */
copyTree = { File fromDir, File toDir ->
    def from = fromDir.toPath()
    def to = toDir.toPath()
    Files.walk(from).withCloseable { paths ->
        paths.each { p ->
            def rel = from.relativize(p).toString()
            if (rel == 'target' || rel.startsWith('target/') || rel == 'tmp' || rel.startsWith('tmp/')) {
                return
            }
            def target = to.resolve(rel)
            if (Files.isDirectory(p)) {
                Files.createDirectories(target)
            } else {
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING)
            }
        }
    }
}

/** A TCP port that was free a moment ago. */
freePort = {
    new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { it.localPort }
}

/** Two distinct free ports: the first socket stays open while the second is taken, else both can be the same. */
freePorts = {
    new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { first ->
        new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { second ->
            [first.localPort, second.localPort]
        }
    }
}

/** The body of GET http://127.0.0.1:port/path (path '/' unless given), or null when nothing answers. */
httpGet = { int port, String path = '/' ->
    try {
        def c = new URL("http://127.0.0.1:${port}${path}").openConnection(Proxy.NO_PROXY)
        c.connectTimeout = 500
        c.readTimeout = 5000
        c.inputStream.text.trim()
    } catch (Exception e) {
        null
    }
}

/** Fails unless every port of ports.properties is free and no process runs under the directory. */
assertNothingLeft = { File dir ->
    def ports = new Properties()
    new File(dir, 'ports.properties').withReader { ports.load(it) }
    ports.values().each { assert !listening(it as int) : "port ${it} is still bound" }
    def left = processesUnder(dir)
    assert left.isEmpty() : "processes left behind: ${left}"
    true
}

/** Whether something accepts connections on the port. */
listening = { int port ->
    try {
        new Socket().withCloseable { it.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500) }
        true
    } catch (Exception e) {
        false
    }
}

/** Polls the condition every 100 ms until it holds; fails after the timeout. */
waitUntil = { String what, long seconds, Closure condition ->
    long deadline = System.currentTimeMillis() + seconds * 1000
    while (!condition()) {
        if (System.currentTimeMillis() > deadline) {
            throw new AssertionError("timed out after ${seconds} s waiting until " + what)
        }
        Thread.sleep(100)
    }
}

/** Replaces text in a file, failing when the text is not there. */
replaceIn = { File file, String from, String to ->
    def text = file.getText('UTF-8')
    if (!text.contains(from)) {
        throw new AssertionError("${file} does not contain '${from}'")
    }
    file.setText(text.replace(from, to), 'UTF-8')
}

/**
 * Runs the steps on a background thread while the forked build runs the goal; each step and the
 * outcome (OK, or FAIL with the reason) go to scenario.log, which verify.groovy checks.
 */
scenario = { File dir, Closure steps ->
    def logFile = new File(dir, 'scenario.log')
    logFile.text = ''
    def say = { String line -> synchronized (logFile) { logFile << line + '\n' } }
    def t = new Thread({
        try {
            steps(say)
            say('OK')
        } catch (Throwable e) {
            say('FAIL: ' + e)
        }
    } as Runnable, 'it-scenario-' + dir.name)
    t.daemon = true
    t.start()
}

/** Processes whose command line or working directory is inside the directory. */
processesUnder = { File dir ->
    def root = dir.canonicalPath
    def found = []
    new File('/proc').eachFile { p ->
        if (!(p.name ==~ /\d+/)) {
            return
        }
        try {
            def cmd = new File(p, 'cmdline').bytes.collect { it == 0 ? (byte) 32 : it } as byte[]
            def line = new String(cmd, 'UTF-8')
            def cwd = Files.readSymbolicLink(new File(p, 'cwd').toPath()).toString()
            if ((line.contains(root) || cwd.startsWith(root)) && !line.contains('invoker')) {
                found << "${p.name}: ${line.trim()}"
            }
        } catch (Exception e) {
            // gone, or not ours
        }
    }
    found
}

/** The pid of the forked Maven JVM that builds the test project in this directory. */
mavenPid = { File dir ->
    def root = dir.canonicalPath
    def pid = null
    new File('/proc').eachFile { p ->
        if (pid != null || !(p.name ==~ /\d+/)) {
            return
        }
        try {
            def line = new String(new File(p, 'cmdline').bytes.collect { it == 0 ? (byte) 32 : it } as byte[], 'UTF-8')
            def cwd = Files.readSymbolicLink(new File(p, 'cwd').toPath()).toString()
            if (line.contains('classworlds') && cwd == root) {
                pid = p.name as long
            }
        } catch (Exception e) {
            // gone, or not ours
        }
    }
    pid
}

/** Sends a signal (INT, TERM, ...) to a process. */
signal = { long pid, String name ->
    def kill = new ProcessBuilder('kill', '-' + name, "${pid}").inheritIO().start()
    if (kill.waitFor() != 0) {
        throw new AssertionError("kill -${name} ${pid} failed")
    }
}

/**
 * A project that watches jessy-api (go) and a service whose run command leaves a tree of
 * processes; once both are ready, Maven gets the signal. verify.groovy then checks that nothing
 * is left.
 */
signalScenario = { File dir, String signalName ->
    copyExample('jessy-api', dir)
    int api = freePort()
    def pom = new File(dir, 'pom.xml')
    pom.text = pom.text.replace('API_PORT', "${api}")
    new File(dir, 'ports.properties').text = "api=${api}\n"
    new File(dir, 'tree').mkdirs()
    def buildLog = new File(dir, 'build.log')
    scenario(dir) { say ->
        waitUntil('jessy-api serves 1.0.0', 300) { httpGet(api) == 'jessy-api 1.0.0' }
        waitUntil('the tree service is ready', 60) { buildLog.text.contains('[tree     ] » ready in') }
        long pid = mavenPid(dir)
        say("sending SIG${signalName} to Maven (pid ${pid})")
        signal(pid, signalName)
        waitUntil('Maven exits', 60) { !new File("/proc/${pid}").exists() }
    }
}

/** What verify.groovy checks after a signal: the processes and the port are gone. */
verifyNothingLeft = { File dir ->
    def scenario = scenarioOutcome(dir)
    assert scenario.readLines().last() == 'OK' : "the scenario did not complete:\n" + scenario
    def ports = new Properties()
    new File(dir, 'ports.properties').withReader { ports.load(it) }
    int api = ports.getProperty('api') as int
    // after SIGKILL the watchdog does the stopping, which takes a moment; otherwise this passes at once
    waitUntil('every process has ended and the port is free', 20) { !listening(api) && processesUnder(dir).isEmpty() }
    // the watchdog of the Maven that got the signal is gone too
    def mavenPid = (scenario =~ /\(pid (\d+)\)/)[0][1]
    def watchdogs = []
    new File('/proc').eachFile { p ->
        if (p.name ==~ /\d+/) {
            try {
                def line = new String(new File(p, 'cmdline').bytes.collect { it == 0 ? (byte) 32 : it } as byte[], 'UTF-8')
                if (line.contains("hotreload-watchdog ${mavenPid}-")) {
                    watchdogs << p.name
                }
            } catch (Exception e) {
                // gone
            }
        }
    }
    if (!watchdogs.isEmpty()) {
        waitUntil("the watchdog ${watchdogs} ends", 20) { watchdogs.every { !new File("/proc/${it}").exists() } }
    }
    true
}

/** Whether the file has exactly the bytes of the bundled example's file. */
sameAsExample = { File file, String examplePath ->
    Arrays.equals(file.bytes, new File(repositoryRoot, 'examples/jessy/' + examplePath).bytes)
}

/**
 * The Maven that runs the tests, to start a second build beside the one under test. It uses the
 * tests' local repository, whose artifacts are recorded as coming from the repository
 * 'local.central' of src/it/settings.xml; settings naming that repository (pointing at the local
 * repository itself) make them usable without the network.
 */
mavenCommand = { File dir, List<String> args ->
    def repo = new File(localRepositoryPath.toString())
    def settings = new File(dir, 'second-maven-settings.xml')
    def url = repo.toURI().toString()
    settings.text = """<settings><profiles><profile><id>it</id><activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>local.central</id><url>${url}</url></repository></repositories>
<pluginRepositories><pluginRepository><id>local.central</id><url>${url}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
    def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
    [mvn, '-B', '-s', settings.path, "-Dmaven.repo.local=${repo.path}".toString()] + args
}

/** Waits until the scenario thread has written its outcome, and returns the scenario log. */
scenarioOutcome = { File dir ->
    def logFile = new File(dir, 'scenario.log')
    waitUntil('the scenario ends', 60) {
        def lines = logFile.exists() ? logFile.readLines() : []
        !lines.isEmpty() && (lines.last() == 'OK' || lines.last().startsWith('FAIL'))
    }
    logFile.text
}

/**
 * Copies jessy-api into the project, gives it a free port (API_PORT in the POM, api= in
 * ports.properties) and starts hotreload:watch in a Maven of its own, logging to watch.log;
 * returns once jessy-api serves, the control file is there and {@code ready} holds. verify.groovy
 * stops it.
 */
startWatchWithJessyApi = { File dir, Closure ready = { true } ->
    copyExample('jessy-api', dir)
    int api = freePort()
    def pom = new File(dir, 'pom.xml')
    pom.text = pom.text.replace('API_PORT', "${api}")
    new File(dir, 'ports.properties').text = "api=${api}\n"
    def watchLog = new File(dir, 'watch.log')
    def watch = new ProcessBuilder(mavenCommand(dir, ['hotreload:watch', '-Dhotreload.maxDuration=10m']))
            .directory(dir).redirectErrorStream(true).redirectOutput(watchLog).start()
    waitUntil('the watch serves jessy-api', 300) {
        if (!watch.alive) {
            throw new AssertionError('the watch ended early:\n' + watchLog.text)
        }
        httpGet(api) == 'jessy-api 1.0.0' && new File(dir, 'target/.hotreload/control.properties').exists()
                && ready(watchLog.text)
    }
    watch
}

/**
 * Sets up the container tests' project: jessy-core and jessy-api of the bundled example with the
 * Dockerfiles and the compose file of src/it/containers, free ports (CORE_PORT and API_PORT in the
 * POM and the compose file, core= and api= in ports.properties), and the base image that
 * jessy-core's image starts from (src/it/docker-base-image.sh, fed with a host build of it).
 */
setUpContainers = { File dir, List<String> services = ['jessy-core', 'jessy-api'] ->
    services.each { copyExample(it, dir) }
    copyTree(new File(repositoryRoot, 'src/it/containers'), dir)
    def (int core, int api) = freePorts()
    [new File(dir, 'pom.xml'), new File(dir, 'docker-compose.yml')].each { f ->
        f.text = f.text.replace('CORE_PORT', "${core}").replace('API_PORT', "${api}")
    }
    new File(dir, 'ports.properties').text = "core=${core}\napi=${api}\n"
    if (services.contains('jessy-core')) {
        def cargo = new ProcessBuilder('cargo', 'build', '-q').directory(new File(dir, 'jessy-core')).inheritIO().start()
        if (cargo.waitFor() != 0) {
            throw new AssertionError('cargo build of jessy-core failed')
        }
        def base = new ProcessBuilder(new File(repositoryRoot, 'src/it/docker-base-image.sh').path,
                new File(dir, 'jessy-core/target/debug/jessy-core').path).inheritIO().start()
        if (base.waitFor() != 0) {
            throw new AssertionError('the base image could not be made')
        }
    }
    [core: core, api: api]
}

/** The output of a docker command, or an AssertionError when it fails. */
docker = { List<String> args ->
    def p = new ProcessBuilder((['docker'] + args).collect { it.toString() }).redirectErrorStream(true).start()
    def out = p.inputStream.text
    if (p.waitFor() != 0) {
        throw new AssertionError("docker ${args.join(' ')} failed: ${out}")
    }
    out
}

/** The ids of the containers (running or not) that hotreload created for the service, in any session. */
containersOf = { String service ->
    docker(['ps', '-aq', '--no-trunc', '--filter', "label=io.github.hotreload.service=${service}"]).readLines()
            .findAll { !it.isBlank() }
}

/** The running containers of the service. */
runningContainersOf = { String service ->
    docker(['ps', '-q', '--no-trunc', '--filter', "label=io.github.hotreload.service=${service}"]).readLines()
            .findAll { !it.isBlank() }
}

/** Removes the images and named volumes a compose project of a test left on the engine (hygiene, not a check). */
removeComposeProject = { String project ->
    def volumes = docker(['volume', 'ls', '-q', '--filter', "label=com.docker.compose.project=${project}"]).readLines()
            .findAll { !it.isBlank() }
    if (!volumes.isEmpty()) {
        docker(['volume', 'rm'] + volumes)
    }
    def images = docker(['images', '--format', '{{.Repository}}:{{.Tag}}']).readLines()
            .findAll { it.startsWith(project + '_') || it.startsWith(project + '-') }
    if (!images.isEmpty()) {
        docker(['rmi', '-f'] + images)
    }
}

/**
 * Whether the container tests run here (their selector.groovy): where a Docker engine answers, or
 * where one is required (HOTRELOAD_REQUIRE_DOCKER=1, as .ci/run sets), so that a missing engine
 * fails them there instead of skipping them.
 */
containerTestsRun = {
    if (System.getenv('HOTRELOAD_REQUIRE_DOCKER') == '1') {
        return true
    }
    try {
        def p = new ProcessBuilder('docker', 'info').redirectErrorStream(true).start()
        p.inputStream.text
        def ok = p.waitFor() == 0
        if (!ok) {
            println 'no Docker engine answers (docker info): the container tests are skipped'
        }
        return ok
    } catch (IOException e) {
        println 'docker is not installed: the container tests are skipped'
        return false
    }
}
