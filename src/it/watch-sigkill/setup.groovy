evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
signalScenario(basedir, 'KILL')
true
