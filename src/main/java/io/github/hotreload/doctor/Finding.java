package io.github.hotreload.doctor;

/**
 * One line of the doctor's checklist.
 *
 * @param level whether it is fine, a problem or worth knowing
 * @param text what was found, starting with what it is about: {@code jessy-api: go 1.22.1}
 * @param fix what to do about it, as a sentence; null when there is nothing to do
 */
public record Finding(Level level, String text, String fix) {

    /** How a finding counts. */
    public enum Level {
        /** As it should be. */
        OK("ok"),
        /** Stops a watch from working; the goal fails. */
        PROBLEM("problem"),
        /** Worth knowing; the goal does not fail. */
        NOTE("note");

        private final String word;

        Level(String word) {
            this.word = word;
        }

        /** The word in the checklist. */
        public String word() {
            return word;
        }
    }

    public static Finding ok(String text) {
        return new Finding(Level.OK, text, null);
    }

    public static Finding problem(String text, String fix) {
        return new Finding(Level.PROBLEM, text, fix);
    }

    public static Finding note(String text) {
        return new Finding(Level.NOTE, text, null);
    }

    public static Finding note(String text, String fix) {
        return new Finding(Level.NOTE, text, fix);
    }
}
