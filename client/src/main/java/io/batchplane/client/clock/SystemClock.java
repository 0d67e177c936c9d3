package io.batchplane.client.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wall clock. Timers run on one shared daemon thread, so a task must only hand work on (to a
 * queue or an executor) and never block.
 */
public final class SystemClock implements Clock {

    static final SystemClock INSTANCE = new SystemClock();

    private final ScheduledThreadPoolExecutor timers;

    private SystemClock() {
        AtomicInteger n = new AtomicInteger();
        timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "batchplane-clock-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        long nanos = Math.max(0, delay.toNanos());
        ScheduledFuture<?> f = timers.schedule(task, nanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
