evaluate(new File(repositoryRoot, 'src/it/support.groovy'))
new File(basedir, 'worker').mkdirs()
startWatchWithJessyApi(basedir) { String log -> log.contains('[worker   ] » ready in') }
true
