package io.batchplane.client.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchplane.client.Await;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The loop's contract on a fake clock: first round after one period, failures don't end it, stop does. */
class PeriodicTaskTest {

    private static final Duration PERIOD = Duration.ofSeconds(20);

    /** Advances the clock by one period once the task has parked its next timer. */
    private static void nextPeriod(FakeClock clock) {
        Await.until("the next round is scheduled", () -> clock.pendingTimers() == 1);
        clock.advance(PERIOD);
    }

    @Test
    void theFirstRoundComesOnePeriodAfterStartAndEveryPeriodAfterThat() {
        FakeClock clock = new FakeClock();
        AtomicInteger rounds = new AtomicInteger();
        PeriodicTask task = new PeriodicTask(clock, PERIOD, "test-loop", rounds::incrementAndGet);
        task.start();
        clock.advance(PERIOD.minusSeconds(1));
        assertEquals(0, rounds.get(), "nothing before one period");
        clock.advance(Duration.ofSeconds(1));
        Await.until("first round", () -> rounds.get() == 1);
        nextPeriod(clock);
        Await.until("second round", () -> rounds.get() == 2);
        task.stop();
    }

    @Test
    void aRoundThatThrowsDoesNotEndTheLoop() {
        FakeClock clock = new FakeClock();
        AtomicInteger rounds = new AtomicInteger();
        PeriodicTask task = new PeriodicTask(clock, PERIOD, "test-loop", () -> {
            rounds.incrementAndGet();
            throw new IllegalStateException("boom");
        });
        task.start();
        nextPeriod(clock);
        Await.until("first round", () -> rounds.get() == 1);
        nextPeriod(clock);
        Await.until("a round after the failed one", () -> rounds.get() == 2);
        task.stop();
    }

    @Test
    void noRoundAfterStop() {
        FakeClock clock = new FakeClock();
        AtomicInteger rounds = new AtomicInteger();
        PeriodicTask task = new PeriodicTask(clock, PERIOD, "test-loop", rounds::incrementAndGet);
        task.start();
        task.stop();
        clock.advance(PERIOD.multipliedBy(3));
        assertEquals(0, clock.pendingTimers(), "the pending timer was cancelled");
        assertEquals(0, rounds.get());
    }
}
