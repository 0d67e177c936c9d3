package io.batchplane.client.workqueue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-item exponential backoff: the n-th consecutive failure of an item waits
 * {@code base * 2^(n-1)}, never more than {@code max}. {@link #forget} resets an item after it
 * succeeds. Upstream's default for controllers is 5 ms base and 1000 s cap. Thread-safe.
 */
public final class ItemExponentialBackoff<K> {

    public static final Duration DEFAULT_BASE = Duration.ofMillis(5);
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(1000);

    private final Duration base;
    private final Duration max;
    private final Map<K, Integer> failures = new HashMap<>();

    public ItemExponentialBackoff(Duration base, Duration max) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= max, got " + base + ", " + max);
        }
        this.base = base;
        this.max = max;
    }

    public ItemExponentialBackoff() {
        this(DEFAULT_BASE, DEFAULT_MAX);
    }

    /** Records one more failure of {@code item} and returns how long it should wait. */
    public synchronized Duration when(K item) {
        int exp = failures.merge(item, 1, Integer::sum) - 1;
        // 2^62 nanos overflow a long; anything that large is past any sane cap anyway.
        if (exp >= 62) {
            return max;
        }
        long factor = 1L << exp;
        long baseNanos = base.toNanos();
        if (baseNanos > Long.MAX_VALUE / factor) {
            return max;
        }
        Duration d = Duration.ofNanos(baseNanos * factor);
        return d.compareTo(max) > 0 ? max : d;
    }

    /** How many times {@code item} has failed since it was last forgotten. */
    public synchronized int numRequeues(K item) {
        return failures.getOrDefault(item, 0);
    }

    /** Clears the failure history of {@code item}. */
    public synchronized void forget(K item) {
        failures.remove(item);
    }
}
