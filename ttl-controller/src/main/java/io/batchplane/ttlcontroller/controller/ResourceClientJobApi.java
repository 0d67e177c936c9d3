package io.batchplane.ttlcontroller.controller;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.api.v1.PropagationPolicy;
import io.batchplane.client.DeleteOptions;
import io.batchplane.client.ResourceClient;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.Optional;

/** {@link JobApi} over the gRPC {@link ResourceClient}, each call bounded by {@code timeout}. */
public final class ResourceClientJobApi implements JobApi {

    private final ResourceClient client;
    private final PropagationPolicy propagation;
    private final Duration timeout;

    public ResourceClientJobApi(ResourceClient client, PropagationPolicy propagation, Duration timeout) {
        this.client = client;
        this.propagation = propagation;
        this.timeout = timeout;
    }

    @Override
    public Optional<Job> get(String namespace, String name) {
        try {
            return Optional.of(client.get(Job.class, namespace, name).await().atMost(timeout));
        } catch (ApiException e) {
            if (e.reason() == StatusReason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void delete(Job job) {
        DeleteOptions options = DeleteOptions.defaults()
                .withPreconditions(job.getMetadata().getUid(), null)
                .withPropagationPolicy(propagation);
        client.delete(Job.class, job.getMetadata().getNamespace(), job.getMetadata().getName(), options)
                .await().atMost(timeout);
    }
}
