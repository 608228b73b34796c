evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
copyExample('jessy-api', basedir)
new File(basedir, 'broken').mkdirs()
int api = freePort()
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('API_PORT', "${api}")
new File(basedir, 'ports.properties').text = "api=${api}\n"

// the watch runs in a Maven of its own for the whole test; verify.groovy stops it
def watchLog = new File(basedir, 'watch.log')
def watch = new ProcessBuilder(mavenCommand(basedir, ['hotreload:watch', '-Dhotreload.maxDuration=10m']))
        .directory(basedir).redirectErrorStream(true).redirectOutput(watchLog).start()
def control = new File(basedir, 'target/.hotreload/control.properties')
waitUntil('the watch serves jessy-api', 300) {
    if (!watch.alive) {
        throw new AssertionError('the watch ended early:\n' + watchLog.text)
    }
    httpGet(api) == 'jessy-api 1.0.0' && control.exists()
}
waitUntil('the broken service failed its first build', 60) { watchLog.text.contains('[broken   ] » build failed') }

// only the user may read the token, and a request without it is refused
def mode = java.nio.file.Files.getPosixFilePermissions(control.toPath())
def props = new Properties()
control.withReader { props.load(it) }
def c = new URL("http://127.0.0.1:${props.port}/api/rebuild").openConnection(Proxy.NO_PROXY)
c.requestMethod = 'POST'
c.setRequestProperty('Authorization', 'Bearer ' + 'f' * 48)
new File(basedir, 'token-check.txt').text = "mode=${java.nio.file.attribute.PosixFilePermissions.toString(mode)}\nwrong-token=${c.responseCode}\n"
true
