package io.batchplane.scheduler.podgc;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * The reads and writes of the pod garbage collector, behind an interface so it can be tested without an
 * API server. Calls block and fail with {@link io.batchplane.api.ApiException}.
 */
public interface PodGcActions {

    /** Writes the pod's status (compare-and-swap on its resourceVersion). */
    void updatePodStatus(Pod pod);

    /** Deletes the pod with grace period 0 (precondition: its uid). */
    void forceDeletePod(Pod pod);

    /** Asks the API server (not a cache) whether the node exists. */
    boolean nodeExists(String name);
}
