package io.batchplane.client.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FakeClockTest {

    private final Instant start = Instant.parse("2024-01-01T00:00:00Z");
    private final FakeClock clock = new FakeClock(start);

    @Test
    void timersFireInDueOrderWithNowSetToTheirDueTime() {
        List<String> fired = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(3), () -> fired.add("c@" + clock.now().getEpochSecond() % 60));
        clock.schedule(Duration.ofSeconds(1), () -> fired.add("a@" + clock.now().getEpochSecond() % 60));
        clock.schedule(Duration.ofSeconds(1), () -> fired.add("b@" + clock.now().getEpochSecond() % 60));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of("a@1", "b@1"), fired);
        assertEquals(start.plusSeconds(2), clock.now());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of("a@1", "b@1", "c@3"), fired);
        assertEquals(start.plusSeconds(7), clock.now());
    }

    @Test
    void timersScheduledByTimersFireWithinTheSameAdvance() {
        List<Instant> fired = new ArrayList<>();
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            fired.add(clock.now());
            clock.schedule(Duration.ofSeconds(2), tick[0]);
        };
        clock.schedule(Duration.ofSeconds(2), tick[0]);
        clock.advance(Duration.ofSeconds(7));
        assertEquals(List.of(start.plusSeconds(2), start.plusSeconds(4), start.plusSeconds(6)), fired);
        assertEquals(1, clock.pendingTimers());
    }

    @Test
    void cancelledTimersDoNotFire() {
        List<String> fired = new ArrayList<>();
        Clock.Timer t = clock.schedule(Duration.ofSeconds(1), () -> fired.add("x"));
        assertTrue(t.cancel());
        assertFalse(t.cancel());
        clock.advance(Duration.ofSeconds(5));
        assertTrue(fired.isEmpty());
    }

    @Test
    void timeNeverGoesBack() {
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
        clock.setTime(start.minusSeconds(10));
        assertEquals(start, clock.now());
    }

    @Test
    void systemClockRunsTimersInRealTime() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        Clock.system().schedule(Duration.ofMillis(10), ran::countDown);
        assertTrue(ran.await(5, TimeUnit.SECONDS));
    }
}
