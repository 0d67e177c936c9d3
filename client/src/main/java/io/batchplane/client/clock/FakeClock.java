package io.batchplane.client.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A clock that only moves when told to. {@link #advance(Duration)} runs every timer that falls due,
 * in due-time order (ties in scheduling order), on the calling thread, with {@link #now()} set to
 * each timer's due time while it runs; timers those tasks schedule run too when they fall due
 * within the same advance. Lives in main so other modules' tests can drive time.
 */
public final class FakeClock implements Clock {

    private final PriorityQueue<Entry> timers = new PriorityQueue<>();
    private Instant now;
    private long sequence;

    public FakeClock(Instant start) {
        this.now = start;
    }

    /** A fake clock starting at 2024-01-01T00:00:00Z. */
    public FakeClock() {
        this(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Timer schedule(Duration delay, Runnable task) {
        Duration d = delay.isNegative() ? Duration.ZERO : delay;
        Entry e = new Entry(now.plus(d), sequence++, task);
        timers.add(e);
        return () -> {
            synchronized (FakeClock.this) {
                return timers.remove(e);
            }
        };
    }

    /** Moves time forward by {@code d}, running each timer that falls due on the way. */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + d);
        }
        Instant target;
        synchronized (this) {
            target = now.plus(d);
        }
        while (true) {
            Entry due;
            synchronized (this) {
                Entry head = timers.peek();
                if (head == null || head.at.isAfter(target)) {
                    now = target;
                    return;
                }
                due = timers.poll();
                if (due.at.isAfter(now)) {
                    now = due.at;
                }
            }
            due.task.run();
        }
    }

    /** Moves time to {@code t} (not backwards), running due timers. */
    public void setTime(Instant t) {
        Duration d;
        synchronized (this) {
            d = Duration.between(now, t);
        }
        advance(d.isNegative() ? Duration.ZERO : d);
    }

    /** How many timers wait to run: tests use it to see that asynchronous work has settled. */
    public synchronized int pendingTimers() {
        return timers.size();
    }

    /** The due times of the waiting timers, earliest first. */
    public synchronized List<Instant> pendingDueTimes() {
        List<Entry> copy = new ArrayList<>(timers);
        copy.sort(null);
        return copy.stream().map(e -> e.at).toList();
    }

    private record Entry(Instant at, long seq, Runnable task) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
