package io.batchplane.client.informer;

import java.time.Duration;

/**
 * How long an informer waits before retrying after consecutive failures: the first retry is
 * immediate (a dropped stream usually just needs reopening), then {@code initial} doubling up to
 * {@code max}. Upstream reflectors use 800 ms and 30 s.
 */
public record WatchBackoff(Duration initial, Duration max) {

    public static final WatchBackoff DEFAULT = new WatchBackoff(Duration.ofMillis(800), Duration.ofSeconds(30));

    /** The wait before retry number {@code failures} (1 for the first failure in a row). */
    public Duration delay(int failures) {
        if (failures <= 1) {
            return Duration.ZERO;
        }
        int exp = Math.min(failures - 2, 30);
        Duration d = initial.multipliedBy(1L << exp);
        return d.compareTo(max) > 0 ? max : d;
    }
}
