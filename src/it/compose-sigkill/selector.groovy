evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
containerTestsRun()
