evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
copyExample('jessy-core', basedir)
// a stale control file, as a watch killed with SIGKILL leaves: nothing listens on its port
def control = new File(basedir, 'target/.hotreload/control.properties')
control.parentFile.mkdirs()
control.text = "port=${freePort()}\ntoken=${'a' * 48}\npid=1\n"
// build output from before, which the clean must remove
new File(basedir, 'jessy-core/target/debug').mkdirs()
new File(basedir, 'jessy-core/target/debug/stale-marker').text = 'old'
true
