evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
def scenario = scenarioOutcome(basedir)
assert scenario.readLines().last() == 'OK' : "the scenario did not complete:\n" + scenario
def conf = new File(basedir, 'slow/app.conf')
assert Arrays.equals(conf.bytes, new File(basedir, 'original.bin').bytes) : "app.conf was not restored: '${conf.text}'"
assert !new File(basedir, 'target/.hotreload/probes').list() : 'the journal still holds the original'
def left = processesUnder(basedir)
assert left.isEmpty() : "processes left behind: ${left}"
true
