package io.batchplane.client.workqueue;

import io.batchplane.client.clock.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The controller work queue, with upstream client-go semantics:
 * <ul>
 * <li>a key is queued at most once however often it is added before a worker takes it;</li>
 * <li>a key is processed by one worker at a time: added while a worker holds it, it is queued again
 * only when that worker calls {@link #done};</li>
 * <li>{@link #addAfter} parks a key until the {@link Clock} reaches its time; a key parked twice keeps
 * the earlier time;</li>
 * <li>{@link #addRateLimited} parks a key for its per-item exponential backoff, reset by {@link #forget}.</li>
 * </ul>
 * There is no global QPS throttle. After {@link #shutdown} adds are ignored, workers drain what is
 * queued and then {@link #get} returns null.
 */
public final class RateLimitingQueue<K> {

    private final Clock clock;
    private final ItemExponentialBackoff<K> backoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<K> queue = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final Map<K, Parked> waiting = new HashMap<>();
    private boolean shuttingDown;

    public RateLimitingQueue(Clock clock, ItemExponentialBackoff<K> backoff) {
        this.clock = clock;
        this.backoff = backoff;
    }

    /** A queue with upstream's default backoff (5 ms doubling up to 1000 s). */
    public RateLimitingQueue(Clock clock) {
        this(clock, new ItemExponentialBackoff<>());
    }

    /** Queues {@code key} unless it is already queued; held by a worker, it is queued after {@code done}. */
    public void add(K key) {
        lock.lock();
        try {
            if (shuttingDown || !dirty.add(key)) {
                return;
            }
            if (!processing.contains(key)) {
                queue.addLast(key);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next key, waiting for one; null once shut down and drained. The caller must call
     * {@link #done} with the key when finished with it.
     */
    public K get() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && !shuttingDown) {
                notEmpty.await();
            }
            return take();
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #get} but waits at most {@code timeout}; null when nothing came. */
    public K poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (queue.isEmpty() && !shuttingDown && nanos > 0) {
                nanos = notEmpty.awaitNanos(nanos);
            }
            return take();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the next key without waiting; null when none is queued. */
    public K tryGet() {
        lock.lock();
        try {
            return take();
        } finally {
            lock.unlock();
        }
    }

    private K take() {
        K key = queue.pollFirst();
        if (key != null) {
            processing.add(key);
            dirty.remove(key);
        }
        return key;
    }

    /** Marks {@code key} as no longer being processed; queues it again if it was added meanwhile. */
    public void done(K key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirty.contains(key)) {
                queue.addLast(key);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code key} once {@code delay} has passed on the clock; at once when not positive. */
    public void addAfter(K key, Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            add(key);
            return;
        }
        lock.lock();
        try {
            if (shuttingDown) {
                return;
            }
            Instant readyAt = clock.now().plus(delay);
            Parked existing = waiting.get(key);
            if (existing != null) {
                if (!existing.readyAt.isAfter(readyAt)) {
                    return;
                }
                existing.timer.cancel();
            }
            Parked parked = new Parked(readyAt);
            waiting.put(key, parked);
            // The clock may run the task before schedule() returns; the lock we hold makes it wait.
            parked.timer = clock.schedule(delay, () -> release(key, parked));
        } finally {
            lock.unlock();
        }
    }

    private void release(K key, Parked parked) {
        lock.lock();
        try {
            if (waiting.get(key) != parked) {
                return;
            }
            waiting.remove(key);
            add(key);
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code key} after its backoff, which grows with each call until {@link #forget}. */
    public void addRateLimited(K key) {
        addAfter(key, backoff.when(key));
    }

    /** Clears the backoff history of {@code key} (it does not remove the key from the queue). */
    public void forget(K key) {
        backoff.forget(key);
    }

    /** How many times {@code key} was rate-limited since it was last forgotten. */
    public int numRequeues(K key) {
        return backoff.numRequeues(key);
    }

    /** Keys queued and ready for a worker (not those held by workers nor parked for later). */
    public int len() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting keys, drops parked ones and wakes every waiting worker. */
    public void shutdown() {
        lock.lock();
        try {
            shuttingDown = true;
            waiting.values().forEach(p -> p.timer.cancel());
            waiting.clear();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isShuttingDown() {
        lock.lock();
        try {
            return shuttingDown;
        } finally {
            lock.unlock();
        }
    }

    private static final class Parked {
        final Instant readyAt;
        Clock.Timer timer;

        Parked(Instant readyAt) {
            this.readyAt = readyAt;
        }
    }
}
