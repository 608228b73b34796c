evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def ports = setUpContainers(basedir)
def mainRs = new File(basedir, 'jessy-core/src/main.rs')
def mainGo = new File(basedir, 'jessy-api/main.go')
def dockerfile = new File(basedir, 'jessy-api/Dockerfile')
def buildLog = new File(basedir, 'build.log')

scenario(basedir) { say ->
    waitUntil('box-core serves 1.0.0', 400) { httpGet(ports.core) == 'jessy-core 1.0.0' }
    waitUntil('box-api serves 1.0.0', 400) { httpGet(ports.api) == 'jessy-api 1.0.0' }
    def core = runningContainersOf('box-core')
    def api = runningContainersOf('box-api')
    if (core.size() != 1 || api.size() != 1) {
        throw new AssertionError("expected one running container per service, found core ${core}, api ${api}")
    }
    say("both serve 1.0.0 from containers ${core[0].take(12)} and ${api[0].take(12)}")

    // hotreload:status from another terminal, as for any service
    def statusLog = new File(basedir, 'status.log')
    def status = new ProcessBuilder(mavenCommand(basedir, ['-q', 'hotreload:status', '-Dhotreload.format=json']))
            .directory(basedir).redirectErrorStream(true).redirectOutput(statusLog).start()
    if (status.waitFor() != 0) {
        throw new AssertionError('hotreload:status failed:\n' + statusLog.text)
    }
    def json = new groovy.json.JsonSlurper().parseText(statusLog.readLines().find { it.startsWith('{') })
    if (json.services*.name.sort() != ['box-api', 'box-core'] || !json.services.every { it.state == 'ready' }) {
        throw new AssertionError('hotreload:status says ' + statusLog.text)
    }
    say('hotreload:status shows both ready')

    replaceIn(mainGo, '"jessy-api 1.0.0"', '"jessy-api 2.0.0"')
    waitUntil('box-api serves 2.0.0', 120) { httpGet(ports.api) == 'jessy-api 2.0.0' }
    if (runningContainersOf('box-api') != api) {
        throw new AssertionError('a source change recreated the container instead of copying the build into it')
    }
    say('box-api reloaded to 2.0.0 in the same container')

    replaceIn(mainRs, '"jessy-core 1.0.0"', '"jessy-core 2.0.0"')
    waitUntil('box-core serves 2.0.0', 180) { httpGet(ports.core) == 'jessy-core 2.0.0' }
    say('box-core reloaded to 2.0.0')

    replaceIn(mainGo, 'const version = "jessy-api 2.0.0"', 'const version = "jessy-api 3.0.0" +')
    waitUntil('the box-api build fails', 120) { buildLog.text.contains('[box-api ] » build failed') }
    def served = httpGet(ports.api)
    if (served != 'jessy-api 2.0.0' || runningContainersOf('box-api') != api) {
        throw new AssertionError("after the failed build box-api served '${served}' from ${runningContainersOf('box-api')}")
    }
    say('the failed build left the old container serving 2.0.0')

    replaceIn(mainGo, 'const version = "jessy-api 3.0.0" +', 'const version = "jessy-api 3.0.0"')
    waitUntil('box-api serves 3.0.0', 120) { httpGet(ports.api) == 'jessy-api 3.0.0' }
    say('box-api reloaded to 3.0.0')

    // the Dockerfile: the image is rebuilt and the container recreated
    dockerfile << 'LABEL it.edited="yes"\n'
    waitUntil('box-api runs in a new container', 180) {
        def now = runningContainersOf('box-api')
        now.size() == 1 && now != api && httpGet(ports.api) == 'jessy-api 3.0.0'
    }
    def label = docker(['inspect', '--format', '{{index .Config.Labels "it.edited"}}', runningContainersOf('box-api')[0]]).trim()
    if (label != 'yes') {
        throw new AssertionError("the new container does not run the rebuilt image (label '${label}')")
    }
    say('the Dockerfile change rebuilt the image and recreated the container')

    // a clean rebuild from another terminal drops the container's volumes, its caches
    def before = runningContainersOf('box-api')[0]
    docker(['cp', new File(basedir, 'ports.properties').path, "${before}:/cache/marker"])
    def rebuild = new ProcessBuilder(mavenCommand(basedir, ['hotreload:rebuild', '-Dhotreload.services=box-api',
            '-Dhotreload.clean'])).directory(basedir).redirectErrorStream(true)
            .redirectOutput(new File(basedir, 'rebuild.log')).start()
    if (rebuild.waitFor() != 0) {
        throw new AssertionError('the clean rebuild failed:\n' + new File(basedir, 'rebuild.log').text)
    }
    waitUntil('box-api serves 3.0.0 again', 60) { httpGet(ports.api) == 'jessy-api 3.0.0' }
    def after = runningContainersOf('box-api')
    def copyBack = new ProcessBuilder('docker', 'cp', "${after[0]}:/cache/marker".toString(), '-').start()
    copyBack.inputStream.text
    if (after == [before] || copyBack.waitFor() == 0) {
        throw new AssertionError("the clean rebuild kept the container ${after} or its volume")
    }
    say('the clean rebuild recreated the container with a new volume')

    long pid = mavenPid(basedir)
    say("sending SIGINT to Maven (pid ${pid})")
    signal(pid, 'INT')
    waitUntil('Maven exits', 60) { !new File("/proc/${pid}").exists() }
}
true
