evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')
assert !log.contains('before it was ready') : 'one module stopped the other module\'s service'
['alpha', 'beta'].each { m ->
    def json = new File(basedir, "${m}/target/hotreload-reports/verify-reload.json").text
    assert json.contains('"passed": true') : "${m}: ${json}"
    assert new File(basedir, "${m}/src/app.txt").text == 'v1\n' : "${m}: the probed file was not restored"
}
def left = processesUnder(basedir)
assert left.isEmpty() : "processes left behind: ${left}"
true
