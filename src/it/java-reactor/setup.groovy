evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

int hello = freePort()
int bye = freePort()
['hello', 'bye'].each { m ->
    def pom = new File(basedir, "${m}/pom.xml")
    pom.text = pom.text.replace('HELLO_PORT', "${hello}").replace('BYE_PORT', "${bye}")
}
new File(basedir, 'ports.properties').text = "hello=${hello}\nbye=${bye}\n"

def greeting = new File(basedir, 'lib/src/main/java/it/lib/Greeting.java')
def byeSource = new File(basedir, 'bye/src/main/java/it/bye/ByeServer.java')
def helloSource = new File(basedir, 'hello/src/main/java/it/hello/HelloServer.java')
def banner = new File(basedir, 'hello/src/main/resources/banner.txt')
def buildLog = new File(basedir, 'build.log')
def pidOf = { String body -> body == null ? null : (body =~ /pid=(\d+)/).with { it.find() ? it.group(1) : null } }

scenario(basedir) { say ->
    waitUntil('hello serves lib-1', 300) { httpGet(hello)?.startsWith('hello lib-1 banner-1') }
    waitUntil('bye serves lib-1', 60) { httpGet(bye)?.startsWith('bye lib-1') }
    say('both services serve lib-1')

    replaceIn(greeting, '"lib-1"', '"lib-2"')
    waitUntil('hello serves lib-2', 60) { httpGet(hello)?.startsWith('hello lib-2 banner-1') }
    waitUntil('bye serves lib-2', 60) { httpGet(bye)?.startsWith('bye lib-2') }
    say('a library edit reloaded both services')

    def helloPid = pidOf(httpGet(hello))
    replaceIn(byeSource, '"bye "', '"farewell "')
    waitUntil('bye serves farewell', 60) { httpGet(bye)?.startsWith('farewell lib-2') }
    if (pidOf(httpGet(hello)) != helloPid) {
        throw new AssertionError('an edit of bye restarted hello')
    }
    say('an edit of bye reloaded bye only')

    replaceIn(helloSource, 'int port = ', 'int broken = "not a number"; int port = ')
    waitUntil('the hello compile fails', 60) { buildLog.text.contains('[hello] » build failed') }
    if (!(buildLog.text =~ /\[hello\] src\/main\/java\/it\/hello\/HelloServer\.java:\d+: error: incompatible types/)) {
        throw new AssertionError('the compile error is not shown as File.java:line: message under the prefix')
    }
    if (!httpGet(hello)?.startsWith('hello lib-2 banner-1')) {
        throw new AssertionError('after the failed compile hello does not serve the old version')
    }
    say('a compile error kept the old JVM serving')
    replaceIn(helloSource, 'int broken = "not a number"; int port = ', 'int port = ')
    waitUntil('hello serves again after the fix', 60) { pidOf(httpGet(hello)) != helloPid && httpGet(hello)?.startsWith('hello lib-2') }
    say('the fix reloaded hello')

    banner.text = 'banner-2\n'
    waitUntil('hello serves banner-2', 60) { httpGet(hello)?.startsWith('hello lib-2 banner-2') }
    say('a resource edit reloaded hello')
}
true
