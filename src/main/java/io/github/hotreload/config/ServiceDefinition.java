package io.github.hotreload.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code <service>} as the user wrote it in the POM. Every value is kept as written (text) so
 * that a wrong value can be reported with the service and the element it came from; {@link
 * ServiceSpecResolver} merges it with its preset and checks it.
 */
public class ServiceDefinition {

    /** Unique name; prefixes every line of output. */
    private String name;
    /** Directory of the service, relative to the project's base directory. */
    private String directory;
    /** {@code cargo}, {@code go}, {@code java} or {@code exec} (default). */
    private String preset;
    /** Globs of files that trigger a reload; replaces the preset's. */
    private List<String> includes;
    /** Globs of files and directories never watched; replaces the preset's. */
    private List<String> excludes;
    /** File extensions that trigger a reload, without the dot; replaces the preset's. */
    private List<String> extensions;
    /** Build command, run in the service directory by {@code sh -c}; empty for none. */
    private String build;
    /** Run command, run in the service directory by {@code sh -c}. */
    private String run;
    /** Command that removes build output, used by {@code rebuild -Dhotreload.clean}. */
    private String clean;
    /** Environment variables for build and run, added to the plugin's own. */
    private Map<String, String> environment;
    /** Quiet period after the last change before a rebuild, e.g. {@code 300ms}. */
    private String delay;
    /** Longest time changes may keep postponing a rebuild, e.g. {@code 10s}. */
    private String maxDelay;
    /** Time the old process gets to exit after SIGTERM before SIGKILL, e.g. {@code 5s}. */
    private String stopTimeout;
    /** HTTP URL that answers with a 2xx or 3xx status when the service is ready. */
    private String readyUrl;
    /** TCP port on 127.0.0.1 that accepts connections when the service is ready. */
    private String readyPort;
    /** Regular expression matched against each output line; a match means ready. */
    private String readyLog;
    /** How long a started service may take to become ready, e.g. {@code 30s}. */
    private String readyTimeout;
    /** How {@code hotreload:verify-reload} changes a file of this service. */
    private ProbeDefinition probe;
    /** {@code on-failure} (default), {@code always} or {@code never}: restart after the process exits. */
    private String restart;
    /** {@code true} (default) or {@code false}: whether {@code .gitignore}, {@code .ignore} and git's excludes count. */
    private String gitignore;
    /** Poll the tree at this interval instead of using the system's file events, e.g. {@code 1s}. */
    private String poll;
    /** java preset: the class whose {@code main} starts the service; found when left out. */
    private String mainClass;
    /** java preset: options for the service's JVM, such as {@code -Xmx256m} or {@code -Dkey=value}. */
    private List<String> jvmArgs;
    /** java preset: arguments passed to {@code main}. */
    private List<String> args;
    /** java preset: the JDK or JRE to run the service with; the one Maven runs on when left out. */
    private String javaHome;
    /** Services that must be ready before this one starts, a comma-separated list of names. */
    private String dependsOn;
    /** Build command of {@code hotreload:run}, the production-like run; the preset's release build when left out. */
    private String releaseBuild;
    /** Run command of {@code hotreload:run}; the preset's release run command when left out. */
    private String releaseRun;
    /** The compose service this service runs as, in a container; the compose files are found as compose finds them. */
    private String compose;
    /** The compose files, comma-separated, relative to the service directory; found as compose does when left out. */
    private String composeFile;
    /** What a host build puts into the container, {@code HOST_PATH:CONTAINER_PATH} pairs, comma-separated. */
    private String copy;
    /** Globs of files whose changes rebuild the image and recreate the container, comma-separated. */
    private String rebuildOn;

    public ServiceDefinition() {}

