package io.batchplane.kubelet.runtime;

import io.batchplane.client.DeleteOptions;
import io.batchplane.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;

/** {@link PodApi} through the gRPC client, each call bounded by a timeout. */
public final class ClientPodApi implements PodApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ResourceClient client;

    public ClientPodApi(ResourceClient client) {
        this.client = client;
    }

    @Override
    public Pod updateStatus(Pod pod) {
        return client.updateStatus(pod).await().atMost(TIMEOUT);
    }

    @Override
    public void deleteNow(Pod pod) {
        client.delete(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                DeleteOptions.defaults().withPreconditions(pod.getMetadata().getUid(), null).withGracePeriodSeconds(0L))
                .await().atMost(TIMEOUT);
    }
}
