evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def log = new File(basedir, 'build.log').getText('UTF-8')
def scenario = scenarioOutcome(basedir)
assert scenario.readLines().last() == 'OK' : "the scenario did not complete:\n" + scenario
assert log.contains('stopped after 5 reload(s)')
assert log.contains('[hello] » ready in ')
assert log.contains('[bye  ] » ready in ')
// watch ran once for the build, not once per module
assert log.findAll(/\[hotreload\] watching /).size() == 1
// nothing was packaged or installed
assert !new File(basedir, 'lib/target/lib-1.jar').exists()
// verify-reload on the Java module, with the default probe
assert log =~ /hello\s+passed\s+\d/
assert new File(basedir, 'hello/src/main/java/it/hello/HelloServer.java').text.contains('int port = ')
assert !new File(basedir, 'hello/src/main/java/it/hello/HelloServer.java').text.contains('hotreload probe')

// rebuild without a watch compiles the module in-process
assert log.contains('[bye] » building: compile lib, bye in-process')
assert log.contains('hotreload: bye: OK, build ')
assertNothingLeft(basedir)
