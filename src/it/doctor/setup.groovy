evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
copyExample('jessy-api', basedir)
new File(basedir, 'web').mkdirs()
int port = freePort()
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('WEB_PORT', "${port}")
new File(basedir, 'ports.properties').text = "web=${port}\n"
// the process that holds web's port while the doctor looks; verify.groovy stops it
def holder = new ProcessBuilder('python3', '-m', 'http.server', "${port}", '--bind', '127.0.0.1')
        .directory(new File(basedir, 'web')).redirectErrorStream(true)
        .redirectOutput(new File(basedir, 'holder.log')).start()
new File(basedir, 'holder.pid').text = "${holder.pid()}"
waitUntil('the holder listens', 60) {
    if (!holder.alive) {
        throw new AssertionError('the holder ended:\n' + new File(basedir, 'holder.log').text)
    }
    listening(port)
}
true
