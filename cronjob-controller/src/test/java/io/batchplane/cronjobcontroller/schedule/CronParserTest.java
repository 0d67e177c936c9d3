package io.batchplane.cronjobcontroller.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every accepted syntax form, proven by the activations it yields; every rejected form, by its message. */
class CronParserTest {

    /** Thursday, 1 January 2026, midnight UTC. */
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void activations(String name, String spec, String... expected) throws Exception {
        CronSchedule schedule = CronParser.parse(spec, ZoneOffset.UTC);
        List<Instant> actual = new ArrayList<>();
        Instant t = FROM;
        for (int i = 0; i < expected.length; i++) {
            Optional<Instant> next = schedule.next(t);
            if (next.isEmpty()) {
                break;
            }
            actual.add(next.get());
            t = next.get();
        }
        assertEquals(Arrays.stream(expected).map(s -> OffsetDateTime.parse(s).toInstant()).toList(), actual);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("every minute", "* * * * *",
                        new String[] {"2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z", "2026-01-01T00:03:00Z"}),
                Arguments.of("? as wildcard", "* * ? * ?",
                        new String[] {"2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z"}),
                Arguments.of("minute step", "*/15 * * * *",
                        new String[] {"2026-01-01T00:15:00Z", "2026-01-01T00:30:00Z", "2026-01-01T00:45:00Z", "2026-01-01T01:00:00Z"}),
                Arguments.of("single value", "5 * * * *",
                        new String[] {"2026-01-01T00:05:00Z", "2026-01-01T01:05:00Z", "2026-01-01T02:05:00Z"}),
                Arguments.of("range with step", "0 9-17/4 * * *",
                        new String[] {"2026-01-01T09:00:00Z", "2026-01-01T13:00:00Z", "2026-01-01T17:00:00Z", "2026-01-02T09:00:00Z"}),
                Arguments.of("list", "0,30 8 * * *",
                        new String[] {"2026-01-01T08:00:00Z", "2026-01-01T08:30:00Z", "2026-01-02T08:00:00Z"}),
                Arguments.of("value with step means value-max/step", "10/20 * * * *",
                        new String[] {"2026-01-01T00:10:00Z", "2026-01-01T00:30:00Z", "2026-01-01T00:50:00Z", "2026-01-01T01:10:00Z"}),
                Arguments.of("weekday name range", "0 0 * * mon-fri",
                        new String[] {"2026-01-02T00:00:00Z", "2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z"}),
                Arguments.of("month names, any case", "0 0 1 jan,JUL *",
                        new String[] {"2026-07-01T00:00:00Z", "2027-01-01T00:00:00Z", "2027-07-01T00:00:00Z"}),
                Arguments.of("weekday name with ? day of month", "0 0 ? * SUN",
                        new String[] {"2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z", "2026-01-18T00:00:00Z"}),
                Arguments.of("both day fields restricted: either matches", "0 12 13 * 5",
                        new String[] {"2026-01-02T12:00:00Z", "2026-01-09T12:00:00Z", "2026-01-13T12:00:00Z", "2026-01-16T12:00:00Z"}),
                Arguments.of("day range and weekday: either matches", "0 12 1-7 * 1",
                        new String[] {"2026-01-01T12:00:00Z", "2026-01-02T12:00:00Z", "2026-01-03T12:00:00Z"}),
                Arguments.of("*/1 day of month is still a wildcard: weekday decides", "0 12 */1 * 5",
                        new String[] {"2026-01-02T12:00:00Z", "2026-01-09T12:00:00Z", "2026-01-16T12:00:00Z"}),
                Arguments.of("*/2 day of month is a restriction: either matches", "0 12 */2 * 5",
                        new String[] {"2026-01-01T12:00:00Z", "2026-01-02T12:00:00Z", "2026-01-03T12:00:00Z", "2026-01-05T12:00:00Z"}),
                Arguments.of("day of month range with step", "0 0 1-5/2 * *",
                        new String[] {"2026-01-03T00:00:00Z", "2026-01-05T00:00:00Z", "2026-02-01T00:00:00Z"}),
                Arguments.of("end of year", "59 23 31 12 *",
                        new String[] {"2026-12-31T23:59:00Z", "2027-12-31T23:59:00Z"}),
                Arguments.of("leap day", "0 0 29 2 *",
                        new String[] {"2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"}),
                Arguments.of("never: 31 February", "0 0 31 2 *", new String[] {}),
                Arguments.of("empty list items are skipped", "1,,2 * * * *",
                        new String[] {"2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z", "2026-01-01T01:01:00Z"}),
                Arguments.of("extra whitespace", "  0  0  *  *  *  ",
                        new String[] {"2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"}),
                Arguments.of("@yearly", "@yearly", new String[] {"2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"}),
                Arguments.of("@annually", "@annually", new String[] {"2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"}),
                Arguments.of("@monthly", "@monthly", new String[] {"2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"}),
                Arguments.of("@weekly is Sunday midnight", "@weekly",
                        new String[] {"2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"}),
                Arguments.of("@daily", "@daily", new String[] {"2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"}),
                Arguments.of("@midnight", "@midnight", new String[] {"2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"}),
                Arguments.of("@hourly", "@hourly", new String[] {"2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z"}),
                Arguments.of("@every with Go duration", "@every 1h30m",
                        new String[] {"2026-01-01T01:30:00Z", "2026-01-01T03:00:00Z"}),
                Arguments.of("@every below a second is a second", "@every 500ms",
                        new String[] {"2026-01-01T00:00:01Z", "2026-01-01T00:00:02Z"}),
                Arguments.of("@every fractional hours", "@every 1.5h",
                        new String[] {"2026-01-01T01:30:00Z"}),
                Arguments.of("TZ= prefix overrides the zone", "TZ=Asia/Tokyo 0 9 * * *",
                        new String[] {"2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"}),
                Arguments.of("CRON_TZ= prefix overrides the zone", "CRON_TZ=America/New_York 30 8 * * *",
                        new String[] {"2026-01-01T13:30:00Z", "2026-01-02T13:30:00Z"}),
                Arguments.of("TZ= prefix with a descriptor", "TZ=Asia/Tokyo @daily",
                        new String[] {"2026-01-01T15:00:00Z", "2026-01-02T15:00:00Z"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejects(String spec, String message) {
        CronParseException e = assertThrows(CronParseException.class, () -> CronParser.parse(spec, ZoneId.of("UTC")));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("", "empty spec string"),
                Arguments.of("* * * *", "expected exactly 5 fields, found 4: [* * * *]"),
                Arguments.of("* * * * * *", "expected exactly 5 fields, found 6: [* * * * * *]"),
                Arguments.of("TZ=UTC", "expected exactly 5 fields, found 0: []"),
                Arguments.of("@fortnightly", "unrecognized descriptor: @fortnightly"),
                Arguments.of("@YEARLY", "unrecognized descriptor: @YEARLY"),
                Arguments.of("@every soon", "failed to parse duration @every soon: time: invalid duration \"soon\""),
                Arguments.of("@every 5", "failed to parse duration @every 5: time: missing unit in duration \"5\""),
                Arguments.of("@every 5d", "failed to parse duration @every 5d: time: unknown unit \"d\" in duration \"5d\""),
                Arguments.of("60 * * * *", "end of range (60) above maximum (59): 60"),
                Arguments.of("* 24 * * *", "end of range (24) above maximum (23): 24"),
                Arguments.of("* * 0 * *", "beginning of range (0) below minimum (1): 0"),
                Arguments.of("* * 32 * *", "end of range (32) above maximum (31): 32"),
                Arguments.of("* * * 0 *", "beginning of range (0) below minimum (1): 0"),
                Arguments.of("* * * 13 *", "end of range (13) above maximum (12): 13"),
                Arguments.of("* * * * 7", "end of range (7) above maximum (6): 7"),
                Arguments.of("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"),
                Arguments.of("* * * * fri-mon", "beginning of range (5) beyond end of range (1): fri-mon"),
                Arguments.of("1-2-3 * * * *", "too many hyphens: 1-2-3"),
                Arguments.of("*/2/3 * * * *", "too many slashes: */2/3"),
                Arguments.of("*/0 * * * *", "step of range should be a positive number: */0"),
                Arguments.of("x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax"),
                Arguments.of("* * * foo *", "failed to parse int from foo: strconv.Atoi: parsing \"foo\": invalid syntax"),
                Arguments.of("* * * * mon-xyz", "failed to parse int from xyz: strconv.Atoi: parsing \"xyz\": invalid syntax"),
                Arguments.of("0 0 L * *", "failed to parse int from L: strconv.Atoi: parsing \"L\": invalid syntax"),
                Arguments.of("TZ=Mars/Olympus 0 0 * * *", "provided bad location Mars/Olympus: unknown time zone Mars/Olympus"));
    }
}
