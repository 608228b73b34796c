evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
assert !new File(basedir, 'build.log').text.contains('stopping every service') : 'no shutdown hook can run after SIGKILL'
verifyNothingLeft(basedir)
