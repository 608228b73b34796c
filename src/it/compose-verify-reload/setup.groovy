evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
def ports = setUpContainers(basedir)
// the Go service on the project's network, its port published
replaceIn(new File(basedir, 'docker-compose.yml'), """  api:
    build: ./jessy-api
    network_mode: host
    environment:
      HOST: 127.0.0.1""", """  api:
    build: ./jessy-api
    ports:
      - "${ports.api}:${ports.api}"
    environment:
      HOST: 0.0.0.0""")
true
