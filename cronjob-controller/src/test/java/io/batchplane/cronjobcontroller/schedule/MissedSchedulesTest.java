package io.batchplane.cronjobcontroller.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchplane.cronjobcontroller.schedule.MissedSchedules.Missed;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The most recent activation and the arithmetic count of missed ones. */
class MissedSchedulesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mostRecent(String name, String spec, String earliest, String now, String expectedMostRecent, Missed expectedMissed)
            throws Exception {
        MissedSchedules m = MissedSchedules.compute(Instant.parse(earliest), Instant.parse(now),
                CronParser.parse(spec, ZoneOffset.UTC));
        assertEquals(Optional.ofNullable(expectedMostRecent).map(Instant::parse), m.mostRecent());
        assertEquals(expectedMissed, m.missed());
        assertEquals(Instant.parse(earliest), m.earliest());
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("before the first activation", "* * * * *", "2026-01-01T10:00:00Z", "2026-01-01T10:00:30Z",
                        null, Missed.NONE),
                Arguments.of("exactly at the first activation", "* * * * *", "2026-01-01T10:00:00Z", "2026-01-01T10:01:00Z",
                        "2026-01-01T10:01:00Z", Missed.NONE),
                Arguments.of("between first and second", "* * * * *", "2026-01-01T10:00:00Z", "2026-01-01T10:01:30Z",
                        "2026-01-01T10:01:00Z", Missed.NONE),
                Arguments.of("exactly at the second", "* * * * *", "2026-01-01T10:00:00Z", "2026-01-01T10:02:00Z",
                        "2026-01-01T10:02:00Z", Missed.FEW),
                Arguments.of("a few missed", "* * * * *", "2026-01-01T10:00:00Z", "2026-01-01T10:05:30Z",
                        "2026-01-01T10:05:00Z", Missed.FEW),
                Arguments.of("exactly 100 missed is few", "@hourly", "2026-01-01T00:00:00Z", "2026-01-05T04:30:00Z",
                        "2026-01-05T04:00:00Z", Missed.FEW),
                Arguments.of("101 missed is many, most recent still found", "@hourly", "2026-01-01T00:00:00Z",
                        "2026-01-05T05:30:00Z", "2026-01-05T05:00:00Z", Missed.MANY),
                Arguments.of("years missed: counted, not walked", "* * * * *", "2016-01-01T00:00:00Z", "2026-01-01T10:00:30Z",
                        "2026-01-01T10:00:00Z", Missed.MANY),
                Arguments.of("irregular hours", "0 9,12,15 * * *", "2026-01-01T00:00:00Z", "2026-01-03T13:00:00Z",
                        "2026-01-03T12:00:00Z", Missed.FEW),
                Arguments.of("weekdays only, over a weekend", "30 6-16/4 * * 1-5", "2026-01-02T00:00:00Z",
                        "2026-01-05T07:00:00Z", "2026-01-05T06:30:00Z", Missed.FEW),
                Arguments.of("estimate overshoots an uneven schedule (upstream's arithmetic)", "0 9,10 * * *",
                        "2026-01-01T00:00:00Z", "2026-01-02T08:00:00Z", null, Missed.FEW),
                Arguments.of("@every counts from earliest", "@every 90m", "2026-01-01T00:00:00Z", "2026-01-01T05:00:00Z",
                        "2026-01-01T04:30:00Z", Missed.FEW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("newYork")
    void mostRecentAcrossDaylightSaving(String name, String spec, String earliest, String now, String expectedMostRecent,
            Missed expectedMissed) throws Exception {
        MissedSchedules m = MissedSchedules.compute(OffsetDateTime.parse(earliest).toInstant(),
                OffsetDateTime.parse(now).toInstant(), CronParser.parse(spec, ZoneId.of("America/New_York")));
        assertEquals(Optional.ofNullable(expectedMostRecent).map(s -> OffsetDateTime.parse(s).toInstant()), m.mostRecent());
        assertEquals(expectedMissed, m.missed());
    }

    static Stream<Arguments> newYork() {
        return Stream.of(
                Arguments.of("spring: a skipped local time is not an activation", "0 2 * * *", "2012-03-10T03:00:00-05:00",
                        "2012-03-11T12:00:00-04:00", null, Missed.NONE),
                Arguments.of("spring: hourly across the gap", "0 * * * *", "2012-03-11T00:30:00-05:00",
                        "2012-03-11T03:30:00-04:00", "2012-03-11T03:00:00-04:00", Missed.FEW),
                Arguments.of("fall: the repeated 01:00 is the most recent", "0 1 * * *", "2012-11-04T00:30:00-04:00",
                        "2012-11-04T01:30:00-05:00", "2012-11-04T01:00:00-05:00", Missed.FEW),
                Arguments.of("fall: first 01:00 only, before the repeat", "0 1 * * *", "2012-11-04T00:30:00-04:00",
                        "2012-11-04T01:30:00-04:00", "2012-11-04T01:00:00-04:00", Missed.NONE));
    }

    @Test
    void unsatisfiableScheduleIsAnError() throws Exception {
        CronSchedule never = CronParser.parse("0 0 31 2 *", ZoneOffset.UTC);
        CronParseException e = assertThrows(CronParseException.class,
                () -> MissedSchedules.compute(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z"), never));
        assertEquals("time difference between two schedules is less than 1 second", e.getMessage());
    }
}
