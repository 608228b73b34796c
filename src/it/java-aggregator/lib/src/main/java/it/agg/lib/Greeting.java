package it.agg.lib;

/** The text the service shows. */
public final class Greeting {

    private Greeting() {}

    public static String text() {
        return "lib-1";
    }
}
