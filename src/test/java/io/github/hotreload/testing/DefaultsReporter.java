package io.github.hotreload.testing;

import java.util.Locale;
import java.util.TimeZone;

/**
 * A service main that sets the default time zone by its system property and the default locale,
 * as some applications do first thing, and prints what the JDK then uses:
 * {@code zone ID locale TAG date TEXT}.
 */
public final class DefaultsReporter {

    private DefaultsReporter() {}

    public static void main(String[] args) {
        System.setProperty("user.timezone", "Pacific/Apia");
        Locale.setDefault(Locale.GERMANY);
        String date = new java.text.SimpleDateFormat("EEEE zzzz").format(new java.util.Date(0));
        System.out.println("zone " + TimeZone.getDefault().getID() + " locale " + Locale.getDefault().toLanguageTag()
                + " date " + date);
    }
}
