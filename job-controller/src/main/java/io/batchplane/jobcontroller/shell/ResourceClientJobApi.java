package io.batchplane.jobcontroller.shell;

import io.batchplane.api.v1.PatchType;
import io.batchplane.client.DeleteOptions;
import io.batchplane.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;

/** {@link JobApi} over the gRPC {@link ResourceClient}, waiting at most {@code timeout} per call. */
public final class ResourceClientJobApi implements JobApi {
    private final ResourceClient client;
    private final Duration timeout;

    public ResourceClientJobApi(ResourceClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public Pod createPod(Pod pod) {
        return client.create(pod).await().atMost(timeout);
    }

    @Override
    public void deletePod(String namespace, String name, String uid) {
        client.delete(Pod.class, namespace, name, DeleteOptions.defaults().withPreconditions(uid, null)).await().atMost(timeout);
    }

    @Override
    public Pod patchPod(String namespace, String name, String jsonPatch) {
        return client.patch(Pod.class, namespace, name, PatchType.JSON, jsonPatch).await().atMost(timeout);
    }

    @Override
    public Job updateJobStatus(Job job) {
        return client.updateStatus(job).await().atMost(timeout);
    }

    @Override
    public Job getJob(String namespace, String name) {
        return client.get(Job.class, namespace, name).await().atMost(timeout);
    }

    @Override
    public void createEvent(Event event) {
        client.create(event).await().atMost(timeout);
    }
}
