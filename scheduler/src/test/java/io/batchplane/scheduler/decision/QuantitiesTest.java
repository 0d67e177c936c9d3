package io.batchplane.scheduler.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuantitiesTest {

    static Stream<Arguments> millis() {
        return Stream.of(
                Arguments.of("millicores", "100m", 100L),
                Arguments.of("one core", "1", 1000L),
                Arguments.of("fractional cores", "1.5", 1500L),
                Arguments.of("fraction of a millicore rounds up", "0.0001", 1L),
                Arguments.of("zero", "0", 0L),
                Arguments.of("kilo cores", "2k", 2_000_000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("millis")
    void milliValue(String name, String q, long expected) {
        assertEquals(expected, Quantities.milliValue(q));
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("plain bytes", "128974848", 128974848L),
                Arguments.of("binary mebi", "512Mi", 512L * 1024 * 1024),
                Arguments.of("binary gibi", "1Gi", 1L << 30),
                Arguments.of("decimal giga", "1G", 1_000_000_000L),
                Arguments.of("decimal kilo", "129k", 129_000L),
                Arguments.of("exponent", "129e6", 129_000_000L),
                Arguments.of("milli bytes round up", "1500m", 2L),
                Arguments.of("pods count", "110", 110L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void value(String name, String q, long expected) {
        assertEquals(expected, Quantities.value(q));
    }

    @Test
    void nullIsZero() {
        assertEquals(0, Quantities.value((io.fabric8.kubernetes.api.model.Quantity) null));
        assertEquals(0, Quantities.milliValue((io.fabric8.kubernetes.api.model.Quantity) null));
    }

    @Test
    void garbageIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Quantities.value("lots"));
    }
}
