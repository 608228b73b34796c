package bench.lib;

/** The text both services answer; the library change of the benchmark rewrites it. */
public final class Lib {

    private Lib() {}

    public static String text() {
        return "@VERSION@";
    }
}
