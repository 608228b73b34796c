package io.github.hotreload.config;

/**
 * A {@code <probe>} as written in the POM: how {@code hotreload:verify-reload} changes one of the
 * service's files to prove that a change reloads it.
 */
public class ProbeDefinition {

    /** The file to change, relative to the service directory. */
    private String file;
    /** Text appended as a new line; {@code {token}} becomes a unique token. */
    private String append;
    /** Text to replace in the file (instead of appending). */
    private String replace;
    /** What replaces it; {@code {token}} becomes a unique token. */
    private String with;
    /** URL whose response must contain {@code expectText} after the reload. */
    private String expectUrl;
    /** Text the response must contain; {@code {token}} becomes the token. */
    private String expectText;

    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = file;
    }

    public String getAppend() {
        return append;
    }

    public void setAppend(String append) {
        this.append = append;
    }

    public String getReplace() {
        return replace;
    }

    public void setReplace(String replace) {
        this.replace = replace;
    }

    public String getWith() {
        return with;
    }

    public void setWith(String with) {
        this.with = with;
    }

    public String getExpectUrl() {
        return expectUrl;
    }

    public void setExpectUrl(String expectUrl) {
        this.expectUrl = expectUrl;
    }

    public String getExpectText() {
        return expectText;
    }

    public void setExpectText(String expectText) {
        this.expectText = expectText;
    }
}
