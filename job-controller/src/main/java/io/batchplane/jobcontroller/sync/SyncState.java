package io.batchplane.jobcontroller.sync;

import java.util.Set;

/**
 * What the controller knows about a Job beyond the Job and its pods, handed to {@link JobSync#decide}.
 *
 * @param expectationsSatisfied     every pod creation and deletion issued for this Job has been observed in the
 *                                  cache (otherwise the pod list may be stale and no pods are created or deleted)
 * @param expectedFinalizerRemovals UIDs of pods whose tracking-finalizer removal succeeded but is not yet in the
 *                                  cache: they count as finalizer-free
 * @param backoff                   the Job's failure record for the re-creation delay
 */
public record SyncState(boolean expectationsSatisfied, Set<String> expectedFinalizerRemovals, BackoffRecord backoff) {
    /** A controller with nothing in flight and no failure history for the Job. */
    public static SyncState fresh() {
        return new SyncState(true, Set.of(), BackoffRecord.NONE);
    }

    public SyncState {
        expectedFinalizerRemovals = Set.copyOf(expectedFinalizerRemovals);
        backoff = backoff == null ? BackoffRecord.NONE : backoff;
    }
}
