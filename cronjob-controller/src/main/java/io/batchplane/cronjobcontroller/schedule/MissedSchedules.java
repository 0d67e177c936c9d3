package io.batchplane.cronjobcontroller.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The schedule a controller that woke up at {@code now} should act on, given the earliest time it
 * still cares about (the CronJob's last schedule time, or its creation, or the starting deadline).
 *
 * <p>As upstream, the number of activations missed since {@code earliest} is estimated
 * arithmetically (elapsed time divided by the gap between the first two activations after
 * {@code earliest}), never by walking every one, so a CronJob that was down for years costs no more
 * than one that was not; the exact most recent activation is then found by stepping from one gap
 * before the estimate. More than {@value #TOO_MANY} estimated misses is reported as
 * {@link Missed#MANY}, but the most recent activation is still returned.
 *
 * @param earliest the starting point used
 * @param mostRecent the latest activation in {@code (earliest, now]}, if any
 * @param missed how many activations were passed over
 */
public record MissedSchedules(Instant earliest, Optional<Instant> mostRecent, Missed missed) {

    /** The count above which misses are "many". */
    public static final int TOO_MANY = 100;

    /** How many activations lie in {@code (earliest, now]} beyond the first. */
    public enum Missed { NONE, FEW, MANY }

    /**
     * Computes the most recent activation of {@code schedule} after {@code earliest} and at or before
     * {@code now}.
     *
     * @throws CronParseException when two consecutive activations are less than a second apart or do
     *     not exist (an unsatisfiable schedule such as {@code 0 0 31 2 *}); upstream words this
     *     "time difference between two schedules is less than 1 second"
     */
    public static MissedSchedules compute(Instant earliest, Instant now, CronSchedule schedule) throws CronParseException {
        Optional<Instant> first = schedule.next(earliest);
        Optional<Instant> second = first.flatMap(schedule::next);
        if (first.isPresent() && now.isBefore(first.get())) {
            return new MissedSchedules(earliest, Optional.empty(), Missed.NONE);
        }
        if (first.isPresent() && second.isPresent() && now.isBefore(second.get())) {
            return new MissedSchedules(earliest, first, Missed.NONE);
        }
        long gapSeconds = first.isPresent() && second.isPresent() ? roundedSeconds(Duration.between(first.get(), second.get())) : 0;
        if (gapSeconds < 1) {
            throw new CronParseException("time difference between two schedules is less than 1 second");
        }
        long elapsedSeconds = Duration.between(first.get(), now).getSeconds();
        long missed = elapsedSeconds / gapSeconds + 1;
        Instant from = first.get().plusSeconds((missed - 2) * gapSeconds);
        Instant mostRecent = null;
        for (Optional<Instant> t = schedule.next(from); t.isPresent() && !t.get().isAfter(now); t = schedule.next(t.get())) {
            mostRecent = t.get();
        }
        return new MissedSchedules(earliest, Optional.ofNullable(mostRecent), missed > TOO_MANY ? Missed.MANY : Missed.FEW);
    }

    private static long roundedSeconds(Duration d) {
        long seconds = d.getSeconds();
        return d.getNano() >= 500_000_000 ? seconds + 1 : seconds;
    }
}
