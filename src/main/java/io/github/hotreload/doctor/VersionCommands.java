package io.github.hotreload.doctor;

import io.github.hotreload.config.DurationParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the commands that print a tool's version ({@code cargo --version}), each at most once and
 * all at the same time, each for at most the timeout: a tool that hangs is stopped and reported,
 * never waited for.
 */
final class VersionCommands {

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+(?:\\.\\d+)?");

    /** How one command went. */
    record Outcome(String version, String failure) {
        boolean ok() {
            return failure == null;
        }
    }

    private final Duration timeout;
    private final Map<List<String>, Running> started = new ConcurrentHashMap<>();

    VersionCommands(Duration timeout) {
        this.timeout = timeout;
    }

    /** Starts {@code program args} with the environment, unless the same command runs already. */
    void start(Path program, List<String> args, Map<String, String> environment) {
        List<String> argv = argv(program, args);
        started.computeIfAbsent(argv, a -> new Running(a, environment));
    }

    /** The outcome of a command {@link #start}ed earlier, waiting for it until its timeout. */
    Outcome await(Path program, List<String> args) {
        return started.get(argv(program, args)).await();
    }

    private static List<String> argv(Path program, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(program.toString());
        argv.addAll(args);
        return List.copyOf(argv);
    }

    /** One command, started at once, read on a thread of its own. */
    private final class Running {
        private final List<String> argv;
        private final long deadline;
        private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        private volatile Process process;

        Running(List<String> argv, Map<String, String> environment) {
            this.argv = argv;
            this.deadline = System.nanoTime() + timeout.toNanos();
            Thread t = new Thread(() -> outcome.complete(run(environment)), "hotreload-doctor-" + Path.of(argv.get(0)).getFileName());
            t.setDaemon(true);
            t.start();
        }

        private Outcome run(Map<String, String> environment) {
            try {
                ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                pb.environment().clear();
                pb.environment().putAll(environment);
                process = pb.start();
                String output = new String(process.getInputStream().readNBytes(16_384), StandardCharsets.UTF_8).strip();
                int exit = process.waitFor();
                String first = output.isEmpty() ? "" : output.lines().findFirst().orElse("");
                Matcher m = VERSION.matcher(first);
                if (exit != 0) {
                    return new Outcome(null, "'" + command() + "' failed with exit code " + exit
                            + (first.isEmpty() ? "" : ": " + first));
                }
                if (!m.find()) {
                    return new Outcome(null, "'" + command() + "' printed no version"
                            + (first.isEmpty() ? "" : ": " + first));
                }
                return new Outcome(m.group(), null);
            } catch (IOException e) {
                return new Outcome(null, "'" + command() + "' could not be started: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(null, "'" + command() + "' was interrupted");
            }
        }

        Outcome await() {
            try {
                return outcome.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // the outcome for every caller: the command is stopped, and whatever it says then is not its answer
                outcome.complete(new Outcome(null, "'" + command() + "' did not answer within "
                        + DurationParser.format(timeout)));
                Process p = process;
                if (p != null) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
                return outcome.join();
            } catch (ExecutionException e) {
                return new Outcome(null, "'" + command() + "' failed: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(null, "'" + command() + "' was interrupted");
            }
        }

        private String command() {
            List<String> words = new ArrayList<>(argv);
            words.set(0, Path.of(argv.get(0)).getFileName().toString());
            return String.join(" ", words);
        }
    }
}
