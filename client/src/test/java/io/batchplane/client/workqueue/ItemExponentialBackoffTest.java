package io.batchplane.client.workqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ItemExponentialBackoffTest {

    @Test
    void doublesFromFiveMillisAndCapsAtThousandSeconds() {
        ItemExponentialBackoff<String> b = new ItemExponentialBackoff<>();
        assertEquals(Duration.ofMillis(5), b.when("a"));
        assertEquals(Duration.ofMillis(10), b.when("a"));
        assertEquals(Duration.ofMillis(20), b.when("a"));
        assertEquals(3, b.numRequeues("a"));
        assertEquals(Duration.ofMillis(5), b.when("b"), "items back off independently");
        for (int i = 0; i < 100; i++) {
            b.when("a");
        }
        assertEquals(Duration.ofSeconds(1000), b.when("a"));
    }

    @Test
    void capIsReachedExactlyWhenTheDoublingPassesIt() {
        ItemExponentialBackoff<String> b = new ItemExponentialBackoff<>();
        Duration last = Duration.ZERO;
        int steps = 0;
        while (!last.equals(Duration.ofSeconds(1000))) {
            last = b.when("x");
            steps++;
        }
        // 5 ms * 2^17 = 655.36 s < 1000 s < 5 ms * 2^18: the 19th failure hits the cap.
        assertEquals(19, steps);
    }

    @Test
    void forgetResetsTheItem() {
        ItemExponentialBackoff<String> b = new ItemExponentialBackoff<>();
        b.when("a");
        b.when("a");
        b.forget("a");
        assertEquals(0, b.numRequeues("a"));
        assertEquals(Duration.ofMillis(5), b.when("a"));
    }
}
