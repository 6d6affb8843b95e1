package org.vigie.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OnCallExceptionsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId REUNION = ZoneId.of("Indian/Reunion");
    private static final ZoneId CAYENNE = ZoneId.of("America/Cayenne");

    private static ZonedDateTime utc(String instant) {
        return Instant.parse(instant).atZone(ZoneOffset.UTC);
    }

    @Test
    void localTimesAreInThePolicyZone() {
        OnCallExceptions.Range range = OnCallExceptions.parse("2026-11-22T20:00/2026-11-23T08:00", PARIS);
        assertEquals(LocalDateTime.of(2026, 11, 22, 20, 0).atZone(PARIS), range.start());
        assertEquals(LocalDateTime.of(2026, 11, 23, 8, 0).atZone(PARIS), range.end());
        assertEquals(Instant.parse("2026-11-22T19:00:00Z"), range.start().toInstant());
        assertEquals(Instant.parse("2026-11-23T07:00:00Z"), range.end().toInstant());
    }

    @Test
    void theSameTextMeansAnotherInstantInAnotherZone() {
        String text = "2026-11-22T20:00/2026-11-23T08:00";
        assertEquals(Instant.parse("2026-11-22T16:00:00Z"), OnCallExceptions.parse(text, REUNION).start().toInstant());
        assertEquals(Instant.parse("2026-11-22T23:00:00Z"), OnCallExceptions.parse(text, CAYENNE).start().toInstant());

        ZonedDateTime parisEightOClock = utc("2026-11-23T07:00:00Z");
        ZonedDateTime reunionEightOClock = utc("2026-11-23T04:00:00Z");
        assertTrue(OnCallExceptions.parse(text, PARIS).covers(reunionEightOClock));
        assertFalse(OnCallExceptions.parse(text, REUNION).covers(reunionEightOClock));
        assertFalse(OnCallExceptions.parse(text, PARIS).covers(parisEightOClock));
    }

    @Test
    void explicitOffsetsAreKeptAsInstantsAndShownInThePolicyZone() {
        OnCallExceptions.Range range = OnCallExceptions.parse("2026-11-22T20:00+01:00/2026-11-23T08:00+01:00", REUNION);
        assertEquals(Instant.parse("2026-11-22T19:00:00Z"), range.start().toInstant());
        assertEquals(Instant.parse("2026-11-23T07:00:00Z"), range.end().toInstant());
        assertEquals(REUNION, range.start().getZone());
        assertEquals(LocalDateTime.of(2026, 11, 22, 23, 0), range.start().toLocalDateTime());
    }

    @Test
    void utcAndMixedEnds() {
        OnCallExceptions.Range range = OnCallExceptions.parse("2026-11-22T19:00Z/2026-11-23T08:00", PARIS);
        assertEquals(Instant.parse("2026-11-22T19:00:00Z"), range.start().toInstant());
        assertEquals(Instant.parse("2026-11-23T07:00:00Z"), range.end().toInstant());
        OnCallExceptions.Range cayenne = OnCallExceptions.parse("2026-11-22T20:00-03:00/2026-11-23T08:00-03:00", PARIS);
        assertEquals(Instant.parse("2026-11-22T23:00:00Z"), cayenne.start().toInstant());
    }

    @Test
    void secondsAndSurroundingSpacesAreAccepted() {
        OnCallExceptions.Range range = OnCallExceptions.parse("  2026-11-22T20:00:30 / 2026-11-23T08:00  ", PARIS);
        assertEquals(LocalDateTime.of(2026, 11, 22, 20, 0, 30), range.start().toLocalDateTime());
        assertEquals(LocalDateTime.of(2026, 11, 23, 8, 0), range.end().toLocalDateTime());
    }

    @Test
    void startIncludedEndExcluded() {
        OnCallExceptions.Range range = OnCallExceptions.parse("2026-11-22T20:00/2026-11-23T08:00", PARIS);
        assertFalse(range.covers(utc("2026-11-22T18:59:59Z")));
        assertTrue(range.covers(utc("2026-11-22T19:00:00Z")));
        assertTrue(range.covers(utc("2026-11-23T02:00:00Z")));
        assertTrue(range.covers(utc("2026-11-23T06:59:59.999Z")));
        assertFalse(range.covers(utc("2026-11-23T07:00:00Z")));
        assertFalse(range.covers(utc("2026-11-24T02:00:00Z")));
    }

    @Test
    void coversComparesInstantsWhateverTheZone() {
        OnCallExceptions.Range range = OnCallExceptions.parse("2026-11-22T20:00/2026-11-23T08:00", PARIS);
        ZonedDateTime start = utc("2026-11-22T19:00:00Z");
        assertTrue(range.covers(start.withZoneSameInstant(REUNION)));
        assertTrue(range.covers(start.withZoneSameInstant(CAYENNE)));
        assertFalse(range.covers(start.minusNanos(1).withZoneSameInstant(CAYENNE)));
    }

    @Test
    void rangeBuiltDirectly() {
        ZonedDateTime start = ZonedDateTime.of(2026, 7, 14, 22, 0, 0, 0, PARIS);
        OnCallExceptions.Range range = new OnCallExceptions.Range(start, start.plusHours(1));
        assertTrue(range.covers(start));
        assertTrue(range.covers(start.plusMinutes(59)));
        assertFalse(range.covers(start.plusHours(1)));
        assertFalse(range.covers(start.minusSeconds(1)));
    }

    @Test
    void daylightSavingChangesTheLengthOfALocalRange() {
        OnCallExceptions.Range spring = OnCallExceptions.parse("2026-03-29T01:00/2026-03-29T04:00", PARIS);
        assertEquals(Duration.ofHours(2), Duration.between(spring.start(), spring.end()));
        OnCallExceptions.Range autumn = OnCallExceptions.parse("2026-10-25T01:00/2026-10-25T04:00", PARIS);
        assertEquals(Duration.ofHours(4), Duration.between(autumn.start(), autumn.end()));
        assertTrue(autumn.covers(utc("2026-10-25T01:30:00Z")), "02:30 CET, the second one");
        assertFalse(autumn.covers(utc("2026-10-25T03:00:00Z")), "04:00 CET");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23T08:00/2026-11-22T20:00", "2026-11-22T20:00/2026-11-22T20:00",
            "2026-11-22T20:00+01:00/2026-11-22T19:00Z", "2026-11-22T20:00:01/2026-11-22T20:00"})
    void endBeforeStartIsRefused(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnCallExceptions.parse(value, PARIS));
        assertEquals("'" + value + "' ends before it starts", e.getMessage());
    }

    @Test
    void sameLocalEndAndStartWithDifferentOffsetsIsFineWhenTheInstantsAreInOrder() {
        // 20:00 at +01:00 is 19:00Z, 20:00 at -03:00 is 23:00Z
        OnCallExceptions.Range range = OnCallExceptions.parse("2026-11-22T20:00+01:00/2026-11-22T20:00-03:00", PARIS);
        assertEquals(Duration.ofHours(4), Duration.between(range.start(), range.end()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"tonight", "2026-11-22T20:00", "2026-11-22T20:00/2026-11-23T08:00/2026-11-24T08:00",
            "2026-11-22T20:00 - 2026-11-23T08:00", "2026-11-22T20:00/", "/",
            "2026-11-22T20:00[Europe/Paris]/2026-11-23T08:00"})
    void notARange(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnCallExceptions.parse(value, PARIS));
        assertEquals("'" + value + "' is not START/END, e.g. 2026-11-22T20:00/2026-11-23T08:00", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-11-22/2026-11-23 | 2026-11-22",
            "2026-11-22T25:00/2026-11-23T08:00 | 2026-11-22T25:00",
            "2026-11-22T20:00/demain | demain",
            "2026-02-30T20:00/2026-03-01T08:00 | 2026-02-30T20:00",
            "22-11-2026T20:00/2026-11-23T08:00 | 22-11-2026T20:00",
            "2026-11-22 20:00/2026-11-23 08:00 | 2026-11-22 20:00",
            "/2026-11-23T08:00 | ''"})
    void notDateTimes(String value, String wrong) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnCallExceptions.parse(value, PARIS));
        assertEquals("'" + value + "': " + wrong + " is not a date-time like 2026-11-22T20:00", e.getMessage());
    }
}
