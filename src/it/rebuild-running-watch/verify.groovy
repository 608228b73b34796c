evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def log = new File(basedir, 'build.log').getText('UTF-8')
def watchLog = new File(basedir, 'watch.log')
def check = new File(basedir, 'token-check.txt').text
def control = new Properties()
new File(basedir, 'target/.hotreload/control.properties').withReader { control.load(it) }
long watchPid = control.pid as long
try {
    assert check.contains('mode=rw-------') : check
    assert check.contains('wrong-token=403') : check
    // the first rebuild went through the running watch and streamed its output back
    assert log.contains("hotreload: asking the running watch (pid ${watchPid}) to rebuild jessy-api")
    assert log.contains('[jessy-api] » rebuild requested, building: go build -o ./tmp/main .')
    assert log.contains('hotreload: jessy-api: OK, build ')
    assert watchLog.text.contains('rebuild of jessy-api requested by hotreload:rebuild')
    assert watchLog.text.contains('[jessy-api] » reloaded (on request)')
    // the second reports the failed build and fails
    assert log.contains('[broken   ] error: this build always fails')
    assert log.contains('hotreload: broken: FAILED, build: build failed with exit code 7')
    assert log.contains('hotreload:rebuild failed for broken')
    // the third invocation
    assert log.contains("hotreload:watch is already running for this project (pid ${watchPid}). Fix: use hotreload:rebuild")
    assert httpGet(new File(basedir, 'ports.properties').text.find(/api=(\d+)/) { m, p -> p } as int) == 'jessy-api 1.0.0'
    assert new File("/proc/${watchPid}").exists()
} finally {
    signal(watchPid, 'TERM')
    waitUntil('the watch exits', 60) { !new File("/proc/${watchPid}").exists() }
}
def ports = new Properties()
new File(basedir, 'ports.properties').withReader { ports.load(it) }
assert !listening(ports.getProperty('api') as int)
def left = processesUnder(basedir)
assert left.isEmpty() : "processes left behind: ${left}"
true
