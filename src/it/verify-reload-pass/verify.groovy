evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
import javax.xml.parsers.DocumentBuilderFactory

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('--- hotreload:') && log.contains(':verify-reload (default) @ verify-reload-pass ---')
assert log =~ /jessy-core\s+passed\s+\d/
assert log =~ /jessy-api\s+passed\s+\d/
assert log.contains('jessy-api: the probe replaces \'"jessy-api 1.0.0"\' in main.go')

// the reports a CI server reads
def junit = new File(basedir, 'target/hotreload-reports/TEST-hotreload-verify-reload.xml')
def doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit)
assert doc.documentElement.getAttribute('tests') == '2'
assert doc.documentElement.getAttribute('failures') == '0'
def json = new File(basedir, 'target/hotreload-reports/verify-reload.json').text
assert json.contains('"passed": true')

// the sources end exactly as they were
assert sameAsExample(new File(basedir, 'jessy-core/src/main.rs'), 'jessy-core/src/main.rs')
assert sameAsExample(new File(basedir, 'jessy-api/main.go'), 'jessy-api/main.go')
assert !new File(basedir, 'target/.hotreload/probes').list()

def ports = new Properties()
new File(basedir, 'ports.properties').withReader { ports.load(it) }
ports.values().each { assert !listening(it as int) : "port ${it} is still bound" }
def left = processesUnder(basedir)
assert left.isEmpty() : "processes left behind: ${left}"
true
