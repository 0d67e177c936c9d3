package io.batchplane.apiserver.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ages and durations as kubectl prints them. */
class HumanDurationTest {

    @ParameterizedTest(name = "{0}s -> {1}")
    @CsvSource({"-5,<invalid>", "0,0s", "59,59s", "119,119s", "120,2m", "330,5m30s", "600,10m", "10799,179m",
            "10800,3h", "11400,3h10m", "28800,8h", "172799,47h", "172800,2d", "190800,2d5h", "691200,8d",
            "63072000,2y", "63158400,2y1d", "252288000,8y"})
    void formats(long seconds, String expected) {
        assertEquals(expected, HumanDuration.of(Duration.ofSeconds(seconds)));
    }
}
