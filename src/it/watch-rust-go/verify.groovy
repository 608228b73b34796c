evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def log = new File(basedir, 'build.log').getText('UTF-8')
def scenario = scenarioOutcome(basedir)
def ports = new Properties()
new File(basedir, 'ports.properties').withReader { ports.load(it) }

assert scenario.readLines().last() == 'OK' : "the scenario did not complete:\n" + scenario

// every line of a service is prefixed with its name; one summary line per reload
assert log.contains('[jessy-core] » ready in ')
assert log.contains('[jessy-api ] » ready in ')
assert log.contains('[jessy-core] » reloaded (src/main.rs) · build ')
assert log.contains('[jessy-api ] » reloaded (main.go) · build ')
assert log =~ /\[jessy-api \] \.\/main\.go:\d+:\d+: /  : 'the compiler error is shown under the service prefix'
assert log =~ /\[jessy-api \] » build failed with exit code [1-9]\d*/  : 'the Go compiler exits non-zero (1, or 2 with Go 1.19)'
assert log.contains('stopped after 3 reload(s)')
// the build's own Cargo.lock does not trigger a second build
assert !log.contains('Cargo.lock changed')
// -B: no colour
assert !log.contains('\u001B[')

// nothing survives the goal
['core', 'api'].each { name ->
    int port = ports.getProperty(name) as int
    assert !listening(port) : "port ${port} of ${name} is still bound"
}
def left = processesUnder(basedir)
assert left.isEmpty() : "processes left behind: ${left}"
true
