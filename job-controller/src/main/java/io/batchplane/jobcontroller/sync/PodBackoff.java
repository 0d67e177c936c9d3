package io.batchplane.jobcontroller.sync;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The delay before a failed pod is replaced: none after no failure, then {@code podFailureBackoff} doubling with
 * each consecutive failure up to {@code maxPodFailureBackoff}, measured from the newest failure.
 * A success resets the count: only failures that finished after the newest success (of the same sync) count.
 */
public final class PodBackoff {
    private PodBackoff() {
    }

    /** The record after this sync's newly finished pods (those not yet in the Job's counters). */
    public static BackoffRecord next(BackoffRecord previous, List<Pod> newSucceeded, List<Pod> newFailed) {
        BackoffRecord prev = previous == null ? BackoffRecord.NONE : previous;
        if (newFailed.isEmpty()) {
            return newSucceeded.isEmpty() ? prev : BackoffRecord.NONE;
        }
        List<Instant> failures = newFailed.stream().map(PodFacts::finishedTime).sorted().toList();
        if (newSucceeded.isEmpty()) {
            return new BackoffRecord(prev.failuresAfterLastSuccess() + failures.size(), failures.get(failures.size() - 1));
        }
        Instant lastSuccess = newSucceeded.stream().map(PodFacts::finishedTime)
                .max(Comparator.naturalOrder()).orElseThrow();
        List<Instant> after = failures.stream().filter(t -> t.isAfter(lastSuccess)).toList();
        return after.isEmpty() ? BackoffRecord.NONE : new BackoffRecord(after.size(), after.get(after.size() - 1));
    }

    /** How long pod creation must still wait; zero when it may go ahead. */
    public static Duration remaining(BackoffRecord record, Instant now, JobControllerConfig cfg) {
        return remaining(record.failuresAfterLastSuccess(), record.lastFailureTime(), now, cfg);
    }

    /** The same rule for an explicit count of consecutive failures and time of the newest one. */
    public static Duration remaining(int failures, Instant lastFailure, Instant now, JobControllerConfig cfg) {
        if (failures <= 0 || lastFailure == null) {
            return Duration.ZERO;
        }
        Duration delay = cfg.podFailureBackoff();
        for (int i = 1; i < failures && delay.compareTo(cfg.maxPodFailureBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        if (delay.compareTo(cfg.maxPodFailureBackoff()) > 0) {
            delay = cfg.maxPodFailureBackoff();
        }
        Duration elapsed = Duration.between(lastFailure, now);
        return elapsed.compareTo(delay) >= 0 ? Duration.ZERO : delay.minus(elapsed);
    }
}
