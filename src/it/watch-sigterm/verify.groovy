evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
verifyNothingLeft(basedir)
// the last line is said even though the JVM is shutting down
assert new File(basedir, 'build.log').text.contains('stopped after 0 reload(s); no process is left running')
true
