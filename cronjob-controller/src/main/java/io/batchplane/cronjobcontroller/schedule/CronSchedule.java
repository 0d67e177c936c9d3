package io.batchplane.cronjobcontroller.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * A parsed CronJob schedule: the activation times it describes, in the time zone it was parsed for.
 * Implementations are immutable and thread-safe.
 */
public interface CronSchedule {

    /**
     * The first activation strictly after {@code after} (sub-second parts of {@code after} are
     * ignored, so the result is always on a whole second). Empty when no activation exists within
     * five years of {@code after}, as for {@code 0 0 30 2 *}.
     */
    Optional<Instant> next(Instant after);
}
