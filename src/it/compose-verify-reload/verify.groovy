evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
import javax.xml.parsers.DocumentBuilderFactory

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log =~ /probed-core\s+passed\s+\d/
assert log =~ /probed-api\s+passed\s+\d/

def junit = new File(basedir, 'target/hotreload-reports/TEST-hotreload-verify-reload.xml')
def doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit)
assert doc.documentElement.getAttribute('tests') == '2'
assert doc.documentElement.getAttribute('failures') == '0'

// the sources end exactly as they were
assert sameAsExample(new File(basedir, 'jessy-core/src/main.rs'), 'jessy-core/src/main.rs')
assert sameAsExample(new File(basedir, 'jessy-api/main.go'), 'jessy-api/main.go')

assert containersOf('probed-core').isEmpty() : 'container left: ' + containersOf('probed-core')
assert containersOf('probed-api').isEmpty() : 'container left: ' + containersOf('probed-api')
// compose's network for the project is gone with the last container
assert !docker(['network', 'ls', '--format', '{{.Name}}']).readLines().any { it.startsWith('compose-verify-reload') }
assert log =~ /\[probed-api *\] » ready in .* TCP port \d+/ : 'the published port is the readiness check'
def ports = new Properties()
new File(basedir, 'ports.properties').withReader { ports.load(it) }
ports.values().each { assert !listening(it as int) : "port ${it} is still bound" }
def left = processesUnder(basedir)
assert left.isEmpty() : "processes left behind: ${left}"
removeComposeProject('compose-verify-reload')
true
