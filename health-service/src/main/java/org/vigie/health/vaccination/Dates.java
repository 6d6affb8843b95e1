package org.vigie.health.vaccination;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as the service's users read them, and "today" where they work. */
public final class Dates {

    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

    private Dates() {
    }

    public static String french(LocalDate date) {
        return date == null ? "" : FRENCH.format(date);
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
