evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

int app = freePort()
def pom = new File(basedir, 'app/pom.xml')
pom.text = pom.text.replace('APP_PORT', "${app}")
new File(basedir, 'ports.properties').text = "app=${app}\n"

scenario(basedir) { say ->
    waitUntil('app serves lib-1', 300) { httpGet(app) == 'app lib-1' }
    say('app serves lib-1')
    replaceIn(new File(basedir, 'lib/src/main/java/it/agg/lib/Greeting.java'), '"lib-1"', '"lib-2"')
    waitUntil('app serves lib-2', 60) { httpGet(app) == 'app lib-2' }
    say('an edit of lib, a module of the root that app depends on, reloaded app')
}
true
