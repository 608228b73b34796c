package io.github.hotreload.logs;

import io.github.hotreload.console.EventText;
import io.github.hotreload.engine.ReloadEvent;
import io.github.hotreload.engine.ReloadListener;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Writes a session's lines to files, for {@code hotreload:logs} and for people reading them after
 * the session: each service's to {@code dir/<service>.log}, the session's own to
 * {@code dir/../session.log}, appending to what earlier sessions wrote. A file that would pass
 * {@code maxBytes} is rotated first: {@code x.log} becomes {@code x.log.1}, {@code x.log.1}
 * becomes {@code x.log.2} and so on up to {@code keep}; the oldest is deleted.
 *
 * <p>{@link #on} only queues: one daemon thread writes, so that a slow disk never holds up a
 * service's output pipe. When the queue is full, lines are dropped and counted, and once the writer
 * has caught up each file that lost lines gets a line saying how many. {@link #close()} writes what
 * is queued and closes the files.
 */
public final class LogFiles implements ReloadListener, AutoCloseable {

    /** A file is rotated before it passes this size: 10 MiB. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    /** Rotated files kept of each log: {@code x.log.1} to {@code x.log.3}. */
    public static final int DEFAULT_KEEP = 3;
    /** Lines queued for the writer at most; beyond, lines are dropped. */
    public static final int QUEUE_CAPACITY = 20_000;
    /** How long {@link #close()} waits for the writer to write what is queued. */
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** The session's own lines, in the log directory's parent. */
    static final String SESSION_FILE = "session.log";

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]|^\\.");
    /** Tells the writer to stop; never written. */
    private static final LogLine STOP = new LogLine(Instant.EPOCH, null, LogLine.Source.EVENT,
            EventText.Style.STATUS, "stop");
    /** The key of the session in {@link #dropped}, which takes no null. */
    private static final String SESSION_KEY = "\u0000session";

    private final Path dir;
    private final EventText text;
    private final long maxBytes;
    private final int keep;
    private final Runnable beforeWrite;
    private final BlockingQueue<LogLine> queue;
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
    private final AtomicLong droppedTotal = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;
    private volatile IOException failure;

    /**
     * Opens the directory (creating it) and starts the writer; the session's log gets a line that
     * a session started.
     *
     * @param dir where the services' logs go
     * @param text what the session's events say, for the lines of events
     * @param maxBytes the size a file does not pass ({@link #DEFAULT_MAX_BYTES}); a single longer line
     *     gets a file of its own
     * @param keep how many rotated files to keep of each log ({@link #DEFAULT_KEEP}); 0 keeps none
     * @throws IOException when the directory cannot be created
     */
    public LogFiles(Path dir, EventText text, long maxBytes, int keep) throws IOException {
        this(dir, text, maxBytes, keep, QUEUE_CAPACITY, () -> {});
    }

    /** @param beforeWrite runs on the writer before each line it writes: a test's way to make the disk slow */
    LogFiles(Path dir, EventText text, long maxBytes, int keep, int queueCapacity, Runnable beforeWrite)
            throws IOException {
        if (maxBytes <= 0 || keep < 0 || queueCapacity <= 0) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + ", keep " + keep + ", queue " + queueCapacity);
        }
        this.dir = dir.toAbsolutePath().normalize();
        this.text = text;
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.beforeWrite = beforeWrite;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        Files.createDirectories(this.dir);
        Files.createDirectories(sessionFile(this.dir).getParent());
        queue.add(new LogLine(Instant.now(), null, LogLine.Source.EVENT, EventText.Style.STATUS,
                "watch started (pid " + ProcessHandle.current().pid() + ")"));
        writer = new Thread(new Writer(), "hotreload-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** The file of a service's log ({@code service} null: the session's) in a log directory. */
    static Path file(Path dir, String service) {
        return service == null ? sessionFile(dir) : dir.resolve(UNSAFE.matcher(service).replaceAll("_") + ".log");
    }

    static Path sessionFile(Path dir) {
        Path parent = dir.toAbsolutePath().normalize().getParent();
        return (parent == null ? dir : parent).resolve(SESSION_FILE);
    }

    /** Queues the event's lines; never waits for the disk. */
    @Override
    public void on(ReloadEvent event) {
        if (closed) {
            return;
        }
        for (LogLine line : LogLine.of(event, text)) {
            offer(line);
        }
    }

    /** Queues a line; when the queue is full, counts it as dropped. */
    void offer(LogLine line) {
        if (!queue.offer(line)) {
            dropped.computeIfAbsent(line.service() == null ? SESSION_KEY : line.service(), k -> new AtomicLong())
                    .incrementAndGet();
            droppedTotal.incrementAndGet();
        }
    }

    /** How many lines were dropped so far because the writer was behind. */
    public long dropped() {
        return droppedTotal.get();
    }

    /** The first write that failed, if any did; the writer goes on with the next line. */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    private void failed(IOException e) {
        if (failure == null) {
            failure = e;
        }
    }

    /**
     * Writes what is queued and closes the files, waiting at most {@link #CLOSE_WAIT}; lines of
     * events after this are not written.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        try {
            if (queue.offer(STOP, CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The writer thread: takes lines, writes them, flushes and reports drops when it has caught up. */
    private final class Writer implements Runnable {

        private final Map<Path, Open> open = new LinkedHashMap<>();

        @Override
        public void run() {
            try {
                while (true) {
                    LogLine line = queue.take();
                    if (line == STOP) {
                        break;
                    }
                    try {
                        write(line);
                    } catch (RuntimeException e) {
                        failed(new IOException("could not write a log line: " + e, e));
                    }
                    if (queue.isEmpty()) {
                        caughtUp();
                    }
                }
                caughtUp();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                for (Open o : open.values()) {
                    o.close();
                }
                open.clear();
            }
        }

        /** Tells each file that lost lines how many, then flushes, so that a reader sees every line so far. */
        private void caughtUp() {
            for (Map.Entry<String, AtomicLong> e : dropped.entrySet()) {
                long n = e.getValue().getAndSet(0);
                if (n > 0) {
                    String service = SESSION_KEY.equals(e.getKey()) ? null : e.getKey();
                    write(new LogLine(Instant.now(), service, LogLine.Source.EVENT, EventText.Style.WARNING,
                            n + " line(s) dropped: the disk was too slow"));
                }
            }
            for (Open o : open.values()) {
                try {
                    o.out.flush();
                } catch (IOException e) {
                    failed(e);
                }
            }
        }

        private void write(LogLine line) {
            beforeWrite.run();
            Path path = file(dir, line.service());
            byte[] bytes = (line.encode() + '\n').getBytes(StandardCharsets.UTF_8);
            try {
                Open o = open.get(path);
                if (o == null) {
                    o = new Open(path);
                    open.put(path, o);
                }
                if (o.size > 0 && o.size + bytes.length > maxBytes) {
                    open.remove(path).close();
                    rotate(path);
                    o = new Open(path);
                    open.put(path, o);
                }
                o.out.write(bytes);
                o.size += bytes.length;
            } catch (IOException e) {
                failed(e);
                Open broken = open.remove(path);
                if (broken != null) {
                    broken.close();
                }
            }
        }

        /** {@code x.log.(keep-1)} to {@code x.log.keep} ... {@code x.log} to {@code x.log.1}; the oldest goes. */
        private void rotate(Path path) throws IOException {
            String name = path.getFileName().toString();
            if (keep == 0) {
                Files.deleteIfExists(path);
                return;
            }
            Files.deleteIfExists(path.resolveSibling(name + "." + keep));
            for (int k = keep - 1; k >= 1; k--) {
                Path from = path.resolveSibling(name + "." + k);
                if (Files.exists(from)) {
                    Files.move(from, path.resolveSibling(name + "." + (k + 1)), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(path, path.resolveSibling(name + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A log file open for appending, and how big it is. */
    private static final class Open {

        final OutputStream out;
        long size;

        Open(Path path) throws IOException {
            size = Files.exists(path) ? Files.size(path) : 0;
            out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND), 64 * 1024);
        }

        void close() {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing more to do for this file
            }
        }
    }
}
