package io.batchplane.kubelet.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;

/**
 * The API calls of the node's heartbeat, behind an interface so the timing can be tested without an
 * API server. Calls block and fail with {@link io.batchplane.api.ApiException}.
 */
public interface NodeApi {

    Node getNode(String name);

    Node createNode(Node node);

    Node updateNodeStatus(Node node);

    Lease getLease(String namespace, String name);

    Lease createLease(Lease lease);

    Lease updateLease(Lease lease);
}
