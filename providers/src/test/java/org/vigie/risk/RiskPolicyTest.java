package org.vigie.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RiskPolicyTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static ZonedDateTime paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS);
    }

    private static ZonedDateTime utc(String instant) {
        return Instant.parse(instant).atZone(ZoneOffset.UTC);
    }

    private static List<String> problems(Map<String, String> config) {
        RiskPolicy.InvalidPolicyException e = assertThrows(RiskPolicy.InvalidPolicyException.class, () -> RiskPolicy.parse(config));
        return e.problems();
    }

    private static String onlyProblem(Map<String, String> config) {
        List<String> problems = problems(config);
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    // ---------------------------------------------------------------- defaults

    @Test
    void defaults() {
        RiskPolicy policy = RiskPolicy.defaults();
        assertEquals(PARIS, policy.windows().zone());
        assertEquals(RiskPolicy.OffHoursAction.BLOCK, policy.action());
        assertEquals("vigieOnCall", policy.exceptionAttribute());
        assertEquals(PushLimits.defaults(), policy.limits());
        assertEquals(new PushLimits(3, 10, 50, 15, 5), policy.limits());
        assertEquals("", policy.supportContact());
    }

    @Test
    void noConfigurationMeansDefaults() throws Exception {
        for (RiskPolicy policy : List.of(RiskPolicy.parse(null), RiskPolicy.parse(Map.of()), RiskPolicy.parse(new HashMap<>()))) {
            assertEquals(PARIS, policy.windows().zone());
            assertEquals(RiskPolicy.OffHoursAction.BLOCK, policy.action());
            assertEquals(RiskPolicy.DEFAULT_EXCEPTION_ATTRIBUTE, policy.exceptionAttribute());
            assertEquals(PushLimits.defaults(), policy.limits());
            assertEquals("", policy.supportContact());
            assertTrue(policy.windows().allows(paris("2026-11-17T10:00")));
            assertFalse(policy.windows().allows(paris("2026-11-22T10:00")));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DayOfWeek.class, names = "SUNDAY", mode = EnumSource.Mode.EXCLUDE)
    void defaultWindowsMondayToSaturdaySevenToNine(DayOfWeek day) {
        TimeWindows windows = RiskPolicy.defaults().windows();
        // a week of November 2026 with no holiday
        LocalDate date = LocalDate.of(2026, 11, 15).with(TemporalAdjusters.next(day));
        assertFalse(windows.allows(date.atTime(6, 59).atZone(PARIS)), date::toString);
        assertTrue(windows.allows(date.atTime(7, 0).atZone(PARIS)), date::toString);
        assertTrue(windows.allows(date.atTime(20, 59).atZone(PARIS)), date::toString);
        assertFalse(windows.allows(date.atTime(21, 0).atZone(PARIS)), date::toString);
        assertFalse(windows.allows(date.atTime(21, 1).atZone(PARIS)), date::toString);
    }

    @Test
    void defaultSundayHasNoWindow() {
        TimeWindows windows = RiskPolicy.defaults().windows();
        for (int hour = 0; hour < 24; hour++) {
            assertFalse(windows.allows(paris("2026-11-22T00:00").plusHours(hour)), "Sunday " + hour + ":00");
        }
    }

    @Test
    void defaultWindowSettings() {
        assertEquals("window.monday", RiskPolicy.windowKey(DayOfWeek.MONDAY));
        assertEquals("window.sunday", RiskPolicy.windowKey(DayOfWeek.SUNDAY));
        assertEquals("07:00-21:00", RiskPolicy.defaultWindow(DayOfWeek.SATURDAY));
        assertEquals("", RiskPolicy.defaultWindow(DayOfWeek.SUNDAY));
    }

    @Test
    void defaultHolidaysAreTheFrenchOnes() {
        Set<LocalDate> expected = Set.of(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 8), LocalDate.of(2026, 7, 14),
                LocalDate.of(2026, 8, 15), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 11), LocalDate.of(2026, 12, 25),
                LocalDate.of(2027, 1, 1), LocalDate.of(2027, 5, 1), LocalDate.of(2027, 5, 8), LocalDate.of(2027, 7, 14),
                LocalDate.of(2027, 8, 15), LocalDate.of(2027, 11, 1), LocalDate.of(2027, 11, 11), LocalDate.of(2027, 12, 25),
                easter(2026).plusDays(1), easter(2026).plusDays(39), easter(2026).plusDays(50),
                easter(2027).plusDays(1), easter(2027).plusDays(39), easter(2027).plusDays(50));
        assertEquals(22, expected.size());
        assertEquals(expected, RiskPolicy.DEFAULT_HOLIDAYS.stream().map(LocalDate::parse).collect(Collectors.toSet()));
        assertEquals(RiskPolicy.DEFAULT_HOLIDAYS.size(), Set.copyOf(RiskPolicy.DEFAULT_HOLIDAYS).size(), "no duplicates");

        TimeWindows windows = RiskPolicy.defaults().windows();
        for (LocalDate holiday : expected) {
            assertFalse(windows.allows(holiday.atTime(10, 0).atZone(PARIS)), holiday::toString);
        }
    }

    /** Easter Sunday (anonymous Gregorian algorithm), to check the movable feasts independently. */
    private static LocalDate easter(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }

    @Test
    void christmasIsRefusedByDefaultButNotChristmasEve() {
        TimeWindows windows = RiskPolicy.defaults().windows();
        assertFalse(windows.allows(paris("2026-12-25T10:00")));
        assertFalse(windows.allows(utc("2026-12-25T09:00:00Z")));
        assertTrue(windows.allows(paris("2026-12-24T10:00")));
        assertTrue(windows.allows(utc("2026-12-24T09:00:00Z")));
    }

    @Test
    void defaultsNextAllowed() {
        TimeWindows windows = RiskPolicy.defaults().windows();
        assertEquals(paris("2026-11-18T07:00"), windows.nextAllowed(paris("2026-11-17T23:30")).orElseThrow());
        assertEquals(paris("2026-11-23T07:00"), windows.nextAllowed(paris("2026-11-21T22:00")).orElseThrow());
        assertEquals(paris("2026-12-26T07:00"), windows.nextAllowed(paris("2026-12-24T21:30")).orElseThrow());
    }

    // ---------------------------------------------------------------- settings read

    @Test
    void readsEverySetting() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(RiskPolicy.TIME_ZONE, " Indian/Reunion ");
        config.put(RiskPolicy.windowKey(DayOfWeek.TUESDAY), "07:00-12:30,13:30-21:00");
        config.put(RiskPolicy.windowKey(DayOfWeek.SATURDAY), "");
        config.put(RiskPolicy.windowKey(DayOfWeek.SUNDAY), "08:00-12:00");
        config.put(RiskPolicy.HOLIDAYS, "2026-12-24##2026-12-31");
        config.put(RiskPolicy.OFF_HOURS_ACTION, "step-up");
        config.put(RiskPolicy.EXCEPTION_ATTRIBUTE, " garde ");
        config.put(RiskPolicy.MAX_PUSHES_PER_USER, "7");
        config.put(RiskPolicy.MAX_PUSHES_PER_USER_ALL_ADDRESSES, "30");
        config.put(RiskPolicy.MAX_PUSHES_PER_IP, " 200 ");
        config.put(RiskPolicy.RATE_WINDOW_MINUTES, "60");
        config.put(RiskPolicy.MAX_PUSHES_SINCE_SUCCESS, "10");
        config.put(RiskPolicy.SUPPORT_CONTACT, "  support@chu.example ");

        RiskPolicy policy = RiskPolicy.parse(config);

        ZoneId reunion = ZoneId.of("Indian/Reunion");
        assertEquals(reunion, policy.windows().zone());
        assertEquals(RiskPolicy.OffHoursAction.STEP_UP, policy.action());
        assertEquals("garde", policy.exceptionAttribute());
        assertEquals(new PushLimits(7, 30, 200, 60, 10), policy.limits());
        assertEquals("support@chu.example", policy.supportContact());

        TimeWindows windows = policy.windows();
        ZonedDateTime tuesday = LocalDate.of(2026, 11, 17).atStartOfDay(reunion);
        assertTrue(windows.allows(tuesday.withHour(12).withMinute(29)));
        assertFalse(windows.allows(tuesday.withHour(13)));
        assertTrue(windows.allows(tuesday.withHour(13).withMinute(30)));
        assertTrue(windows.allows(tuesday.withHour(10)), "other days keep their default");
        assertFalse(windows.allows(LocalDate.of(2026, 11, 21).atTime(10, 0).atZone(reunion)), "Saturday emptied");
        assertTrue(windows.allows(LocalDate.of(2026, 11, 22).atTime(10, 0).atZone(reunion)), "Sunday opened");
        assertFalse(windows.allows(LocalDate.of(2026, 12, 24).atTime(10, 0).atZone(reunion)), "own holiday");
        assertTrue(windows.allows(LocalDate.of(2026, 12, 25).atTime(10, 0).atZone(reunion)),
                "default holidays replaced by the list given");
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/Cayenne", "Indian/Reunion", "UTC", "Pacific/Noumea"})
    void otherZones(String zone) throws Exception {
        assertEquals(ZoneId.of(zone), RiskPolicy.parse(Map.of(RiskPolicy.TIME_ZONE, zone)).windows().zone());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void blankZoneIsParis(String zone) throws Exception {
        assertEquals(PARIS, RiskPolicy.parse(Map.of(RiskPolicy.TIME_ZONE, zone)).windows().zone());
    }

    @Test
    void theZoneMovesTheWindows() throws Exception {
        RiskPolicy cayenne = RiskPolicy.parse(Map.of(RiskPolicy.TIME_ZONE, "America/Cayenne"));
        // Tuesday 17 November 23:30Z: 00:30 Wednesday in Paris, 20:30 Tuesday in Cayenne
        assertTrue(cayenne.windows().allows(utc("2026-11-17T23:30:00Z")));
        assertFalse(RiskPolicy.defaults().windows().allows(utc("2026-11-17T23:30:00Z")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"block | BLOCK", "' block ' | BLOCK", "step-up | STEP_UP", "'  step-up ' | STEP_UP"})
    void actions(String raw, RiskPolicy.OffHoursAction expected) throws Exception {
        assertEquals(expected, RiskPolicy.parse(Map.of(RiskPolicy.OFF_HOURS_ACTION, raw)).action());
    }

    @Test
    void emptyActionIsBlock() throws Exception {
        assertEquals(RiskPolicy.OffHoursAction.BLOCK, RiskPolicy.parse(Map.of(RiskPolicy.OFF_HOURS_ACTION, "")).action());
    }

    @Test
    void emptyExceptionAttributeIsTheDefault() throws Exception {
        assertEquals("vigieOnCall", RiskPolicy.parse(Map.of(RiskPolicy.EXCEPTION_ATTRIBUTE, "  ")).exceptionAttribute());
    }

    @Test
    void holidaysSeparatedBySeparatorOrCommaWithSpaces() throws Exception {
        RiskPolicy policy = RiskPolicy.parse(Map.of(RiskPolicy.HOLIDAYS, " 2026-11-17 , 2026-11-18##2026-11-19####"));
        TimeWindows windows = policy.windows();
        assertFalse(windows.allows(paris("2026-11-17T10:00")));
        assertFalse(windows.allows(paris("2026-11-18T10:00")));
        assertFalse(windows.allows(paris("2026-11-19T10:00")));
        assertTrue(windows.allows(paris("2026-11-20T10:00")));
        assertTrue(windows.allows(paris("2026-12-25T10:00")), "the list given replaces the defaults");
    }

    @Test
    void emptyHolidaysMeansNone() throws Exception {
        TimeWindows windows = RiskPolicy.parse(Map.of(RiskPolicy.HOLIDAYS, "")).windows();
        assertTrue(windows.allows(paris("2026-12-25T10:00")));
        assertTrue(windows.allows(paris("2026-07-14T10:00")));
    }

    @Test
    void emptyDayMeansNoWindowThatDay() throws Exception {
        TimeWindows windows = RiskPolicy.parse(Map.of(RiskPolicy.windowKey(DayOfWeek.MONDAY), "")).windows();
        assertFalse(windows.allows(paris("2026-11-16T10:00")));
        assertTrue(windows.allows(paris("2026-11-17T10:00")));
    }

    @Test
    void twentyFourHundredAsEnd() throws Exception {
        TimeWindows windows = RiskPolicy.parse(Map.of(RiskPolicy.windowKey(DayOfWeek.FRIDAY), "07:00-24:00")).windows();
        assertTrue(windows.allows(paris("2026-11-20T23:59:59")));
        assertFalse(windows.allows(paris("2026-11-21T00:00")), "Saturday starts at 07:00");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "maxPushesPerUser, 1", "maxPushesPerUser, 100",
            "maxPushesPerUserAllAddresses, 1", "maxPushesPerUserAllAddresses, 1000",
            "maxPushesPerIp, 1", "maxPushesPerIp, 10000",
            "rateWindowMinutes, 1", "rateWindowMinutes, 1440",
            "maxPushesSinceSuccess, 1", "maxPushesSinceSuccess, 100"})
    void limitsAtTheirBounds(String key, int value) throws Exception {
        PushLimits limits = RiskPolicy.parse(Map.of(key, Integer.toString(value))).limits();
        int read = switch (key) {
            case RiskPolicy.MAX_PUSHES_PER_USER -> limits.perUser();
            case RiskPolicy.MAX_PUSHES_PER_USER_ALL_ADDRESSES -> limits.perUserAllAddresses();
            case RiskPolicy.MAX_PUSHES_PER_IP -> limits.perIp();
            case RiskPolicy.RATE_WINDOW_MINUTES -> limits.windowMinutes();
            case RiskPolicy.MAX_PUSHES_SINCE_SUCCESS -> limits.sinceSuccess();
            default -> throw new IllegalArgumentException(key);
        };
        assertEquals(value, read);
    }

    @ParameterizedTest
    @ValueSource(strings = {RiskPolicy.MAX_PUSHES_PER_USER, RiskPolicy.MAX_PUSHES_PER_USER_ALL_ADDRESSES,
            RiskPolicy.MAX_PUSHES_PER_IP, RiskPolicy.RATE_WINDOW_MINUTES,
            RiskPolicy.MAX_PUSHES_SINCE_SUCCESS})
    void blankLimitsAreTheDefaults(String key) throws Exception {
        assertEquals(PushLimits.defaults(), RiskPolicy.parse(Map.of(key, " ")).limits());
    }

    // ---------------------------------------------------------------- problems

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus", "Paris", "Europe/Pariss", "CET+1", "not a zone"})
    void unknownTimeZone(String zone) {
        assertEquals("Time zone '" + zone + "' is unknown: use a region like Europe/Paris or Indian/Reunion",
                onlyProblem(Map.of(RiskPolicy.TIME_ZONE, zone)));
    }

    @Test
    void unknownTimeZoneIsReportedTrimmed() {
        assertEquals("Time zone 'Mars/Olympus' is unknown: use a region like Europe/Paris or Indian/Reunion",
                onlyProblem(Map.of(RiskPolicy.TIME_ZONE, "  Mars/Olympus ")));
    }

    static Stream<Arguments> badWindows() {
        return Stream.of(
                Arguments.of(DayOfWeek.MONDAY, "7h-21h", "Monday: '7h-21h': times are written HH:MM"),
                Arguments.of(DayOfWeek.TUESDAY, "21:00-07:00",
                        "Tuesday: '21:00-07:00' ends before it starts (windows cannot span midnight: split it over two days)"),
                Arguments.of(DayOfWeek.WEDNESDAY, "25:00-26:00", "Wednesday: '25:00-26:00': 25:00 is not a time of day"),
                Arguments.of(DayOfWeek.SUNDAY, "08:00", "Sunday: '08:00' is not a window: write HH:MM-HH:MM, e.g. 07:00-21:00"),
                Arguments.of(DayOfWeek.SATURDAY, "07:00-12:30,13:30-12:00",
                        "Saturday: '13:30-12:00' ends before it starts (windows cannot span midnight: split it over two days)"));
    }

    @ParameterizedTest
    @MethodSource("badWindows")
    void unparsableWindows(DayOfWeek day, String window, String message) {
        assertEquals(message, onlyProblem(Map.of(RiskPolicy.windowKey(day), window)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"25/12/2026", "2026-13-01", "2026-02-30", "Noël", "2026-12-25T00:00"})
    void holidaysThatAreNotDates(String holiday) {
        assertEquals("Holiday '" + holiday + "' is not a date like 2026-12-25",
                onlyProblem(Map.of(RiskPolicy.HOLIDAYS, "2026-12-24##" + holiday + "##2026-12-31")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"deny", "BLOCK", "STEP_UP", "stepup", "step_up", "allow"})
    void unknownAction(String action) {
        assertEquals("Action '" + action + "' is unknown: block or step-up",
                onlyProblem(Map.of(RiskPolicy.OFF_HOURS_ACTION, action)));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "maxPushesPerUser | 0 | 1 to 100",
            "maxPushesPerUser | 101 | 1 to 100",
            "maxPushesPerUser | -1 | 1 to 100",
            "maxPushesPerUser | three | 1 to 100",
            "maxPushesPerUser | 2.5 | 1 to 100",
            "maxPushesPerIp | 0 | 1 to 10000",
            "maxPushesPerIp | 10001 | 1 to 10000",
            "maxPushesPerIp | 99999999999 | 1 to 10000",
            "rateWindowMinutes | 0 | 1 to 1440",
            "rateWindowMinutes | 1441 | 1 to 1440",
            "maxPushesSinceSuccess | 0 | 1 to 100",
            "maxPushesSinceSuccess | 101 | 1 to 100"})
    void limitsOutOfRange(String key, String value, String range) {
        assertEquals(key + " must be a whole number from " + range + " (was '" + value + "')",
                onlyProblem(Map.of(key, value)));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> config = new HashMap<>();
        config.put(RiskPolicy.TIME_ZONE, "Mars/Olympus");
        config.put(RiskPolicy.windowKey(DayOfWeek.MONDAY), "7h-21h");
        config.put(RiskPolicy.windowKey(DayOfWeek.FRIDAY), "21:00-07:00");
        config.put(RiskPolicy.HOLIDAYS, "Noël");
        config.put(RiskPolicy.OFF_HOURS_ACTION, "deny");
        config.put(RiskPolicy.MAX_PUSHES_PER_USER, "0");
        config.put(RiskPolicy.RATE_WINDOW_MINUTES, "9999");

        RiskPolicy.InvalidPolicyException e = assertThrows(RiskPolicy.InvalidPolicyException.class, () -> RiskPolicy.parse(config));

        List<String> expected = List.of(
                "Time zone 'Mars/Olympus' is unknown: use a region like Europe/Paris or Indian/Reunion",
                "Monday: '7h-21h': times are written HH:MM",
                "Friday: '21:00-07:00' ends before it starts (windows cannot span midnight: split it over two days)",
                "Holiday 'Noël' is not a date like 2026-12-25",
                "Action 'deny' is unknown: block or step-up",
                "maxPushesPerUser must be a whole number from 1 to 100 (was '0')",
                "rateWindowMinutes must be a whole number from 1 to 1440 (was '9999')");
        assertEquals(expected, e.problems());
        assertEquals(String.join("; ", expected), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> e.problems().add("more"));
    }

    @Test
    void aValidPolicyHasNoProblems() {
        assertNotNull(assertDoesNotThrowPolicy(Map.of(RiskPolicy.windowKey(DayOfWeek.MONDAY), "07:00-12:30,13:30-24:00")));
    }

    private static RiskPolicy assertDoesNotThrowPolicy(Map<String, String> config) {
        try {
            return RiskPolicy.parse(config);
        } catch (RiskPolicy.InvalidPolicyException e) {
            throw new AssertionError("unexpected problems: " + e.problems(), e);
        }
    }

    @Test
    void settingKeysAreTheAdminConsoleOnes() {
        assertEquals("timeZone", RiskPolicy.TIME_ZONE);
        assertEquals("holidays", RiskPolicy.HOLIDAYS);
        assertEquals("offHoursAction", RiskPolicy.OFF_HOURS_ACTION);
        assertEquals("exceptionAttribute", RiskPolicy.EXCEPTION_ATTRIBUTE);
        assertEquals("maxPushesPerUser", RiskPolicy.MAX_PUSHES_PER_USER);
        assertEquals("maxPushesPerIp", RiskPolicy.MAX_PUSHES_PER_IP);
        assertEquals("rateWindowMinutes", RiskPolicy.RATE_WINDOW_MINUTES);
        assertEquals("maxPushesSinceSuccess", RiskPolicy.MAX_PUSHES_SINCE_SUCCESS);
        assertEquals("supportContact", RiskPolicy.SUPPORT_CONTACT);
        assertEquals("##", RiskPolicy.MULTIVALUE_SEPARATOR);
    }
}
