evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def log = new File(basedir, 'build.log').getText('UTF-8')
def scenario = scenarioOutcome(basedir)
assert scenario.readLines().last() == 'OK' : "the scenario did not complete:\n" + scenario
// each second edit came during the first one's build and cancelled it
assert log.contains('[jessy-core] » build cancelled: src/main.rs changed; building again')
assert log.contains('[jessy-api ] » build cancelled: main.go changed; building again')
// a cancelled build is no failed build, and cargo and go built again after it
assert !log.contains('build failed')
assert log.contains('[jessy-core] » reloaded (src/main.rs) · build ')
assert log.contains('[jessy-api ] » reloaded (main.go) · build ')
assert log.contains('stopped after 3 reload(s)')

assertNothingLeft(basedir)
