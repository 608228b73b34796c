evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def log = new File(basedir, 'build.log').getText('UTF-8')
def scenario = scenarioOutcome(basedir)
assert scenario.readLines().last() == 'OK' : "the scenario did not complete:\n" + scenario
// once for the build, from the root, with the service that app's POM declares
assert log.findAll(/\[hotreload\] watching app until /).size() == 1
assert log.contains('[app] » building: compile lib, app in-process')
assert log.contains('stopped after 1 reload(s)')
assertNothingLeft(basedir)
