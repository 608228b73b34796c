evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
signalScenario(basedir, 'INT')
true
