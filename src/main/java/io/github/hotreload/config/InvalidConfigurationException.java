package io.github.hotreload.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used; nothing was started. */
public class InvalidConfigurationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigurationProblem> problems;

    public InvalidConfigurationException(List<ConfigurationProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigurationProblem> problems() {
        return problems;
    }

    private static String render(List<ConfigurationProblem> problems) {
        if (problems.size() == 1) {
            return "Invalid hotreload configuration: " + problems.get(0).message();
        }
        return problems.stream()
                .map(p -> "  - " + p.message())
                .collect(Collectors.joining(
                        System.lineSeparator(),
                        "Invalid hotreload configuration (" + problems.size() + " problems):"
                                + System.lineSeparator(),
                        ""));
    }
}
