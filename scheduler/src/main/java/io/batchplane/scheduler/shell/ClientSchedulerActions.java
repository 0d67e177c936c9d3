package io.batchplane.scheduler.shell;

import io.batchplane.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;

/** {@link SchedulerActions} through the API server's gRPC client, each call bounded by a timeout. */
public final class ClientSchedulerActions implements SchedulerActions {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ResourceClient client;

    public ClientSchedulerActions(ResourceClient client) {
        this.client = client;
    }

    @Override
    public void bind(Pod pod, String node) {
        Binding binding = new BindingBuilder().withNewMetadata().withNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).endMetadata()
                .withNewTarget().withKind("Node").withApiVersion("v1").withName(node).endTarget().build();
        client.bind(binding).await().atMost(TIMEOUT);
    }

    @Override
    public void updateStatus(Pod pod) {
        client.updateStatus(pod).await().atMost(TIMEOUT);
    }
}
