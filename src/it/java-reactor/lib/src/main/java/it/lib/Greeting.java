package it.lib;

/** The text both services show. */
public final class Greeting {

    private Greeting() {}

    public static String text() {
        return "lib-1";
    }
}
