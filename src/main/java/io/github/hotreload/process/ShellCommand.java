package io.github.hotreload.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.exec.CommandLine;

/**
 * A command as the user writes it in the POM, run by {@code /bin/sh -c} like air, cargo-watch and
 * watchexec do, so that quoting, variables, {@code &&} and pipes behave as in a terminal.
 *
 * <p>A simple command (no list, pipe or subshell) is prefixed with {@code exec} so that the shell
 * replaces itself with the program: no {@code sh} wrapper is left between the supervisor and the
 * service, and signals reach the program directly.
 */
public final class ShellCommand {

    /** Characters that make a command more than one simple command. */
    private static final Pattern COMPOUND = Pattern.compile("[;&|()`\\n]|\\$\\(");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    /** Words that run a later word as the program, with the options of theirs that take an argument. */
    private static final java.util.Map<String, Set<String>> PREFIX_WORDS = java.util.Map.ofEntries(
            java.util.Map.entry("exec", Set.of("-a")),
            java.util.Map.entry("command", Set.of()),
            java.util.Map.entry("nohup", Set.of()),
            java.util.Map.entry("time", Set.of("-f", "-o")),
            java.util.Map.entry("env", Set.of("-u", "-C", "--unset", "--chdir")),
            java.util.Map.entry("nice", Set.of("-n", "--adjustment")),
            java.util.Map.entry("setsid", Set.of()),
            java.util.Map.entry("stdbuf", Set.of("-i", "-o", "-e")),
            java.util.Map.entry("ionice", Set.of("-c", "-n", "-p")),
            java.util.Map.entry("timeout", Set.of("-s", "-k", "--signal", "--kill-after")),
            java.util.Map.entry("!", Set.of()));
    /** Shell built-ins and keywords: nothing to look up. */
    private static final Set<String> SHELL_WORDS = Set.of(
            "cd", "export", "set", "unset", "true", "false", "echo", "printf", "test", "[", ":", ".", "source",
            "eval", "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
            "{", "}", "trap", "wait", "read", "shift", "exit", "umask", "ulimit", "kill", "return", "local");

    private final String text;

    public ShellCommand(String text) {
        this.text = text.strip();
    }

    public String text() {
        return text;
    }

    /** The argument vector that runs this command: {@code /bin/sh -c [exec ]text}. */
    public List<String> argv() {
        String script = isSimple() ? "exec " + text : text;
        return List.of("/bin/sh", "-c", script);
    }

    /**
     * The argument vector of a shell started ahead: it waits for a line on its standard input
     * ({@link LaunchedProcess#release}) and then runs this command as {@link #argv()} would; when
     * its input ends without one, it exits. The command's words, variables and substitutions are
     * all read after the line: the program is the one on disk then.
     */
    public List<String> argvAfterGo() {
        String script = isSimple() ? "exec " + text : text;
        return List.of("/bin/sh", "-c", "read -r _ || exit 0; " + script);
    }

    /**
     * Whether this is one simple command running a program, which the shell can {@code exec}: not
     * a list, pipe or subshell, and not a shell built-in such as {@code exit} or {@code cd}.
     */
    public boolean isSimple() {
        if (COMPOUND.matcher(text).find() || text.startsWith("exec ")) {
            return false;
        }
        String[] words;
        try {
            words = CommandLine.parse(text).toStrings();
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (String w : words) {
            String word = unquote(w);
            if (ASSIGNMENT.matcher(word).matches()) {
                continue;
            }
            return !SHELL_WORDS.contains(word) && !Set.of("exec", "command", "time", "!").contains(word);
        }
        return false; // only assignments
    }

    /**
     * The programs this command runs that a PATH lookup can check: the first word of each simple
     * command, skipping variable assignments and shell built-ins. Words with {@code $} are skipped.
     */
    public List<String> programs() {
        List<String> programs = new ArrayList<>();
        for (String part : simpleCommands(text)) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            String[] words;
            try {
                words = CommandLine.parse(p).toStrings();
            } catch (IllegalArgumentException e) {
                continue; // unbalanced quotes: the shell will report it when it runs
            }
            String prefix = null;
            boolean skipArgument = false;
            boolean needDuration = false;
            for (String w : words) {
                String word = unquote(w);
                if (skipArgument) {
                    skipArgument = false;
                    continue;
                }
                if (prefix != null && word.startsWith("-")) {
                    skipArgument = PREFIX_WORDS.get(prefix).contains(word);
                    continue;
                }
                if (needDuration) {
                    needDuration = false; // timeout DURATION COMMAND
                    continue;
                }
                if (ASSIGNMENT.matcher(word).matches()) {
                    continue;
                }
                if (PREFIX_WORDS.containsKey(word)) {
                    prefix = word;
                    needDuration = word.equals("timeout");
                    continue;
                }
                if (!SHELL_WORDS.contains(word) && word.matches("[A-Za-z0-9_./+@%:,-]+")) {
                    programs.add(word);
                }
                break;
            }
        }
        return programs;
    }

    /**
     * Splits a command line at {@code ; & && | || ( ) { }} and newlines outside quotes, leaving
     * redirections such as {@code 2>&1} and {@code &>} alone (best effort, for PATH checks).
     */
    static List<String> simpleCommands(String line) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    current.append(line.charAt(++i));
                }
                continue;
            }
            boolean redirection = c == '&'
                    && ((i > 0 && (line.charAt(i - 1) == '>' || line.charAt(i - 1) == '<'))
                            || (i + 1 < line.length() && line.charAt(i + 1) == '>'));
            if (c == '\'' || c == '"') {
                quote = c;
                current.append(c);
            } else if (c == '\\' && i + 1 < line.length()) {
                current.append(c).append(line.charAt(++i));
            } else if (c == '$' && line.startsWith("((", i + 1)) {
                // arithmetic, $(( n - 1 )): names in it are variables, not commands
                int end = line.indexOf("))", i + 3);
                i = end < 0 ? line.length() - 1 : end + 1;
                current.append('0');
            } else if (!redirection && (c == ';' || c == '&' || c == '|' || c == '\n' || c == '(' || c == ')'
                    || ((c == '{' || c == '}') && (i + 1 == line.length() || Character.isWhitespace(line.charAt(i + 1)))))) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String w) {
        if (w.length() >= 2
                && ((w.startsWith("\"") && w.endsWith("\"")) || (w.startsWith("'") && w.endsWith("'")))) {
            return w.substring(1, w.length() - 1);
        }
        return w;
    }

    /**
     * Finds a program the way the shell would: a name with a {@code /} relative to {@code
     * directory}, any other name on {@code PATH}.
     */
    public static Optional<Path> locate(String program, Path directory, Map<String, String> environment) {
        if (program.contains("/")) {
            Path p = directory.resolve(program);
            return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir).resolve(program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Quotes a word for {@code sh} when it needs it. */
    public static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./:@%+=,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return text;
    }
}
