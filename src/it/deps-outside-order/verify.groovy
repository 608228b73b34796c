evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def log = new File(basedir, 'build.log').getText('UTF-8')
def scenario = scenarioOutcome(basedir)
assert scenario.readLines().last() == 'OK' : "the scenario did not complete:\n" + scenario

// start order: api was built, waited, and started after core and gate were ready
assert log =~ /\[api \] » waiting for (core, )?gate to be ready before it starts \(<dependsOn>\)/
int apiReady = log.indexOf('[api ] » ready in ')
['[core] » ready in ', '[gate] » ready in '].each {
    assert log.indexOf(it) >= 0 && apiReady > log.indexOf(it) : "api was ready before ${it}"
}
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
