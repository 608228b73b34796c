evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def log = new File(basedir, 'build.log').getText('UTF-8')
def scenario = scenarioOutcome(basedir)
assert scenario.readLines().last() == 'OK' : "the scenario did not complete:\n" + scenario

// start order: api was built, waited for core, and started after core was ready
assert log.contains('[api ] » waiting for core to be ready before it starts (<dependsOn>)')
int coreReady = log.indexOf('[core] » ready in ')
int apiReady = log.indexOf('[api ] » ready in ')
assert coreReady >= 0 && apiReady > coreReady : 'api was ready before core'
assert !log.contains('core is not up')

// each change outside a service's directory rebuilt the one service built from it
assert log.contains('[core] » reloaded (../shared-rs/src/lib.rs) · build ')
assert log.contains('[api ] » reloaded (../shared-go/greet.go) · build ')
assert !log.contains('[api ] » ../shared-rs') && !log.contains('[core] » ../shared-go')
assert log.contains('[api ] » reloaded (go.mod) · build ')
// the ignored file was never seen
assert !log.contains('generated')
// the build's own Cargo.lock does not trigger a second build
assert !log.contains('Cargo.lock changed')
assert log.contains('stopped after 3 reload(s)')

assertNothingLeft(basedir)
