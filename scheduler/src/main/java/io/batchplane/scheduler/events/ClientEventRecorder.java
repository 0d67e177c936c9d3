package io.batchplane.scheduler.events;

import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.Clock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Creates one Event per occurrence through the API server, asynchronously, named like upstream's
 * ({@code <object>.<hex timestamp>}), in the object's namespace ({@code default} for cluster-scoped
 * objects such as Nodes), with the given component as source. Failures are logged at debug level.
 */
public final class ClientEventRecorder implements EventRecorder {

    private static final Logger LOG = Logger.getLogger(ClientEventRecorder.class);

    private final ResourceClient client;
    private final Clock clock;
    private final String component;

    public ClientEventRecorder(ResourceClient client, Clock clock, String component) {
        this.client = client;
        this.clock = clock;
        this.component = component;
    }

    @Override
    public void record(HasMetadata object, String type, String reason, String message) {
        String ns = object.getMetadata().getNamespace();
        String namespace = ns == null || ns.isEmpty() ? "default" : ns;
        java.time.Instant now = clock.now();
        String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
        long stamp = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        Event event = new EventBuilder().withNewMetadata().withNamespace(namespace)
                .withName(object.getMetadata().getName() + "." + Long.toHexString(stamp)).endMetadata()
                .withNewInvolvedObject().withApiVersion(object.getApiVersion()).withKind(object.getKind())
                .withNamespace(ns).withName(object.getMetadata().getName()).withUid(object.getMetadata().getUid())
                .withResourceVersion(object.getMetadata().getResourceVersion()).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message).withCount(1)
                .withFirstTimestamp(at).withLastTimestamp(at)
                .withNewSource().withComponent(component).endSource().withReportingComponent(component).build();
        client.create(event).subscribe().with(ok -> {
        }, err -> LOG.debugf("recording event %s for %s failed: %s", reason, object.getMetadata().getName(), err.getMessage()));
    }
}
