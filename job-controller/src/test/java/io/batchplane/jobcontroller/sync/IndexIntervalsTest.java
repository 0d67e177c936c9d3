package io.batchplane.jobcontroller.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IndexIntervalsTest {

    static Stream<Arguments> parseCases() {
        return Stream.of(
                Arguments.of("empty text", "", 10, "", 0),
                Arguments.of("null text", null, 10, "", 0),
                Arguments.of("single index", "3", 10, "3", 1),
                Arguments.of("pair is written with a comma", "3-4", 10, "3,4", 2),
                Arguments.of("run of three with a dash", "3,4,5", 10, "3-5", 3),
                Arguments.of("mixed", "1,3-5,7", 10, "1,3-5,7", 5),
                Arguments.of("adjacent intervals merge", "0-2,3-4", 10, "0-4", 5),
                Arguments.of("unsorted input is normalised", "7,1,3-5", 10, "1,3-5,7", 5),
                Arguments.of("cut at completions", "0-9", 5, "0-4", 5),
                Arguments.of("index beyond completions dropped", "1,8", 5, "1", 1),
                Arguments.of("garbage reads as empty", "1,x", 10, "", 0),
                Arguments.of("reversed interval reads as empty", "5-3", 10, "", 0),
                Arguments.of("negative reads as empty", "-1", 10, "", 0),
                Arguments.of("three limits read as empty", "1-2-3", 10, "", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parseCases")
    void parsesAndFormats(String name, String text, int completions, String expected, int total) {
        IndexIntervals parsed = IndexIntervals.parse(text, completions);
        assertEquals(expected, parsed.toString());
        assertEquals(total, parsed.total());
    }

    static Stream<Arguments> withCases() {
        return Stream.of(
                Arguments.of("add to empty", "", List.of(2, 0, 1), "0-2"),
                Arguments.of("fill a gap", "1,3", List.of(2), "1-3"),
                Arguments.of("duplicates ignored", "1-3", List.of(2, 3), "1-3"),
                Arguments.of("extend at both ends", "2,3", List.of(1, 4), "1-4"),
                Arguments.of("nothing added", "5", List.of(), "5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withCases")
    void unions(String name, String start, List<Integer> more, String expected) {
        assertEquals(expected, IndexIntervals.parse(start, 100).with(more).toString());
    }

    static Stream<Arguments> hasCases() {
        return Stream.of(
                Arguments.of("inside run", "1,3-5", 4, true),
                Arguments.of("run start", "1,3-5", 3, true),
                Arguments.of("gap", "1,3-5", 2, false),
                Arguments.of("before all", "1,3-5", 0, false),
                Arguments.of("after all", "1,3-5", 6, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hasCases")
    void membership(String name, String text, int index, boolean expected) {
        assertEquals(expected, IndexIntervals.parse(text, 100).has(index));
    }

    @org.junit.jupiter.api.Test
    void unionOfTwoSets() {
        IndexIntervals a = IndexIntervals.parse("0,4", 10);
        IndexIntervals b = IndexIntervals.parse("1-3", 10);
        assertEquals("0-4", a.union(b).toString());
        assertTrue(IndexIntervals.empty().isEmpty());
        assertFalse(a.isEmpty());
        assertEquals(List.of(0, 4), a.toList());
    }
}
