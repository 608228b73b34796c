package io.github.hotreload.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Copies a process's output to an {@link OutputSink} line by line on its own thread, keeps the
 * last lines for error reports, and notices the first line that matches a readiness pattern.
 */
final class OutputPump implements Runnable {

    static final int TAIL_LINES = 40;
    private static final int MAX_LINE = 16 * 1024;

    private final InputStream in;
    private final OutputSink sink;
    private final Pattern readyPattern;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<String> readyLine = new CompletableFuture<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** Completes when a JVM started with {@link ExitAgent} says its shutdown hooks are done. */
    private final CompletableFuture<Void> exitHooksDone = new CompletableFuture<>();

    OutputPump(InputStream in, OutputSink sink, Pattern readyPattern) {
        this.in = in;
        this.sink = sink;
        this.readyPattern = readyPattern;
    }

    void start(String threadName) {
        Thread t = new Thread(this, threadName);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        byte[] buffer = new byte[8192];
        boolean lastWasCr = false;
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        if (!lastWasCr) {
                            emit(line);
                        }
                        lastWasCr = false;
                    } else if (b == '\r') {
                        emit(line);
                        lastWasCr = true;
                    } else {
                        lastWasCr = false;
                        if (line.size() < MAX_LINE) {
                            line.write(b);
                        } else if (line.size() == MAX_LINE) {
                            emit(line); // an endless line: show it in pieces
                            line.write(b);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the stream was closed: the process is gone
        } finally {
            if (line.size() > 0) {
                emit(line);
            }
            done.complete(null);
        }
    }

    private void emit(ByteArrayOutputStream bytes) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        bytes.reset();
        if (text.equals(ExitAgent.MARKER)) {
            exitHooksDone.complete(null); // for the supervisor, not for people
            return;
        }
        synchronized (tail) {
            tail.addLast(text);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
        try {
            sink.line(text);
        } catch (RuntimeException e) {
            // a failing console must not stop the pump, or the child would block on a full pipe
        }
        // after the line is out: whoever waits for readiness reports it after the line that made it
        if (readyPattern != null && !readyLine.isDone() && readyPattern.matcher(Ansi.strip(text)).find()) {
            readyLine.complete(text);
        }
    }

    /** The last lines the process printed, oldest first. */
    List<String> tail() {
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }

    /** Completes with the first line that matched the readiness pattern. */
    CompletableFuture<String> readyLine() {
        return readyLine;
    }

    /** Whether the process said (through {@link ExitAgent}) that its shutdown hooks are done. */
    boolean exitHooksDone() {
        return exitHooksDone.isDone();
    }

    /** Completes when the output has ended: every process holding the pipe has closed it. */
    CompletableFuture<Void> done() {
        return done;
    }
}
