package io.github.hotreload.process;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tiny shell process that stops every process of a session when the plugin's JVM is gone,
 * however it ended, including SIGKILL, when no shutdown hook runs.
 *
 * <p>The watchdog blocks reading a pipe whose only writer is the JVM. The kernel closes the pipe
 * when the JVM exits, the read returns, and the watchdog sends SIGTERM, then SIGKILL, to every
 * process whose environment carries the session's tag. While the JVM lives it costs no CPU. When
 * the plugin has stopped everything itself, it writes {@code bye} and the watchdog exits at once.
 */
final class Watchdog implements AutoCloseable {

    private static final String SCRIPT = String.join("\n",
            "trap '' INT HUP",
            "prefix=\"$1\"; grace=\"$2\"",
            "cd /",
            "# the JVM writes 'bye' when it stopped everything itself; end of input without it means it died",
            "while read -r word; do [ \"$word\" = bye ] && exit 0; done",
            "tree() {",
            "  for f in /proc/[0-9]*/environ; do",
            "    if grep -qz \"^" + ProcessSupervisor.TAG_VARIABLE + "=$prefix/\" \"$f\" 2>/dev/null; then",
            "      p=${f#/proc/}; echo \"${p%/environ}\"",
            "    fi",
            "  done",
            "}",
            "pids=$(tree)",
            "[ -n \"$pids\" ] || exit 0",
            "kill -TERM $pids 2>/dev/null",
            "i=0",
            "while [ \"$i\" -lt \"$grace\" ]; do",
            "  alive=",
            "  for p in $pids; do kill -0 \"$p\" 2>/dev/null && alive=\"$alive $p\"; done",
            "  [ -n \"$alive\" ] || break",
            "  sleep 0.1",
            "  i=$((i+1))",
            "done",
            "pids=$(tree)",
            "[ -n \"$pids\" ] && kill -KILL $pids 2>/dev/null",
            "exit 0",
            "");

    private final Process process;
    private final OutputStream lifeline;

    private Watchdog(Process process) {
        this.process = process;
        this.lifeline = process.getOutputStream();
    }

    /**
     * Starts a watchdog for the processes tagged {@code prefix/...}, or returns null where it
     * cannot work (no {@code /proc}).
     */
    static Watchdog start(String prefix, Duration grace, boolean setsid) {
        if (!ProcessTable.available()) {
            return null;
        }
        List<String> argv = new ArrayList<>();
        if (setsid) {
            argv.add("setsid"); // out of the terminal's process group: Ctrl-C must not stop it first
        }
        argv.addAll(List.of("/bin/sh", "-c", SCRIPT, "hotreload-watchdog", prefix,
                Long.toString(Math.max(1, grace.toMillis() / 100))));
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(new java.io.File("/"))
                .redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.DISCARD);
        pb.environment().remove(ProcessSupervisor.TAG_VARIABLE);
        try {
            return new Watchdog(pb.start());
        } catch (IOException e) {
            return null;
        }
    }

    long pid() {
        return process.pid();
    }

    /** Tells the watchdog that everything is stopped, and waits for it to exit. */
    @Override
    public void close() {
        try {
            lifeline.write("bye\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            lifeline.flush();
        } catch (IOException e) {
            // it is gone already
        }
        try {
            lifeline.close();
        } catch (IOException e) {
            // already closed
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
