evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

copyExample('jessy-core', basedir)
copyExample('jessy-api', basedir)
int core = freePort()
int api = freePort()
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('CORE_PORT', "${core}").replace('API_PORT', "${api}")
new File(basedir, 'ports.properties').text = "core=${core}\napi=${api}\n"

// runs a build tool; the compile and link of the services' own code take 2 s longer
def slow = new File(basedir, 'slow-tool.sh')
slow.text = '#!/bin/sh\n' +
    'case "$*" in\n' +
    '  *"--crate-name jessy_core"*|*"-p main "*|*/link\\ *) sleep 2 ;;\n' +
    'esac\n' +
    'exec "$@"\n'
slow.setExecutable(true)

def mainRs = new File(basedir, 'jessy-core/src/main.rs')
def mainGo = new File(basedir, 'jessy-api/main.go')
def buildLog = new File(basedir, 'build.log')
def count = { String text -> buildLog.text.count(text) }

scenario(basedir) { say ->
    waitUntil('jessy-core serves 1.0.0', 300) { httpGet(core) == 'jessy-core 1.0.0' }
    waitUntil('jessy-api serves 1.0.0', 300) { httpGet(api) == 'jessy-api 1.0.0' }
    say('both services serve 1.0.0')

    // a change starts a cargo build; a second change while it compiles cancels it
    int coreBuilds = count('[jessy-core] » src/main.rs changed, building')
    replaceIn(mainRs, '"jessy-core 1.0.0"', '"jessy-core 2.0.0"')
    waitUntil('the first jessy-core build runs', 60) { count('[jessy-core] » src/main.rs changed, building') > coreBuilds }
    replaceIn(mainRs, '"jessy-core 2.0.0"', '"jessy-core 3.0.0"')
    waitUntil('jessy-core serves 3.0.0', 180) { httpGet(core) == 'jessy-core 3.0.0' }
    say('jessy-core: a cancelled cargo build, then 3.0.0')

    int apiBuilds = count('[jessy-api ] » main.go changed, building')
    replaceIn(mainGo, 'const version = "jessy-api 1.0.0"', 'const version = "jessy-api 2.0.0"')
    waitUntil('the first jessy-api build runs', 60) { count('[jessy-api ] » main.go changed, building') > apiBuilds }
    replaceIn(mainGo, 'const version = "jessy-api 2.0.0"', 'const version = "jessy-api 3.0.0"')
    waitUntil('jessy-api serves 3.0.0', 180) { httpGet(api) == 'jessy-api 3.0.0' }
    say('jessy-api: a cancelled go build, then 3.0.0')

    // the third reload ends the bounded watch
    replaceIn(mainRs, '"jessy-core 3.0.0"', '"jessy-core 4.0.0"')
}
true
