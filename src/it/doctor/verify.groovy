evaluate(new File(repositoryRoot, 'src/it/support.groovy'))

long holder = new File(basedir, 'holder.pid').text as long
int port = new File(basedir, 'ports.properties').text.find(/web=(\d+)/) { m, p -> p } as int
try {
    def log = new File(basedir, 'build.log').getText('UTF-8')
    assert log.contains('[hotreload] doctor')
    assert log.contains('  ok       configuration: 2 services (jessy-api go, web exec)')
    // the missing toolchain, with the PATH the service sees and how to install it
    assert log.contains('  problem  jessy-api: go is not on the PATH\n'
            + '           fix: Install Go from https://go.dev/dl')
    assert log.contains("the PATH it sees (set by the service's <environment>) is: /nonexistent/bin")
    // the held port, with the holder's pid and command line and what to do
    assert log =~ /  problem  web: port ${port} \(readyPort\) is held by pid ${holder}: \S*python3?\S* -m http.server ${port} --bind 127.0.0.1\n/
    assert log.contains("           fix: stop that process (kill ${holder}), or change <readyPort> of web, and the port the service listens on, to a free port.")
    assert log =~ /  ok       inotify: 1 directory to watch, limit \d+; not counted: jessy-api, whose configuration has problems/
    assert log.contains('  note     no watch is running for this project')
    // -Dhotreload.path, for each service
    assert log =~ /  note     web: \S+\/web\/page.html counts: every file counts: neither <includes> nor <extensions> are set/
    assert log =~ /  note     jessy-api: cannot tell whether \S+\/web\/page.html counts: its configuration has problems/
    assert log.contains('  2 problems found')
    assert log.contains('hotreload:doctor: 2 problems found; the checklist above has a fix under each.')
    assert log.contains('BUILD FAILURE')
} finally {
    signal(holder, 'TERM')
    waitUntil('the holder exits', 30) { !new File("/proc/${holder}").exists() }
}
assert !listening(port)
true
