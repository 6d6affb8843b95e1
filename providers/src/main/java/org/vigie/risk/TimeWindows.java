package org.vigie.risk;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When approvals are allowed: windows of local time per weekday in one time zone (daylight saving
 * included, since everything is computed in local time), and public holidays with no window.
 */
public final class TimeWindows {

    /** {@code [start, end)} in local time; {@code end} 24:00 is written as {@link LocalTime#MAX}. */
    public record Window(LocalTime start, LocalTime end) {
        boolean contains(LocalTime time) {
            return !time.isBefore(start) && (end.equals(LocalTime.MAX) ? true : time.isBefore(end));
        }
    }

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Window>> windows;
    private final Set<LocalDate> holidays;

    public TimeWindows(ZoneId zone, Map<DayOfWeek, List<Window>> windows, Set<LocalDate> holidays) {
        this.zone = zone;
        this.windows = new EnumMap<>(DayOfWeek.class);
        this.windows.putAll(windows);
        this.holidays = Set.copyOf(holidays);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean allows(ZonedDateTime at) {
        ZonedDateTime local = at.withZoneSameInstant(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        return windows.getOrDefault(local.getDayOfWeek(), List.of()).stream().anyMatch(w -> w.contains(local.toLocalTime()));
    }

    /**
     * The next moment, from {@code from} on, when approvals are allowed again (within two weeks).
     * Walks the instant time-line minute by minute, so daylight-saving gaps and repeated hours
     * need no special case (at most 20,160 cheap checks, only when a login is refused).
     */
    public Optional<ZonedDateTime> nextAllowed(ZonedDateTime from) {
        ZonedDateTime local = from.withZoneSameInstant(zone);
        if (allows(local)) {
            return Optional.of(local);
        }
        ZonedDateTime candidate = local.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = local.plusDays(14);
        while (!candidate.isAfter(limit)) {
            if (allows(candidate)) {
                return Optional.of(candidate);
            }
            candidate = candidate.plusMinutes(1);
        }
        return Optional.empty();
    }

    /**
     * Parses one day's windows: empty for none, else {@code HH:MM-HH:MM} ranges separated by
     * commas, {@code 24:00} allowed as an end.
     *
     * @throws IllegalArgumentException with a message an operator can act on
     */
    public static List<Window> parseDay(String value) {
        List<Window> day = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return day;
        }
        for (String part : value.split(",")) {
            String range = part.trim();
            String[] ends = range.split("-");
            if (ends.length != 2) {
                throw new IllegalArgumentException("'" + range + "' is not a window: write HH:MM-HH:MM, e.g. 07:00-21:00");
            }
            LocalTime start = time(ends[0].trim(), range);
            LocalTime end = "24:00".equals(ends[1].trim()) ? LocalTime.MAX : time(ends[1].trim(), range);
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("'" + range + "' ends before it starts (windows cannot span midnight: "
                        + "split it over two days)");
            }
            day.add(new Window(start, end));
        }
        day.sort(java.util.Comparator.comparing(Window::start));
        return day;
    }

    private static LocalTime time(String value, String range) {
        if (!value.matches("\\d{2}:\\d{2}")) {
            throw new IllegalArgumentException("'" + range + "': times are written HH:MM");
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + range + "': " + value + " is not a time of day");
        }
    }
}
