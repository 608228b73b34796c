import groovy.json.JsonSlurper

evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def log = new File(basedir, 'build.log').getText('UTF-8')
def watchLog = new File(basedir, 'watch.log')
def control = new Properties()
new File(basedir, 'target/.hotreload/control.properties').withReader { control.load(it) }
long watchPid = control.pid as long
int api = new File(basedir, 'ports.properties').text.find(/api=(\d+)/) { m, p -> p } as int

/** Runs a goal in a Maven of its own; its exit code and output. */
def goal = { List<String> args ->
    def out = new File(basedir, "goal-${System.nanoTime()}.log")
    def p = new ProcessBuilder(mavenCommand(basedir, args)).directory(basedir).redirectErrorStream(true)
            .redirectOutput(out).start()
    if (!p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly()
        throw new AssertionError("${args} did not end:\n" + out.text)
    }
    [p.exitValue(), out.getText('UTF-8')]
}
def status = {
    def (code, out) = goal(['-q', 'hotreload:status', '-Dhotreload.format=json'])
    [code, new JsonSlurper().parseText(out.readLines().find { it.startsWith('{') })]
}
def follower = null
try {
    // 1. the table of invoker's first goal, and the refusal of an unknown name
    assert log =~ /jessy-api\s+ready\s+\d+/
    assert log =~ /worker\s+ready\s+\d+/
    assert log.contains("watch: pid ${watchPid}, up ")
    assert log.contains('dashboard (the link opens once): http://127.0.0.1:')
    assert log.contains('-Dhotreload.services names a service that the running watch does not run (unknown services: nope; this session runs jessy-api, worker)')

    // 2. JSON for scripts, exit code 0 when all is ready
    def (code, json) = status()
    assert code == 0
    assert json.schema == 1 && json.watch.pid == watchPid
    assert json.services*.name == ['jessy-api', 'worker']
    assert json.services.every { it.state == 'ready' && it.pid > 0 && !it.paused }
    long workerPid = json.services[1].pid

    // 3. follow the worker's log live from a second terminal
    def followed = new File(basedir, 'follow.log')
    follower = new ProcessBuilder(mavenCommand(basedir, ['hotreload:logs', '-Dhotreload.follow',
            '-Dhotreload.services=worker', '-Dhotreload.tail=3'])).directory(basedir).redirectErrorStream(true)
            .redirectOutput(followed).start()
    waitUntil('the follower shows the worker ticking', 60) { followed.text.count('[worker] tick ') >= 5 }

    // 4. paused: an edit is held, the old version keeps serving
    assert goal(['hotreload:pause', '-Dhotreload.services=jessy-api'])[0] == 0
    waitUntil('jessy-api is paused', 30) { status()[1].services[0].paused }
    replaceIn(new File(basedir, 'jessy-api/main.go'), 'jessy-api 1.0.0', 'jessy-api 1.0.1')
    waitUntil('the change is held', 30) { status()[1].services[0].heldChanges == 1 }
    assert httpGet(api) == 'jessy-api 1.0.0'
    assert watchLog.text.contains('[jessy-api] » paused by hotreload:pause')

    // 5. resumed: the held change is built and served
    assert goal(['hotreload:resume'])[0] == 0
    waitUntil('jessy-api serves 1.0.1', 120) { httpGet(api) == 'jessy-api 1.0.1' }
    assert watchLog.text.contains('resumed by hotreload:resume: building the 1 changed file(s) held while paused')

    // 6. a restart without a build
    def (rcode, rout) = goal(['hotreload:restart', '-Dhotreload.services=worker'])
    assert rcode == 0 : rout
    assert rout.contains('hotreload: worker: OK')
    def after = status()[1].services[1]
    assert after.pid != workerPid && after.restarts == 1 && after.state == 'ready'
    waitUntil('the follower shows the new worker start', 30) { followed.text.count('[worker] worker started') >= 1 }
    assert !followed.text.contains('[jessy-api]') : 'the follower shows only the worker'

    // 7. the logs from the files, filtered
    def (lcode, lout) = goal(['hotreload:logs', '-Dhotreload.services=jessy-api', '-Dhotreload.grep=reloaded',
            '-Dhotreload.tail=0'])
    assert lcode == 0 : lout
    assert lout.contains('[jessy-api] » reloaded (main.go)')
    assert !lout.contains('tick ')
} finally {
    signal(watchPid, 'TERM')
    waitUntil('the watch exits', 60) { !new File("/proc/${watchPid}").exists() }
}
// the follower ends with the watch, by itself
waitUntil('the follower ends', 30) { !follower.alive }
assert follower.exitValue() == 0
assert new File(basedir, 'follow.log').text.contains('the watch ended')

// the files stay, one per service, and the goal reads them without a watch
def apiLog = new File(basedir, 'target/hotreload/logs/jessy-api.log')
assert apiLog.text =~ /(?m)^\d{4}-\d\d-\d\dT[^\t]+Z\tBUILD\tOUTPUT\t/ || apiLog.text.contains('\tEVENT\t')
assert new File(basedir, 'target/hotreload/logs/worker.log').text.contains('\tRUN\tOUTPUT\ttick ')
def (ocode, oout) = goal(['hotreload:logs', '-Dhotreload.tail=5', '-Dhotreload.stream=event'])
assert ocode == 0 : oout
assert oout.contains('no hotreload:watch is running')
assert oout.contains('» stopped') || oout.contains('stopped after')
assertNothingLeft(basedir)
true
