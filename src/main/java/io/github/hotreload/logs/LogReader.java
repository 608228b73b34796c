package io.github.hotreload.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@link LogFiles} wrote, for {@code hotreload:logs}: each chosen service's rotated
 * files oldest first, then its current file; keeps the lines a filter accepts and merges the
 * services by time, each service's lines staying in the order they were written. Lines that are
 * not log lines (a damaged file) are skipped.
 */
public final class LogReader {

    private static final Pattern LOG_FILE = Pattern.compile("(.+)\\.log(?:\\.(\\d+))?");

    private LogReader() {}

    /**
     * @param dir the services' log directory; the session's log is in its parent
     * @param services the services to read; empty for all of them and the session's log
     * @param sources the sources to keep; empty for all
     * @param grep found in a line's {@link LogLine#plainText()}; null for any line
     * @param tail how many of the last lines to return; 0 or less for all
     * @return the lines by time; empty when the directory does not exist (whatever the session's log holds)
     * @throws IOException when a file exists but cannot be read
     */
    public static List<LogLine> read(Path dir, Collection<String> services, Set<LogLine.Source> sources,
            Pattern grep, int tail) throws IOException {
        return read(dir, LogFilter.of(services, sources, grep), tail);
    }

    /** The lines of {@code dir} that {@code filter} accepts, by time: see {@link #read(Path, Collection, Set, Pattern, int)}. */
    public static List<LogLine> read(Path dir, LogFilter filter, int tail) throws IOException {
        List<Deque<LogLine>> perService = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        if (filter.services().isEmpty()) {
            perService.add(readLog(LogFiles.sessionFile(dir), null, filter, tail));
        }
        for (String service : filter.services().isEmpty() ? servicesIn(dir) : new TreeSet<>(filter.services())) {
            perService.add(readLog(LogFiles.file(dir, service), service, filter, tail));
        }
        List<LogLine> merged = merge(perService);
        return tail > 0 && merged.size() > tail ? List.copyOf(merged.subList(merged.size() - tail, merged.size()))
                : merged;
    }

    /** The services that have a log in {@code dir}, by name. */
    static Set<String> servicesIn(Path dir) throws IOException {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Matcher m = LOG_FILE.matcher(file.getFileName().toString());
                if (m.matches() && Files.isRegularFile(file)) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /**
     * One log's accepted lines, oldest first: {@code x.log.K} ... {@code x.log.1}, {@code x.log}.
     * With a tail, only the last {@code tail} are kept: no more of one service can be among the
     * last lines of all.
     */
    private static Deque<LogLine> readLog(Path current, String service, LogFilter filter, int tail)
            throws IOException {
        Deque<LogLine> lines = new ArrayDeque<>();
        if (!filter.acceptsService(service)) {
            return lines;
        }
        for (Path file : rotations(current)) {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
                String raw;
                while ((raw = in.readLine()) != null) {
                    LogLine line = LogLine.decode(service, raw);
                    if (line == null || !filter.accepts(line)) {
                        continue;
                    }
                    if (tail > 0 && lines.size() == tail) {
                        lines.removeFirst();
                    }
                    lines.addLast(line);
                }
            } catch (NoSuchFileException rotatedAway) {
                // a running session rotated it while we listed: its lines are in the next file
            }
        }
        return lines;
    }

    /** The files of one log, oldest first. */
    private static List<Path> rotations(Path current) throws IOException {
        Path dir = current.getParent();
        String name = current.getFileName().toString();
        List<Integer> numbers = new ArrayList<>();
        if (dir != null && Files.isDirectory(dir)) {
            Pattern rotated = Pattern.compile(Pattern.quote(name) + "\\.(\\d{1,9})");
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, name + ".*")) {
                for (Path file : files) {
                    Matcher m = rotated.matcher(file.getFileName().toString());
                    if (m.matches()) {
                        numbers.add(Integer.parseInt(m.group(1)));
                    }
                }
            }
        }
        numbers.sort(Comparator.reverseOrder());
        List<Path> files = new ArrayList<>();
        for (int k : numbers) {
            files.add(current.resolveSibling(name + "." + k));
        }
        if (Files.exists(current)) {
            files.add(current);
        }
        return files;
    }

    /** Merges by time; on equal times, and always within one log, the order they came in is kept. */
    private static List<LogLine> merge(List<Deque<LogLine>> logs) {
        record Head(LogLine line, int log) {}
        PriorityQueue<Head> heads = new PriorityQueue<>(
                Comparator.comparing((Head h) -> h.line().time()).thenComparingInt(Head::log));
        int total = 0;
        for (int i = 0; i < logs.size(); i++) {
            total += logs.get(i).size();
            if (!logs.get(i).isEmpty()) {
                heads.add(new Head(logs.get(i).removeFirst(), i));
            }
        }
        List<LogLine> merged = new ArrayList<>(total);
        while (!heads.isEmpty()) {
            Head head = heads.poll();
            merged.add(head.line());
            Deque<LogLine> rest = logs.get(head.log());
            if (!rest.isEmpty()) {
                heads.add(new Head(rest.removeFirst(), head.log()));
            }
        }
        return merged;
    }
}
