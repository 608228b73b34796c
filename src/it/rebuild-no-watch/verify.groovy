def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('is left from one that ended')
assert log.contains('no watch is running, so the services are built here and not restarted')
assert log.contains('[jessy-core] » cleaning: cargo clean')
assert log.contains('[jessy-core] » building: cargo build --bin jessy-core')
assert log.contains('hotreload: jessy-core: OK, build ')
assert !new File(basedir, 'jessy-core/target/debug/stale-marker').exists() : 'cargo clean did not run'
assert new File(basedir, 'jessy-core/target/debug/jessy-core').canExecute()
true
