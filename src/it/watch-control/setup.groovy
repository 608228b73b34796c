evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
copyExample('jessy-api', basedir)
new File(basedir, 'worker').mkdirs()
int api = freePort()
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('API_PORT', "${api}")
new File(basedir, 'ports.properties').text = "api=${api}\n"

// the watch runs in a Maven of its own for the whole test; verify.groovy stops it
def watchLog = new File(basedir, 'watch.log')
def watch = new ProcessBuilder(mavenCommand(basedir, ['hotreload:watch', '-Dhotreload.maxDuration=10m']))
        .directory(basedir).redirectErrorStream(true).redirectOutput(watchLog).start()
waitUntil('the watch serves jessy-api and the worker runs', 300) {
    if (!watch.alive) {
        throw new AssertionError('the watch ended early:\n' + watchLog.text)
    }
    httpGet(api) == 'jessy-api 1.0.0' && watchLog.text.contains('[worker   ] » ready in')
            && new File(basedir, 'target/.hotreload/control.properties').exists()
}
true
