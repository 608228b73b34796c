package io.github.hotreload.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which file a container's command runs, so that the build's binary can take its place: the
 * first word of the entrypoint followed by the command, seen through an init wrapper ({@code
 * tini --}, {@code dumb-init}) and a shell's {@code -c} script ({@code CMD /app/server} is {@code
 * /bin/sh -c /app/server}). Never the wrapper or the shell itself: replacing those would break the
 * container.
 */
public final class ContainerProgram {

    private static final Set<String> INITS = Set.of("tini", "tini-static", "dumb-init", "docker-init", "catatonit");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "busybox");

    private ContainerProgram() {}

    /**
     * The absolute path of the program the container runs.
     *
     * @throws IllegalArgumentException saying why it cannot be told
     */
    public static String of(List<String> entrypoint, List<String> command) {
        List<String> argv = new ArrayList<>(entrypoint);
        argv.addAll(command);
        int i = 0;
        while (i < argv.size() && INITS.contains(name(argv.get(i)))) {
            i++;
            while (i < argv.size() && argv.get(i).startsWith("-")) {
                boolean end = argv.get(i).equals("--");
                i++;
                if (end) {
                    break;
                }
            }
        }
        if (i >= argv.size()) {
            throw new IllegalArgumentException("the image has no command");
        }
        String first = argv.get(i);
        if (SHELLS.contains(name(first))) {
            int c = argv.indexOf("-c");
            if (c < i || c + 1 >= argv.size()) {
                throw new IllegalArgumentException("it runs the shell " + first + ", not a program");
            }
            String script = argv.get(c + 1).strip();
            if (script.startsWith("exec ")) {
                script = script.substring(5).strip();
            }
            String word = script.split("[\\s;&|]", 2)[0];
            if (!word.startsWith("/")) {
                throw new IllegalArgumentException("its shell runs '" + script + "', not a program by its absolute path");
            }
            return word;
        }
        if (!first.startsWith("/")) {
            throw new IllegalArgumentException("it runs '" + first + "', not a program by its absolute path");
        }
        return first;
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
