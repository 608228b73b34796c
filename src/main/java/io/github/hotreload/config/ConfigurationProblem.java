package io.github.hotreload.config;

/**
 * One thing wrong with the configuration: which service, which POM element, what is wrong and
 * how to fix it.
 *
 * @param service the service name, or {@code null} for a problem with the whole configuration
 * @param element the POM element, such as {@code readyUrl}
 * @param problem what is wrong, as a sentence
 * @param fix what the user should do, as a sentence
 */
public record ConfigurationProblem(String service, String element, String problem, String fix) {

    /** The message shown to the user. */
    public String message() {
        StringBuilder sb = new StringBuilder();
        if (service != null) {
            sb.append("service '").append(service).append("', ");
        }
        sb.append('<').append(element).append(">: ").append(problem);
        if (fix != null && !fix.isEmpty()) {
            sb.append(" Fix: ").append(fix);
        }
        return sb.toString();
    }
}
