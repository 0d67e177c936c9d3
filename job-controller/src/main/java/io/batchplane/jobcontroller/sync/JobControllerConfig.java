package io.batchplane.jobcontroller.sync;

import java.time.Duration;

/**
 * The tunables of the Job decision logic, with upstream's values as defaults.
 *
 * @param podFailureBackoff       delay before re-creating a pod after the first failure since the last success;
 *                                it doubles with each further failure
 * @param maxPodFailureBackoff    cap of that delay
 * @param maxPodCreateDeletePerSync at most this many pods are created or deleted in one sync
 * @param maxUncountedPods        at most this many finished pods are recorded in
 *                                {@code status.uncountedTerminatedPods} (plus new completed indexes) per sync, so
 *                                the status stays small and one huge Job does not starve the others
 */
public record JobControllerConfig(
        Duration podFailureBackoff,
        Duration maxPodFailureBackoff,
        int maxPodCreateDeletePerSync,
        int maxUncountedPods) {

    /** Upstream's values: 10 s doubling to 6 min, 500 pod writes and 500 uncounted pods per sync. */
    public static JobControllerConfig defaults() {
        return new JobControllerConfig(Duration.ofSeconds(10), Duration.ofMinutes(6), 500, 500);
    }

    public JobControllerConfig {
        if (podFailureBackoff.isNegative() || maxPodFailureBackoff.compareTo(podFailureBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= podFailureBackoff <= maxPodFailureBackoff");
        }
        if (maxPodCreateDeletePerSync < 1 || maxUncountedPods < 1) {
            throw new IllegalArgumentException("per-sync limits must be positive");
        }
    }
}
