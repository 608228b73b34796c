evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def ports = setUpContainers(basedir, ['jessy-api'])
// this test's compose file has only the Go service
def compose = new File(basedir, 'docker-compose.yml')
compose.text = compose.text.substring(0, compose.text.indexOf('  core:')) + compose.text.substring(compose.text.indexOf('  api:'))

/** The watchdog of the Maven with this pid, or null. */
def watchdogOf = { long maven ->
    def found = null
    new File('/proc').eachFile { p ->
        if (found == null && p.name ==~ /\d+/) {
            try {
                def line = new String(new File(p, 'cmdline').bytes.collect { it == 0 ? (byte) 32 : it } as byte[], 'UTF-8')
                if (line.contains("hotreload-watchdog ${maven}-")) {
                    found = p.name as long
                }
            } catch (Exception e) {
                // gone
            }
        }
    }
    found
}

scenario(basedir) { say ->
    waitUntil('killed-api serves 1.0.0', 400) { httpGet(ports.api) == 'jessy-api 1.0.0' }
    waitUntil('its container runs', 30) { runningContainersOf('killed-api').size() == 1 }
    long pid = mavenPid(basedir)
    say("sending SIGKILL to Maven (pid ${pid}); its watchdog stays")
    signal(pid, 'KILL')
    waitUntil('Maven exits', 60) { !new File("/proc/${pid}").exists() }
    waitUntil('the watchdog removes the container', 60) { containersOf('killed-api').isEmpty() }
    waitUntil('the port is free', 30) { !listening(ports.api) }
    say('the watchdog removed the container')

    // a second watch, killed together with its watchdog: the container stays behind
    def second = new ProcessBuilder(mavenCommand(basedir, ['hotreload:watch', '-Dhotreload.maxDuration=10m']))
            .directory(basedir).redirectErrorStream(true).redirectOutput(new File(basedir, 'second.log')).start()
    waitUntil('the second watch serves', 300) { httpGet(ports.api) == 'jessy-api 1.0.0' && runningContainersOf('killed-api').size() == 1 }
    long maven = mavenPid(basedir)
    Long watchdog = watchdogOf(maven)
    if (watchdog == null) {
        throw new AssertionError('the second watch has no watchdog')
    }
    say("sending SIGKILL to the watchdog (pid ${watchdog}), then to Maven (pid ${maven})")
    signal(watchdog, 'KILL')
    signal(maven, 'KILL')
    second.waitFor()
    // nothing removes it now: the container keeps serving
    if (runningContainersOf('killed-api').size() != 1) {
        throw new AssertionError('the container was expected to be left behind')
    }
    say('the container was left behind')

    // a third watch removes what the second left, and says so; it ends by itself
    def third = new ProcessBuilder(mavenCommand(basedir, ['hotreload:watch', '-Dhotreload.maxDuration=20s']))
            .directory(basedir).redirectErrorStream(true).redirectOutput(new File(basedir, 'third.log')).start()
    if (third.waitFor() != 0) {
        throw new AssertionError('the third watch failed:\n' + new File(basedir, 'third.log').text)
    }
    say('the third watch ended')
}
true
