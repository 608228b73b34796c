evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
copyExample('jessy-api', basedir)
int api = freePort()
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('API_PORT', "${api}")
new File(basedir, 'ports.properties').text = "api=${api}\n"
true
