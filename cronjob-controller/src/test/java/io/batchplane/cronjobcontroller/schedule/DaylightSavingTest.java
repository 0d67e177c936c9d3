package io.batchplane.cronjobcontroller.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Activations across daylight-saving transitions, as upstream's cron library computes them: a local
 * time skipped by spring-forward does not run that day; a local time repeated by fall-back runs
 * once per offset.
 */
class DaylightSavingTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void activations(String name, String zone, String spec, String from, String... expected) throws Exception {
        CronSchedule schedule = CronParser.parse(spec, ZoneId.of(zone));
        List<Instant> actual = new ArrayList<>();
        Instant t = OffsetDateTime.parse(from).toInstant();
        for (int i = 0; i < expected.length; i++) {
            t = schedule.next(t).orElseThrow();
            actual.add(t);
        }
        assertEquals(Arrays.stream(expected).map(s -> OffsetDateTime.parse(s).toInstant()).toList(), actual);
    }

    static Stream<Arguments> cases() {
        String ny = "America/New_York";
        String london = "Europe/London";
        return Stream.of(
                // New York, 11 March 2012: 02:00 EST becomes 03:00 EDT.
                Arguments.of("NY spring: hourly skips the missing hour", ny, "0 * * * *", "2012-03-11T00:00:00-05:00",
                        new String[] {"2012-03-11T01:00:00-05:00", "2012-03-11T03:00:00-04:00", "2012-03-11T04:00:00-04:00"}),
                Arguments.of("NY spring: 02:00 daily is skipped that day", ny, "0 2 * * *", "2012-03-11T00:00:00-05:00",
                        new String[] {"2012-03-12T02:00:00-04:00"}),
                Arguments.of("NY spring: 02:30 daily is skipped that day", ny, "30 2 * * *", "2012-03-10T03:00:00-05:00",
                        new String[] {"2012-03-12T02:30:00-04:00", "2012-03-13T02:30:00-04:00"}),
                Arguments.of("NY spring: 01:00 daily runs before the change", ny, "0 1 * * *", "2012-03-11T00:00:00-05:00",
                        new String[] {"2012-03-11T01:00:00-05:00", "2012-03-12T01:00:00-04:00"}),
                Arguments.of("NY spring: 03:00 daily runs right after the change", ny, "0 3 * * *", "2012-03-11T00:00:00-05:00",
                        new String[] {"2012-03-11T03:00:00-04:00", "2012-03-12T03:00:00-04:00"}),
                Arguments.of("NY spring: @daily keeps local midnight", ny, "@daily", "2012-03-10T00:00:00-05:00",
                        new String[] {"2012-03-11T00:00:00-05:00", "2012-03-12T00:00:00-04:00"}),
                // New York, 4 November 2012: 02:00 EDT becomes 01:00 EST.
                Arguments.of("NY fall: hourly runs the repeated hour twice", ny, "0 * * * *", "2012-11-04T00:00:00-04:00",
                        new String[] {"2012-11-04T01:00:00-04:00", "2012-11-04T01:00:00-05:00", "2012-11-04T02:00:00-05:00"}),
                Arguments.of("NY fall: 01:00 daily runs twice", ny, "0 1 * * *", "2012-11-04T00:00:00-04:00",
                        new String[] {"2012-11-04T01:00:00-04:00", "2012-11-04T01:00:00-05:00", "2012-11-05T01:00:00-05:00"}),
                Arguments.of("NY fall: 01:30 after 01:45 EDT is 01:30 EST", ny, "30 1 4 11 *", "2012-11-04T01:45:00-04:00",
                        new String[] {"2012-11-04T01:30:00-05:00"}),
                Arguments.of("NY fall: 02:30 runs once", ny, "30 2 4 11 *", "2012-11-04T00:00:00-04:00",
                        new String[] {"2012-11-04T02:30:00-05:00", "2013-11-04T02:30:00-05:00"}),
                Arguments.of("NY fall: 02:00 daily runs once", ny, "0 2 * * *", "2012-11-04T00:00:00-04:00",
                        new String[] {"2012-11-04T02:00:00-05:00", "2012-11-05T02:00:00-05:00"}),
                Arguments.of("NY fall: every 30 minutes through the repeat", ny, "*/30 * * * *", "2012-11-04T01:00:00-04:00",
                        new String[] {"2012-11-04T01:30:00-04:00", "2012-11-04T01:00:00-05:00", "2012-11-04T01:30:00-05:00",
                            "2012-11-04T02:00:00-05:00"}),
                // London, 29 March 2026: 01:00 GMT becomes 02:00 BST; 25 October 2026: 02:00 BST becomes 01:00 GMT.
                Arguments.of("London spring: 01:30 daily is skipped that day", london, "30 1 * * *", "2026-03-28T12:00:00Z",
                        new String[] {"2026-03-30T01:30:00+01:00"}),
                Arguments.of("London spring: hourly skips 01:00", london, "0 * * * *", "2026-03-29T00:00:00Z",
                        new String[] {"2026-03-29T02:00:00+01:00", "2026-03-29T03:00:00+01:00"}),
                Arguments.of("London fall: 01:30 daily runs twice", london, "30 1 * * *", "2026-10-24T12:00:00+01:00",
                        new String[] {"2026-10-25T01:30:00+01:00", "2026-10-25T01:30:00Z", "2026-10-26T01:30:00Z"}),
                Arguments.of("London: @every ignores wall clocks", london, "@every 1h", "2026-10-25T00:30:00+01:00",
                        new String[] {"2026-10-25T01:30:00+01:00", "2026-10-25T01:30:00Z"}));
    }
}
