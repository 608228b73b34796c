def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Invalid hotreload configuration (2 problems):')
assert log.contains("service 'api', <preset>: 'golang' is not a preset. Fix: use one of cargo, go, java, exec.")
assert log.contains("service 'web', <readyUrl>: 'localhost:8080' is not a valid HTTP URL")
assert !log.contains('» building')
true
