evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
def conf = new File(basedir, 'slow/app.conf')
conf.parentFile.mkdirs()
// no newline at the end, on purpose: the restore must give back these exact bytes
conf.bytes = 'port = 8080\r\nname = "slöw"'.getBytes('UTF-8')
new File(basedir, 'original.bin').bytes = conf.bytes
scenario(basedir) { say ->
    waitUntil('the probe is written', 120) { conf.text.contains('hotreload probe') }
    def buildLog = new File(basedir, 'build.log')
    waitUntil('the probe build hangs', 60) { buildLog.text.contains('[slow] building forever') }
    long pid = mavenPid(basedir)
    say("sending SIGINT to Maven (pid ${pid})")
    signal(pid, 'INT')
    waitUntil('Maven exits', 60) { !new File("/proc/${pid}").exists() }
}
true
