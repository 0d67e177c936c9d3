package io.batchplane.kubelet.runtime;

import io.fabric8.kubernetes.api.model.Pod;

/** The pod writes a node agent makes; behind an interface so the loop is testable without an API server. */
public interface PodApi {

    /** Writes the pod's status, compare-and-swap on its resourceVersion; returns the pod as stored. */
    Pod updateStatus(Pod pod);

    /** Deletes the pod at once (grace period 0), only if it is still the same pod (uid precondition). */
    void deleteNow(Pod pod);
}
