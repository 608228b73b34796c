evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

int boot = freePort()
def pom = new File(basedir, 'app/pom.xml')
pom.text = pom.text.replace('BOOT_PORT', "${boot}")
new File(basedir, 'ports.properties').text = "boot=${boot}\n"
def controller = new File(basedir, 'app/src/main/java/it/boot/HelloController.java')
def get = { -> httpGet(boot, '/hello') }

scenario(basedir) { say ->
    waitUntil('the application serves v1', 300) { get() == 'boot v1' }
    say('Spring Boot serves v1')
    replaceIn(controller, '"boot v1"', '"boot v2"')
    waitUntil('the application serves v2', 120) { get() == 'boot v2' }
    say('Spring Boot serves v2 after one edit')
}
true
