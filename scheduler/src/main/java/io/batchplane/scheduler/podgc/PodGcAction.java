package io.batchplane.scheduler.podgc;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * One pod the collector must finish: mark it Failed (unless it already ended), with the
 * {@code DisruptionTarget} condition when the reason calls for it, then delete it with grace 0.
 */
public record PodGcAction(Pod pod, Reason reason) {

    /** Why a pod is collected; the order is the order of the rules. */
    public enum Reason {
        /** More finished pods than the threshold; the oldest (evicted ones first) go. */
        TERMINATED,
        /** Terminating on a not-ready node tainted {@code node.kubernetes.io/out-of-service}. */
        TERMINATING_OUT_OF_SERVICE,
        /** Our addition: terminating on an unreachable node past its deletion grace period. */
        TERMINATING_UNREACHABLE,
        /** Bound to a node that no longer exists. */
        ORPHANED,
        /** Terminating and never bound to a node. */
        TERMINATING_UNSCHEDULED;

        /** Whether the pod gets {@code DisruptionTarget=True} with reason {@code DeletionByPodGC}. */
        public boolean disruption() {
            return this == ORPHANED;
        }
    }
}
