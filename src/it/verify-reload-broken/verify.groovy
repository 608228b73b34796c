evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
import javax.xml.parsers.DocumentBuilderFactory

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('hot reload did not work for 1 of 1 service(s):')
assert log =~ /  - jessy-api: build failed: build failed with exit code [1-9]\d*/
assert log =~ /\| \.\/main\.go:\d+:\d+: /  : 'the compiler error is in the failure message'
assert log =~ /jessy-api\s+FAILED\s+build failed/

def doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new File(basedir, 'target/hotreload-reports/TEST-hotreload-verify-reload.xml'))
assert doc.documentElement.getAttribute('failures') == '1'
assert doc.getElementsByTagName('failure').item(0).getAttribute('type') == 'build failed'

assert sameAsExample(new File(basedir, 'jessy-api/main.go'), 'jessy-api/main.go') : 'main.go was not restored'
def ports = new Properties()
new File(basedir, 'ports.properties').withReader { ports.load(it) }
assert !listening(ports.getProperty('api') as int)
assert processesUnder(basedir).isEmpty()
true
