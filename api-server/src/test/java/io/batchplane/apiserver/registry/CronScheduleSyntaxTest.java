package io.batchplane.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cron schedule syntax: accepted forms, and the parser's message for each rejected one. */
class CronScheduleSyntaxTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String schedule, String error) {
        assertEquals(Optional.ofNullable(error), CronScheduleSyntax.check(schedule));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("* * * * *", null),
                Arguments.of("*/5 * * * ?", null),
                Arguments.of("0 0 1 1 *", null),
                Arguments.of("0,15,30,45 8-18 * * mon-fri", null),
                Arguments.of("30 2 * JAN,jul SUN", null),
                Arguments.of("5-55/10 */2 1-31/3 1-12 0-6", null),
                Arguments.of("10/15 * * * *", null),
                Arguments.of("  0  0  *  *  *  ", null),
                Arguments.of("@yearly", null),
                Arguments.of("@annually", null),
                Arguments.of("@monthly", null),
                Arguments.of("@weekly", null),
                Arguments.of("@daily", null),
                Arguments.of("@midnight", null),
                Arguments.of("@hourly", null),
                Arguments.of("@every 1h30m", null),
                Arguments.of("TZ=UTC 0 0 * * *", null),
                Arguments.of("", "empty spec string"),
                Arguments.of("* * * *", "expected exactly 5 fields, found 4: [* * * *]"),
                Arguments.of("* * * * * *", "expected exactly 5 fields, found 6: [* * * * * *]"),
                Arguments.of("@fortnightly", "unrecognized descriptor: @fortnightly"),
                Arguments.of("@every soon", "failed to parse duration @every soon: time: invalid duration \"soon\""),
                Arguments.of("60 * * * *", "end of range (60) above maximum (59): 60"),
                Arguments.of("* 24 * * *", "end of range (24) above maximum (23): 24"),
                Arguments.of("* * 0 * *", "beginning of range (0) below minimum (1): 0"),
                Arguments.of("* * 32 * *", "end of range (32) above maximum (31): 32"),
                Arguments.of("* * * 13 *", "end of range (13) above maximum (12): 13"),
                Arguments.of("* * * * 7", "end of range (7) above maximum (6): 7"),
                Arguments.of("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"),
                Arguments.of("1-2-3 * * * *", "too many hyphens: 1-2-3"),
                Arguments.of("*/2/3 * * * *", "too many slashes: */2/3"),
                Arguments.of("*/0 * * * *", "step of range should be a positive number: */0"),
                Arguments.of("x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax"),
                Arguments.of("* * * foo *", "failed to parse int from foo: strconv.Atoi: parsing \"foo\": invalid syntax"),
                Arguments.of("1,,2 * * * *", "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax"));
    }
}
