evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def log = new File(basedir, 'build.log').getText('UTF-8')
def scenario = scenarioOutcome(basedir)
assert scenario.readLines().last() == 'OK' : "the scenario did not complete:\n" + scenario

assert log.contains('[box-core] » ready in ')
assert log.contains('[box-api ] » ready in ')
assert log.contains('[box-api ] » reloaded (main.go) · build ')
assert log.contains('[box-core] » reloaded (src/main.rs) · build ')
assert log.contains('[box-api ] » reloaded (Dockerfile) · build ')
assert log =~ /\[box-api \] \.\/main\.go:\d+:\d+: / : 'the compiler error is shown under the service prefix'
// the container's own output reaches the service's prefix
assert log =~ /\[box-api \] .*listening/ : 'the output of the container is shown'
assert log.contains('stopping every service')

// Ctrl-C leaves no container, no process and no port behind
assert containersOf('box-core').isEmpty() : 'box-core container left: ' + containersOf('box-core')
assert containersOf('box-api').isEmpty() : 'box-api container left: ' + containersOf('box-api')
def ports = new Properties()
new File(basedir, 'ports.properties').withReader { ports.load(it) }
['core', 'api'].each { name ->
    int port = ports.getProperty(name) as int
    assert !listening(port) : "port ${port} of ${name} is still bound"
}
def left = processesUnder(basedir)
assert left.isEmpty() : "processes left behind: ${left}"
removeComposeProject('compose-rust-go')
true
