package io.github.hotreload.doctor;

import io.github.hotreload.control.ControlClient;
import io.github.hotreload.control.ControlFile;
import io.github.hotreload.status.WatchStatus;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Whether a watch runs for the project, from its control file.
 *
 * @param controlFile where a running watch writes its control file
 * @param control the file's content, or null when there is none
 * @param live whether the watch that wrote it still runs and listens
 * @param status what the live watch answered, or null
 * @param error why a live watch gave no status, or null
 */
public record WatchState(Path controlFile, ControlFile control, boolean live, WatchStatus status, String error) {

    /** Reads the control file and, when its watch is live, asks it for its status. */
    public static WatchState of(Path controlFile) {
        ControlFile control = ControlFile.read(controlFile).orElse(null);
        if (control == null) {
            return new WatchState(controlFile, null, false, null, null);
        }
        if (!control.isLive()) {
            return new WatchState(controlFile, control, false, null, null);
        }
        try {
            WatchStatus status = new ControlClient(control).status();
            return new WatchState(controlFile, control, true, status,
                    status == null ? "it stopped listening while asked for its status" : null);
        } catch (IOException | RuntimeException e) {
            return new WatchState(controlFile, control, true, null, String.valueOf(e.getMessage()));
        }
    }

    /** The pid of the live watch's JVM, or -1. */
    public long livePid() {
        return live ? control.pid() : -1;
    }
}
