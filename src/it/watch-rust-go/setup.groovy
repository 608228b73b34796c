evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

copyExample('jessy-core', basedir)
copyExample('jessy-api', basedir)
int core = freePort()
int api = freePort()
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('CORE_PORT', "${core}").replace('API_PORT', "${api}")
new File(basedir, 'ports.properties').text = "core=${core}\napi=${api}\n"

def mainRs = new File(basedir, 'jessy-core/src/main.rs')
def mainGo = new File(basedir, 'jessy-api/main.go')
def buildLog = new File(basedir, 'build.log')

scenario(basedir) { say ->
    waitUntil('jessy-core serves 1.0.0', 300) { httpGet(core) == 'jessy-core 1.0.0' }
    waitUntil('jessy-api serves 1.0.0', 300) { httpGet(api) == 'jessy-api 1.0.0' }
    say('both services serve 1.0.0')

    replaceIn(mainRs, '"jessy-core 1.0.0"', '"jessy-core 2.0.0"')
    waitUntil('jessy-core serves 2.0.0', 120) { httpGet(core) == 'jessy-core 2.0.0' }
    say('jessy-core reloaded to 2.0.0')

    replaceIn(mainGo, 'const version = "jessy-api 1.0.0"', 'const version = "jessy-api 2.0.0" +')
    waitUntil('the jessy-api build fails', 120) { buildLog.exists() && buildLog.text.contains('[jessy-api ] » build failed') }
    def served = httpGet(api)
    if (served != 'jessy-api 1.0.0') {
        throw new AssertionError("after the failed build jessy-api served '${served}', not the old 1.0.0")
    }
    say('the failed build left jessy-api 1.0.0 serving')

    replaceIn(mainGo, 'const version = "jessy-api 2.0.0" +', 'const version = "jessy-api 2.0.0"')
    waitUntil('jessy-api serves 2.0.0', 120) { httpGet(api) == 'jessy-api 2.0.0' }
    say('jessy-api reloaded to 2.0.0')

    // the third reload ends the bounded watch
    replaceIn(mainRs, '"jessy-core 2.0.0"', '"jessy-core 3.0.0"')
}
true
