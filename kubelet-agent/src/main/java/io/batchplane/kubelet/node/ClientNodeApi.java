package io.batchplane.kubelet.node;

import io.batchplane.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;

/** {@link NodeApi} through the gRPC client; every call is bounded (a heartbeat must not hang). */
public final class ClientNodeApi implements NodeApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ResourceClient client;

    public ClientNodeApi(ResourceClient client) {
        this.client = client;
    }

    @Override
    public Node getNode(String name) {
        return client.get(Node.class, "", name).await().atMost(TIMEOUT);
    }

    @Override
    public Node createNode(Node node) {
        return client.create(node).await().atMost(TIMEOUT);
    }

    @Override
    public Node updateNodeStatus(Node node) {
        return client.updateStatus(node).await().atMost(TIMEOUT);
    }

    @Override
    public Lease getLease(String namespace, String name) {
        return client.get(Lease.class, namespace, name).await().atMost(TIMEOUT);
    }

    @Override
    public Lease createLease(Lease lease) {
        return client.create(lease).await().atMost(TIMEOUT);
    }

    @Override
    public Lease updateLease(Lease lease) {
        return client.update(lease).await().atMost(TIMEOUT);
    }
}
