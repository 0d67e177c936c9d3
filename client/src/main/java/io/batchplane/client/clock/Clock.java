package io.batchplane.client.clock;

import java.time.Duration;
import java.time.Instant;

/**
 * The one source of time for batchplane components: reading the current instant and running work
 * later. Code that waits or compares with "now" takes a {@code Clock} so tests can replace it with a
 * {@link FakeClock} and move time by hand instead of sleeping.
 */
public interface Clock {

    /** The current instant. */
    Instant now();

    /**
     * Runs {@code task} once, no earlier than {@code delay} from now. Tasks run on a timer thread
     * (or the thread that advances a {@link FakeClock}) and must be short: hand real work elsewhere.
     */
    Timer schedule(Duration delay, Runnable task);

    /** A scheduled task that has not run yet. */
    interface Timer {
        /** Prevents the task from running; false when it already ran or was cancelled. */
        boolean cancel();
    }

    /** The wall clock with a shared daemon timer thread. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
