package io.batchplane.scheduler.lifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * The writes of the node lifecycle controller, behind an interface so it can be tested without an API
 * server. Updates are compare-and-swap on the object's resourceVersion; calls block and fail with
 * {@link io.batchplane.api.ApiException}.
 */
public interface LifecycleActions {

    /** Writes the node's status; returns the node as stored. */
    Node updateNodeStatus(Node node);

    /** Writes the node (its taints); returns the node as stored. */
    Node updateNode(Node node);

    /** Writes the pod's status. */
    void updatePodStatus(Pod pod);

    /** Deletes the pod (precondition: its uid), with its own grace period. */
    void deletePod(Pod pod);
}
