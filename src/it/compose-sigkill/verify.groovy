evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def scenario = scenarioOutcome(basedir)
assert scenario.readLines().last() == 'OK' : "the scenario did not complete:\n" + scenario
assert !new File(basedir, 'build.log').text.contains('stopping every service') : 'no shutdown hook can run after SIGKILL'
def third = new File(basedir, 'third.log').text
assert third =~ /removed 1 container\(s\) that an earlier session \(pid \d+\) left running when it was killed/ : third
assert third.contains('no process is left running')
assert containersOf('killed-api').isEmpty() : 'container left: ' + containersOf('killed-api')
def ports = new Properties()
new File(basedir, 'ports.properties').withReader { ports.load(it) }
assert !listening(ports.getProperty('api') as int)
def left = processesUnder(basedir)
assert left.isEmpty() : "processes left behind: ${left}"
removeComposeProject('compose-sigkill')
true
