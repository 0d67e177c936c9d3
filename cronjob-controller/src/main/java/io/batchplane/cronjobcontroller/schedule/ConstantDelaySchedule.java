package io.batchplane.cronjobcontroller.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code @every <duration>}: activations a fixed delay apart, counted from whatever time the caller
 * asks about (the CronJob's creation or last schedule time). As upstream, the delay is truncated to
 * whole seconds and is at least one second; time zones play no part.
 */
public record ConstantDelaySchedule(Duration delay) implements CronSchedule {

    /** The schedule for {@code @every d}: {@code d} truncated to seconds, raised to one second. */
    public static ConstantDelaySchedule every(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return new ConstantDelaySchedule(Duration.ofSeconds(1));
        }
        return new ConstantDelaySchedule(Duration.ofSeconds(d.getSeconds()));
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return Optional.of(after.plus(delay).minusNanos(after.getNano()));
    }
}