    public ServiceDefinition(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public String getPreset() {
        return preset;
    }

    public void setPreset(String preset) {
        this.preset = preset;
    }

    public List<String> getIncludes() {
        return includes;
    }

    public void setIncludes(List<String> includes) {
        this.includes = includes == null ? null : new ArrayList<>(includes);
    }

    public List<String> getExcludes() {
        return excludes;
    }

    public void setExcludes(List<String> excludes) {
        this.excludes = excludes == null ? null : new ArrayList<>(excludes);
    }

    public List<String> getExtensions() {
        return extensions;
    }

    public void setExtensions(List<String> extensions) {
        this.extensions = extensions == null ? null : new ArrayList<>(extensions);
    }

    public String getBuild() {
        return build;
    }

    public void setBuild(String build) {
        this.build = build;
    }

    public String getRun() {
        return run;
    }

    public void setRun(String run) {
        this.run = run;
    }

    public String getClean() {
        return clean;
    }

    public void setClean(String clean) {
        this.clean = clean;
    }

    public Map<String, String> getEnvironment() {
        return environment;
    }

    public void setEnvironment(Map<String, String> environment) {
        this.environment = environment == null ? null : new LinkedHashMap<>(environment);
    }

    public String getDelay() {
        return delay;
    }

    public void setDelay(String delay) {
        this.delay = delay;
    }

    public String getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(String maxDelay) {
        this.maxDelay = maxDelay;
    }

    public String getStopTimeout() {
        return stopTimeout;
    }

    public void setStopTimeout(String stopTimeout) {
        this.stopTimeout = stopTimeout;
    }

    public String getReadyUrl() {
        return readyUrl;
    }

    public void setReadyUrl(String readyUrl) {
        this.readyUrl = readyUrl;
    }

    public String getReadyPort() {
        return readyPort;
    }

    public void setReadyPort(String readyPort) {
        this.readyPort = readyPort;
    }

    public String getReadyLog() {
        return readyLog;
    }

    public void setReadyLog(String readyLog) {
        this.readyLog = readyLog;
    }

    public String getReadyTimeout() {
        return readyTimeout;
    }

    public void setReadyTimeout(String readyTimeout) {
        this.readyTimeout = readyTimeout;
    }

    public String getPoll() {
        return poll;
    }

    public void setPoll(String poll) {
        this.poll = poll;
    }

    public String getGitignore() {
        return gitignore;
    }

    public void setGitignore(String gitignore) {
        this.gitignore = gitignore;
    }

    public String getRestart() {
        return restart;
    }

    public void setRestart(String restart) {
        this.restart = restart;
    }

    public String getMainClass() {
        return mainClass;
    }

    public void setMainClass(String mainClass) {
        this.mainClass = mainClass;
    }

    public List<String> getJvmArgs() {
        return jvmArgs;
    }

    public void setJvmArgs(List<String> jvmArgs) {
        this.jvmArgs = jvmArgs == null ? null : new ArrayList<>(jvmArgs);
    }

    public List<String> getArgs() {
        return args;
    }

    public void setArgs(List<String> args) {
        this.args = args == null ? null : new ArrayList<>(args);
    }

    public String getJavaHome() {
        return javaHome;
    }

    public void setJavaHome(String javaHome) {
        this.javaHome = javaHome;
    }

    public ProbeDefinition getProbe() {
        return probe;
    }

    public void setProbe(ProbeDefinition probe) {
        this.probe = probe;
    }

    public String getDependsOn() {
        return dependsOn;
    }

    public void setDependsOn(String dependsOn) {
        this.dependsOn = dependsOn;
    }

    public String getReleaseBuild() {
        return releaseBuild;
    }

    public void setReleaseBuild(String releaseBuild) {
        this.releaseBuild = releaseBuild;
    }

    public String getReleaseRun() {
        return releaseRun;
    }

    public void setReleaseRun(String releaseRun) {
        this.releaseRun = releaseRun;
    }

    public String getCompose() {
        return compose;
    }

    public void setCompose(String compose) {
        this.compose = compose;
    }

    public String getComposeFile() {
        return composeFile;
    }

    public void setComposeFile(String composeFile) {
        this.composeFile = composeFile;
    }

    public String getCopy() {
        return copy;
    }

    public void setCopy(String copy) {
        this.copy = copy;
    }

    public String getRebuildOn() {
        return rebuildOn;
    }

    public void setRebuildOn(String rebuildOn) {
        this.rebuildOn = rebuildOn;
    }
}
