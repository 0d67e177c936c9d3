package io.batchplane.scheduler.lifecycle;

import io.batchplane.client.DeleteOptions;
import io.batchplane.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;

/** {@link LifecycleActions} through the API server's gRPC client, each call bounded by a timeout. */
public final class ClientLifecycleActions implements LifecycleActions {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ResourceClient client;

    public ClientLifecycleActions(ResourceClient client) {
        this.client = client;
    }

    @Override
    public Node updateNodeStatus(Node node) {
        return client.updateStatus(node).await().atMost(TIMEOUT);
    }

    @Override
    public Node updateNode(Node node) {
        return client.update(node).await().atMost(TIMEOUT);
    }

    @Override
    public void updatePodStatus(Pod pod) {
        client.updateStatus(pod).await().atMost(TIMEOUT);
    }

    @Override
    public void deletePod(Pod pod) {
        client.delete(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                DeleteOptions.defaults().withPreconditions(pod.getMetadata().getUid(), null)).await().atMost(TIMEOUT);
    }
}
