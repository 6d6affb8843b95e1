package org.vigie.risk;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vigie.common.BoundedSetting;

/**
 * The "Vigie risk policy" step's settings, parsed and checked. Every problem is reported with a
 * message an operator can act on; a policy with problems is never applied half-way: the step
 * refuses every login instead (fail closed).
 */
public record RiskPolicy(TimeWindows windows, OffHoursAction action, String exceptionAttribute, PushLimits limits,
                         String supportContact) {

    public enum OffHoursAction {
        /** Refuse with a page saying why and when it will work. */
        BLOCK,
        /** Let the login go on, but require the step-up sub-flow (condition "Vigie step-up required"). */
        STEP_UP
    }

    public static final String TIME_ZONE = "timeZone";
    public static final String WINDOW_PREFIX = "window.";
    public static final String HOLIDAYS = "holidays";
    public static final String OFF_HOURS_ACTION = "offHoursAction";
    public static final String EXCEPTION_ATTRIBUTE = "exceptionAttribute";
    public static final String MAX_PUSHES_PER_USER = "maxPushesPerUser";
    public static final String MAX_PUSHES_PER_USER_ALL_ADDRESSES = "maxPushesPerUserAllAddresses";
    public static final String MAX_PUSHES_PER_IP = "maxPushesPerIp";
    public static final String RATE_WINDOW_MINUTES = "rateWindowMinutes";
    public static final String MAX_PUSHES_SINCE_SUCCESS = "maxPushesSinceSuccess";
    public static final String SUPPORT_CONTACT = "supportContact";

    public static final String DEFAULT_TIME_ZONE = "Europe/Paris";
    public static final String DEFAULT_WEEKDAY_WINDOW = "07:00-21:00";
    public static final String DEFAULT_EXCEPTION_ATTRIBUTE = "vigieOnCall";
    /** French public holidays; operators keep the list current. */
    public static final List<String> DEFAULT_HOLIDAYS = List.of(
            "2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25", "2026-07-14",
            "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25",
            "2027-01-01", "2027-03-29", "2027-05-01", "2027-05-06", "2027-05-08", "2027-05-17", "2027-07-14",
            "2027-08-15", "2027-11-01", "2027-11-11", "2027-12-25");
    /** Keycloak stores multi-valued settings joined with this. */
    public static final String MULTIVALUE_SEPARATOR = "##";

    public static final class InvalidPolicyException extends Exception {
        private final List<String> problems;

        public InvalidPolicyException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public static String windowKey(DayOfWeek day) {
        return WINDOW_PREFIX + day.name().toLowerCase(Locale.ROOT);
    }

    public static String defaultWindow(DayOfWeek day) {
        return day == DayOfWeek.SUNDAY ? "" : DEFAULT_WEEKDAY_WINDOW;
    }

    /** The policy with Vigie's defaults (no settings saved yet). */
    public static RiskPolicy defaults() {
        try {
            return parse(Map.of());
        } catch (InvalidPolicyException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RiskPolicy parse(Map<String, String> config) throws InvalidPolicyException {
        Map<String, String> values = config == null ? Map.of() : config;
        List<String> problems = new ArrayList<>();

        ZoneId zone = ZoneId.of(DEFAULT_TIME_ZONE);
        String zoneName = values.getOrDefault(TIME_ZONE, DEFAULT_TIME_ZONE).trim();
        try {
            zone = ZoneId.of(zoneName.isEmpty() ? DEFAULT_TIME_ZONE : zoneName);
        } catch (DateTimeException e) {
            problems.add("Time zone '" + zoneName + "' is unknown: use a region like Europe/Paris or Indian/Reunion");
        }

        Map<DayOfWeek, List<TimeWindows.Window>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            String raw = values.containsKey(windowKey(day)) ? values.get(windowKey(day)) : defaultWindow(day);
            try {
                days.put(day, TimeWindows.parseDay(raw));
            } catch (IllegalArgumentException e) {
                problems.add(day.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + ": " + e.getMessage());
            }
        }

        Set<LocalDate> holidays = new HashSet<>();
        String rawHolidays = values.containsKey(HOLIDAYS) ? values.get(HOLIDAYS) : String.join(MULTIVALUE_SEPARATOR, DEFAULT_HOLIDAYS);
        for (String date : rawHolidays == null ? new String[0] : rawHolidays.split(MULTIVALUE_SEPARATOR + "|,")) {
            if (date.isBlank()) {
                continue;
            }
            try {
                holidays.add(LocalDate.parse(date.trim()));
            } catch (DateTimeParseException e) {
                problems.add("Holiday '" + date.trim() + "' is not a date like 2026-12-25");
            }
        }

        OffHoursAction action = OffHoursAction.BLOCK;
        String rawAction = values.getOrDefault(OFF_HOURS_ACTION, "block").trim();
        switch (rawAction) {
            case "", "block" -> action = OffHoursAction.BLOCK;
            case "step-up" -> action = OffHoursAction.STEP_UP;
            default -> problems.add("Action '" + rawAction + "' is unknown: block or step-up");
        }

        String exceptionAttribute = values.getOrDefault(EXCEPTION_ATTRIBUTE, DEFAULT_EXCEPTION_ATTRIBUTE).trim();
        if (exceptionAttribute.isEmpty()) {
            exceptionAttribute = DEFAULT_EXCEPTION_ATTRIBUTE;
        }

        int perUser = count(values, MAX_PUSHES_PER_USER, PushLimits.DEFAULT_PER_USER, 1, 100, problems);
        int perUserAll = count(values, MAX_PUSHES_PER_USER_ALL_ADDRESSES, PushLimits.DEFAULT_PER_USER_ALL_ADDRESSES, 1, 1000, problems);
        int perIp = count(values, MAX_PUSHES_PER_IP, PushLimits.DEFAULT_PER_IP, 1, 10_000, problems);
        int windowMinutes = count(values, RATE_WINDOW_MINUTES, PushLimits.DEFAULT_WINDOW_MINUTES, 1, 24 * 60, problems);
        int sinceSuccess = count(values, MAX_PUSHES_SINCE_SUCCESS, PushLimits.DEFAULT_SINCE_SUCCESS, 1, 100, problems);

        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        return new RiskPolicy(new TimeWindows(zone, days, holidays), action, exceptionAttribute,
                new PushLimits(perUser, perUserAll, perIp, windowMinutes, sinceSuccess), values.getOrDefault(SUPPORT_CONTACT, "").trim());
    }

    /** A fail-closed read: a number out of its bounds makes the whole policy invalid (see {@link InvalidPolicyException}). */
    private static int count(Map<String, String> values, String key, int fallback, int min, int max, List<String> problems) {
        BoundedSetting setting = new BoundedSetting(key, fallback, min, max);
        setting.problem(values).ifPresent(problems::add);
        return setting.read(values);
    }
}
