evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def log = new File(basedir, 'build.log').getText('UTF-8')
def scenario = scenarioOutcome(basedir)
assert scenario.readLines().last() == 'OK' : "the scenario did not complete:\n" + scenario
assert log.contains('[boot] » reloaded (src/main/java/it/boot/HelloController.java)')
// devtools is on the class path: the plugin turned its own restart off, so one edit is one start
def starts = log.findAll(/Started App in/).size()
assert starts == 2 : "expected 2 starts of the application (first, and after the edit), saw ${starts}"
// and devtools says why it does not restart the application itself
assert log.contains("Restart disabled due to System property 'spring.devtools.restart.enabled' being set to false")
assertNothingLeft(basedir)
