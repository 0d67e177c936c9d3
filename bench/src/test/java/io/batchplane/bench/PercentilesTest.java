package io.batchplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRank() {
        Percentiles p = new Percentiles(List.of(5.0, 1.0, 4.0, 2.0, 3.0, 10.0, 9.0, 8.0, 7.0, 6.0));
        assertEquals(5.0, p.at(0.5), "median of 1..10 by nearest rank");
        assertEquals(10.0, p.at(0.99));
        assertEquals(1.0, p.at(0.0));
        assertEquals(10, p.count());
    }

    @Test
    void singleValue() {
        assertEquals(7.0, new Percentiles(List.of(7.0)).at(0.99));
    }

    @Test
    void emptySampleIsNaN() {
        assertTrue(Double.isNaN(new Percentiles(List.of()).at(0.5)));
    }
}
