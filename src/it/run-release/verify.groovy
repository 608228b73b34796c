evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def log = new File(basedir, 'build.log').getText('UTF-8')
def scenario = scenarioOutcome(basedir)
assert scenario.readLines().last() == 'OK' : "the scenario did not complete:\n" + scenario

assert log.contains('[hotreload] running (release builds, not watching) ')
assert log.contains('[hotreload] logs in ')
// -q was given: Maven's own lines are not there
assert !log.contains('[INFO] ')
// the release builds ran, not the development ones
assert log.contains('[core] » building: cargo build --release --bin core')
assert log.contains('[api ] » building: go build -trimpath -o ./tmp/main .')
assert new File(basedir, 'core/target/release/core').canExecute()
assert !new File(basedir, 'core/target/debug/core').exists()
def settings = new ProcessBuilder('go', 'version', '-m', new File(basedir, 'api/tmp/main').path)
        .redirectErrorStream(true).start()
def info = settings.inputStream.text
settings.waitFor()
assert info.contains('-trimpath=true') : 'api was not built with -trimpath:\n' + info
// in dependency order (whether api had to wait depends on which build was done first)
assert log.indexOf('[core] » ready in ') < log.indexOf('[api ] » ready in ')
assert !log.contains('core is not up')
assert log.contains('stopped after 0 reload(s); no process is left running')

verifyNothingLeft(basedir)
assertNothingLeft(basedir)
