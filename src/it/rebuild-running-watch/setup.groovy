evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
new File(basedir, 'broken').mkdirs()
startWatchWithJessyApi(basedir)
def watchLog = new File(basedir, 'watch.log')
def control = new File(basedir, 'target/.hotreload/control.properties')
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
