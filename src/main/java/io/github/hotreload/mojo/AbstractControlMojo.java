package io.github.hotreload.mojo;

import io.github.hotreload.control.ControlClient;
import io.github.hotreload.control.ControlFile;
import io.github.hotreload.maven.ReactorAdapter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;

/** A goal that asks the running {@code hotreload:watch} of this project for something. */
abstract class AbstractControlMojo extends AbstractServicesMojo {

    protected AbstractControlMojo(ReactorAdapter adapter) {
        super(adapter);
    }

    /** The running watch's control file, or empty when no watch runs for this project. */
    protected Optional<ControlFile> runningWatch() {
        return ControlFile.read(controlFile()).filter(ControlFile::isLive);
    }

    /** A client of the running watch; fails with how to start one when none runs. */
    protected ControlClient watchOrFail(String goal) throws MojoFailureException {
        return new ControlClient(runningWatch().orElseThrow(() -> new MojoFailureException("hotreload:" + goal
                + ": no hotreload:watch is running for this project (no live control file at " + controlFile()
                + "). Fix: start one with mvn hotreload:watch in another terminal, from this same directory.")));
    }

    /** The names of -Dhotreload.services, in order; empty for all. */
    protected List<String> selected() {
        if (selectedServices == null || selectedServices.isBlank()) {
            return List.of();
        }
        return Arrays.stream(selectedServices.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** A refusal of the watch as the goal's failure, with what to do about it. */
    protected MojoFailureException refused(String goal, ControlClient.RefusedException e) {
        String m = e.getMessage();
        if (m.contains("unknown services")) {
            return new MojoFailureException("hotreload:" + goal + ": -Dhotreload.services names a service that the "
                    + "running watch does not run (" + m.substring(m.indexOf("unknown services")) + "). Fix: use "
                    + "those names, or restart the watch if you added the service since it started.");
        }
        return new MojoFailureException("hotreload:" + goal + ": " + m + ". Fix: the control file " + controlFile()
                + " does not match the running watch; restart hotreload:watch.");
    }

    protected void report(String goal, List<ControlClient.Result> results) throws MojoFailureException {
        List<String> failed = new ArrayList<>();
        for (ControlClient.Result r : results) {
            if (r.ok()) {
                getLog().info("hotreload: " + r.service() + ": OK, " + r.detail());
            } else {
                getLog().error("hotreload: " + r.service() + ": FAILED, " + r.detail());
                failed.add(r.service() + " (" + r.detail() + ")");
            }
        }
        if (!failed.isEmpty()) {
            throw new MojoFailureException("hotreload:" + goal + " failed for " + String.join(", ", failed)
                    + ". The build output above shows why.");
        }
    }
}
