evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

def ports = setUpPolyglot(basedir)
new File(basedir, 'gate').mkdirs()
int core = ports.core
int api = ports.api
def buildLog = new File(basedir, 'build.log')

scenario(basedir) { say ->
    waitUntil('api waits for gate', 300) { buildLog.text =~ /\[api \] » waiting for (core, )?gate to be ready/ }
    if (httpGet(api) != null) {
        throw new AssertionError('api serves before gate is ready')
    }
    new File(basedir, 'gate-open').text = ''
    awaitPolyglotServes(ports)
    say('both serve; api started once core and gate were ready')

    // a path dependency outside core's directory: core reloads; api, which depends on core, keeps running
    replaceIn(new File(basedir, 'shared-rs/src/lib.rs'), '"shared 1"', '"shared 2"')
    waitUntil('core serves shared 2', 180) { httpGet(core) == 'shared 2' }
    say('an edit of shared-rs reloaded core')
    if (httpGet(api) != 'go 1 with shared 1') {
        throw new AssertionError("api was restarted with core: it serves '${httpGet(api)}'")
    }

    // a local replace outside api's directory: api reloads, and asks the new core
    replaceIn(new File(basedir, 'shared-go/greet.go'), '"go 1"', '"go 2"')
    waitUntil('api serves go 2 with shared 2', 180) { httpGet(api) == 'go 2 with shared 2' }
    say('an edit of shared-go reloaded api')

    // a file in a .gitignore'd directory counts for nothing; the go.mod edit after it reloads api once
    def generated = new File(basedir, 'api/generated')
    generated.mkdirs()
    new File(generated, 'skip.go').text = 'package generated\n'
    new File(basedir, 'api/go.mod') << '\n// touched by the test\n'
    waitUntil('api reloads after the go.mod edit', 180) { buildLog.text.contains('[api ] » reloaded (go.mod) · build') }
    say('the go.mod edit reloaded api; the ignored file did not')
}
true
