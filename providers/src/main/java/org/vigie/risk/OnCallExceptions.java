package org.vigie.risk;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * Legitimate work outside the windows (on-call duty, a vaccination session at night): explicit
 * ranges {@code START/END} in ISO-8601, local time of the policy's zone unless an offset is
 * given, e.g. {@code 2026-11-22T20:00/2026-11-23T08:00}. Held in a user or group attribute.
 */
public final class OnCallExceptions {

    public record Range(ZonedDateTime start, ZonedDateTime end) {
        public boolean covers(ZonedDateTime at) {
            return !at.isBefore(start) && at.isBefore(end);
        }
    }

    private OnCallExceptions() {
    }

    /** @throws IllegalArgumentException when the value is not a range */
    public static Range parse(String value, ZoneId zone) {
        String[] ends = value == null ? new String[0] : value.trim().split("/");
        if (ends.length != 2) {
            throw new IllegalArgumentException("'" + value + "' is not START/END, e.g. 2026-11-22T20:00/2026-11-23T08:00");
        }
        ZonedDateTime start = dateTime(ends[0].trim(), zone, value);
        ZonedDateTime end = dateTime(ends[1].trim(), zone, value);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("'" + value + "' ends before it starts");
        }
        return new Range(start, end);
    }

    private static ZonedDateTime dateTime(String text, ZoneId zone, String value) {
        try {
            return OffsetDateTime.parse(text).atZoneSameInstant(zone);
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + value + "': " + text + " is not a date-time like 2026-11-22T20:00");
            }
        }
    }
}
