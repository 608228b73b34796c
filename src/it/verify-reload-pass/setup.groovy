evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
copyExample('jessy-core', basedir)
copyExample('jessy-api', basedir)
int core = freePort()
int api = freePort()
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('CORE_PORT', "${core}").replace('API_PORT', "${api}")
new File(basedir, 'ports.properties').text = "core=${core}\napi=${api}\n"
true
