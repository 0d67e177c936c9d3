package io.batchplane.cronjobcontroller.controller;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.api.v1.PropagationPolicy;
import io.batchplane.client.DeleteOptions;
import io.batchplane.client.ResourceClient;
import io.batchplane.cronjobcontroller.sync.CronJobEvent;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jboss.logging.Logger;

/** {@link CronJobApi} over the gRPC {@link ResourceClient}; events are core/v1 Events. */
public final class ResourceClientCronJobApi implements CronJobApi {

    private static final Logger LOG = Logger.getLogger(ResourceClientCronJobApi.class);
    static final String COMPONENT = "cronjob-controller";

    private final ResourceClient client;
    private final Duration timeout;
    private final String instance;

    public ResourceClientCronJobApi(ResourceClient client, Duration timeout, String instance) {
        this.client = client;
        this.timeout = timeout;
        this.instance = instance;
    }

    @Override
    public Optional<Job> getJob(String namespace, String name) {
        return get(Job.class, namespace, name);
    }

    @Override
    public Optional<CronJob> getCronJob(String namespace, String name) {
        return get(CronJob.class, namespace, name);
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> Optional<T> get(Class<T> type, String ns, String name) {
        try {
            return Optional.of(client.get(type, ns, name).await().atMost(timeout));
        } catch (ApiException e) {
            if (e.reason() == StatusReason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Job createJob(Job job) {
        return client.create(job).await().atMost(timeout);
    }

    @Override
    public void deleteJob(String namespace, String name, String uid) {
        DeleteOptions options = DeleteOptions.defaults().withPreconditions(uid, null)
                .withPropagationPolicy(PropagationPolicy.BACKGROUND);
        client.delete(Job.class, namespace, name, options).await().atMost(timeout);
    }

    @Override
    public CronJob updateStatus(CronJob cronJob) {
        return client.updateStatus(cronJob).await().atMost(timeout);
    }

    @Override
    public void recordEvent(CronJob cronJob, CronJobEvent event, Instant now) {
        Event e = new Event();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(cronJob.getMetadata().getName() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()));
        meta.setNamespace(cronJob.getMetadata().getNamespace());
        e.setMetadata(meta);
        e.setInvolvedObject(new ObjectReferenceBuilder().withApiVersion("batch/v1").withKind("CronJob")
                .withNamespace(cronJob.getMetadata().getNamespace()).withName(cronJob.getMetadata().getName())
                .withUid(cronJob.getMetadata().getUid()).withResourceVersion(cronJob.getMetadata().getResourceVersion())
                .build());
        e.setType(event.type());
        e.setReason(event.reason());
        e.setMessage(event.message());
        String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
        e.setFirstTimestamp(at);
        e.setLastTimestamp(at);
        e.setCount(1);
        e.setSource(new EventSource(COMPONENT, null));
        e.setReportingComponent(COMPONENT);
        e.setReportingInstance(instance);
        client.create(e).subscribe().with(ok -> { }, err -> LOG.debugf("could not record event %s on %s/%s: %s",
                event.reason(), cronJob.getMetadata().getNamespace(), cronJob.getMetadata().getName(), err.getMessage()));
    }
}
