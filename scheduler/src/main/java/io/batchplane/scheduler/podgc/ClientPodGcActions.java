package io.batchplane.scheduler.podgc;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.client.DeleteOptions;
import io.batchplane.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;

/** {@link PodGcActions} through the API server's gRPC client, each call bounded by a timeout. */
public final class ClientPodGcActions implements PodGcActions {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ResourceClient client;

    public ClientPodGcActions(ResourceClient client) {
        this.client = client;
    }

    @Override
    public void updatePodStatus(Pod pod) {
        client.updateStatus(pod).await().atMost(TIMEOUT);
    }

    @Override
    public void forceDeletePod(Pod pod) {
        client.delete(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                DeleteOptions.defaults().withPreconditions(pod.getMetadata().getUid(), null).withGracePeriodSeconds(0L))
                .await().atMost(TIMEOUT);
    }

    @Override
    public boolean nodeExists(String name) {
        try {
            client.get(Node.class, "", name).await().atMost(TIMEOUT);
            return true;
        } catch (ApiException e) {
            if (e.reason() == StatusReason.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}
