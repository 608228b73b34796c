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
            "echo watching; exec 1>/dev/null",
            "# the JVM writes 'bye' when it stopped everything itself; end of input without it means it died",
            "# 'run COMMAND' lines: what to run too, after the processes are stopped (containers)",
            "todo=",
            "while IFS= read -r word; do",
            "  case \"$word\" in",
            "    bye) exit 0 ;;",
            "    run\\ *) todo=\"$todo${word#run }",
            "\" ;;",
            "  esac",
            "done",
            "finish() { printf '%s' \"$todo\" | while IFS= read -r c; do [ -n \"$c\" ] && /bin/sh -c \"$c\"; done; exit 0; }",
            "tree() {",
            "  for f in /proc/[0-9]*/environ; do",
            "    if grep -qz \"^" + ProcessSupervisor.TAG_VARIABLE + "=$prefix/\" \"$f\" 2>/dev/null; then",
            "      p=${f#/proc/}; echo \"${p%/environ}\"",
            "    fi",
            "  done",
            "}",
            "pids=$(tree)",
            "[ -n \"$pids\" ] || finish",
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
            "finish",
            "");

    private final Process process;
    private final OutputStream lifeline;

    private Watchdog(Process process) {
        this.process = process;
        this.lifeline = process.getOutputStream();
    }

    /**
     * Starts a watchdog for the processes tagged {@code prefix/...}.
     *
     * @param shell the shell that runs the script, {@code /bin/sh}
     * @throws UnsupportedOperationException where it cannot work (no {@code /proc})
     * @throws IOException when it cannot be started
     */
    static Watchdog start(String prefix, Duration grace, boolean setsid, List<String> shell) throws IOException {
        if (!ProcessTable.available()) {
            throw new UnsupportedOperationException("this system has no /proc, where the watchdog finds the processes");
        }
        List<String> argv = new ArrayList<>();
        if (setsid) {
            argv.add("setsid"); // out of the terminal's process group: Ctrl-C must not stop it first
        }
        argv.addAll(shell);
        argv.addAll(List.of("-c", SCRIPT, "hotreload-watchdog", prefix,
                Long.toString(Math.max(1, grace.toMillis() / 100))));
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(new java.io.File("/"))
                .redirectError(Redirect.DISCARD);
        pb.environment().remove(ProcessSupervisor.TAG_VARIABLE);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IOException("the watchdog process could not be started (" + String.join(" ", shell) + "): "
                    + e.getMessage(), e);
        }
        // it says 'watching' once it runs: a shell that cannot start (even behind setsid) is seen now
        String first = handshake(process);
        if (!"watching".equals(first)) {
            process.destroyForcibly();
            throw new IOException("the watchdog process (" + String.join(" ", shell) + ") "
                    + (first == null ? "ended at once" : "did not start in time"));
        }
        return new Watchdog(process);
    }

    private static String handshake(Process process) {
        java.util.concurrent.CompletableFuture<String> line = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII))) {
                return in.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            return line.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    long pid() {
        return process.pid();
    }

    /** Has the watchdog run {@code command} when the JVM dies (one line, no newline in it). */
    void onDeath(String command) {
        if (command.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a watchdog command is one line");
        }
        try {
            lifeline.write(("run " + command + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            lifeline.flush();
        } catch (IOException e) {
            // it is gone: the next session removes what this one leaves
        }
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
