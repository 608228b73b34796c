evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def ports = setUpPolyglot(basedir)
int core = ports.core
int api = ports.api
def buildLog = new File(basedir, 'build.log')

scenario(basedir) { say ->
    awaitPolyglotServes(ports)
    say('both serve the release builds')

    // nothing is watched: an edit changes nothing that runs
    replaceIn(new File(basedir, 'shared-rs/src/lib.rs'), '"shared 1"', '"shared 2"')
    replaceIn(new File(basedir, 'api/main.go'), 'fmt.Println("api listening")', 'fmt.Println("api listening!")')
    long until = System.currentTimeMillis() + 3000
    while (System.currentTimeMillis() < until) {
        if (httpGet(core) != 'shared 1' || buildLog.text.contains('changed')) {
            throw new AssertionError('hotreload:run reacted to an edit')
        }
        Thread.sleep(100)
    }
    say('the edits changed nothing that runs')

    long pid = mavenPid(basedir)
    say("sending SIGINT to Maven (pid ${pid})")
    signal(pid, 'INT')
    waitUntil('Maven exits', 60) { !new File("/proc/${pid}").exists() }
}
true
