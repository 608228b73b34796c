package io.github.hotreload.mojo;

import io.github.hotreload.config.ServiceSpec;
import io.github.hotreload.console.Console;
import io.github.hotreload.control.ControlClient;
import io.github.hotreload.control.ControlFile;
import io.github.hotreload.logs.LogFilter;
import io.github.hotreload.logs.LogLine;
import io.github.hotreload.logs.LogPrinter;
import io.github.hotreload.logs.LogReader;
import io.github.hotreload.maven.ReactorAdapter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the services' logs (all, or {@code -Dhotreload.services}) with the watch's prefixes and
 * colours: the last lines, merged across services in time order, and with {@code follow} each new
 * line live from the running watch until it ends or Ctrl-C. Without a running watch, from the
 * files the last one left in {@code target/hotreload/logs}.
 */
@Mojo(name = "logs", aggregator = true, threadSafe = true, requiresProject = true)
public class LogsMojo extends AbstractControlMojo {

    /** How many of the last lines to print first; 0 or less for all of them (from the files). */
    @Parameter(property = "hotreload.tail", defaultValue = "200")
    protected int tail;

    /** Then print the running watch's new lines as they come, until it ends. */
    @Parameter(property = "hotreload.follow", defaultValue = "false")
    protected boolean follow;

    /** Only lines with a match of this Java regular expression, matched without colour codes. */
    @Parameter(property = "hotreload.grep")
    protected String grep;

    /** Only these streams, comma-separated: build, run, event (the plugin's own lines). All when empty. */
    @Parameter(property = "hotreload.stream")
    protected String stream;

    public LogsMojo() {
        this(null);
    }

    @Inject
    public LogsMojo(ReactorAdapter adapter) {
        super(adapter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        Set<LogLine.Source> streams = streams();
        Pattern pattern = pattern();
        List<String> wanted = selected();
        List<String> order = order();
        List<String> shown = wanted.isEmpty() ? order : wanted;
        int width = shown.stream().mapToInt(String::length).max().orElse(0);
        Console console = new Console(System.out, colorWanted(), width);
        LogPrinter printer = new LogPrinter(console, order);
        Optional<ControlFile> watch = runningWatch();
        if (follow && watch.isPresent()) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("services", String.join(",", wanted));
            query.put("stream", stream == null ? "" : stream);
            query.put("grep", grep);
            try {
                boolean answered = new ControlClient(watch.get()).logs(query, tail <= 0 ? -1 : tail, true, printer::print,
                        missed -> console.plain(missed + " line(s) were dropped: this terminal read too slowly"));
                if (answered) {
                    console.plain("the watch ended; nothing more to follow");
                    return;
                }
            } catch (ControlClient.RefusedException e) {
                throw refused("logs", e);
            } catch (IOException e) {
                console.plain("the watch went away (" + e.getMessage() + "); nothing more to follow");
                return;
            }
        }
        if (watch.isEmpty()) {
            getLog().info("hotreload: no hotreload:watch is running for this project; the logs the last one left in "
                    + logDirectory + ":");
        }
        List<LogLine> lines;
        try {
            lines = LogReader.read(logDirectory.toPath(), LogFilter.of(wanted, streams, pattern), tail);
        } catch (IOException e) {
            throw new MojoExecutionException("hotreload:logs: cannot read the logs in " + logDirectory + ": "
                    + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            getLog().info("hotreload: no log lines" + (wanted.isEmpty() ? "" : " of " + String.join(", ", wanted))
                    + " in " + logDirectory + (pattern != null || !streams.isEmpty() ? " that pass the filters" : "")
                    + (java.nio.file.Files.isDirectory(logDirectory.toPath()) ? "" : " (hotreload:watch writes them)"));
        }
        lines.forEach(printer::print);
        if (follow) {
            console.plain("no hotreload:watch is running for this project; nothing more to follow");
        }
    }

    private Set<LogLine.Source> streams() throws MojoFailureException {
        Set<LogLine.Source> streams = EnumSet.noneOf(LogLine.Source.class);
        if (stream == null || stream.isBlank()) {
            return streams;
        }
        for (String s : stream.split(",")) {
            if (s.isBlank()) {
                continue;
            }
            try {
                streams.add(LogLine.Source.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException("<stream> (-Dhotreload.stream) names '" + s.trim()
                        + "', which is not a stream. Fix: use build, run or event, comma-separated.");
            }
        }
        return streams;
    }

    private Pattern pattern() throws MojoFailureException {
        if (grep == null || grep.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(grep);
        } catch (PatternSyntaxException e) {
            throw new MojoFailureException("<grep> (-Dhotreload.grep) '" + grep + "' is not a regular expression: "
                    + e.getDescription() + ". Fix: write a Java regular expression, such as error or (?i)warn.");
        }
    }

    /** The services in configuration order, which gives each the colour it has in the watch. */
    private List<String> order() throws MojoFailureException, MojoExecutionException {
        String selection = selectedServices;
        selectedServices = null; // all of them, for the colours; the selection is checked below
        List<String> all = new ArrayList<>();
        try {
            for (ServiceSpec spec : resolveServices()) {
                all.add(spec.name());
            }
        } catch (MojoFailureException e) {
            // a configuration that no longer resolves: its logs are still worth reading
            getLog().warn("hotreload: the configuration has problems (" + e.getMessage().lines().findFirst().orElse("")
                    + "); showing the logs anyway");
        } finally {
            selectedServices = selection;
        }
        List<String> unknown = selected().stream().filter(n -> !all.isEmpty() && !all.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new MojoFailureException("-Dhotreload.services names " + String.join(", ", unknown)
                    + ", which " + (unknown.size() == 1 ? "is not a service" : "are not services")
                    + " of this build. Fix: use names from the <services> of its POMs: " + String.join(", ", all) + ".");
        }
        return all;
    }
}
