package io.batchplane.jobcontroller.shell;

import io.batchplane.client.clock.Clock;
import io.batchplane.client.events.EventSpamFilter;
import io.batchplane.jobcontroller.sync.SyncPlan.JobEvent;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Records core/v1 Events about Jobs, as the upstream event recorder does: named {@code <job>.<hex>}, source
 * {@code job-controller}. Best effort — a failed event write is logged and dropped, never failing a sync. As
 * upstream's recorder, it drops Events beyond its spam filter's allowance per Job ({@link EventSpamFilter}: 25, then
 * one per 5 minutes), so a Job of thousands of pods does not cost an Event write per pod.
 */
final class JobEvents {
    static final String COMPONENT = "job-controller";
    private static final Logger LOG = Logger.getLogger(JobEvents.class);

    private final JobApi api;
    private final Clock clock;
    private final EventSpamFilter spam;

    JobEvents(JobApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
        this.spam = new EventSpamFilter(clock);
    }

    void record(Job job, JobEvent e) {
        String now = clock.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Event event = new EventBuilder()
                .withNewMetadata().withNamespace(job.getMetadata().getNamespace())
                .withName(job.getMetadata().getName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE))
                .endMetadata()
                .withNewInvolvedObject().withApiVersion("batch/v1").withKind("Job").withNamespace(job.getMetadata().getNamespace())
                .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid())
                .withResourceVersion(job.getMetadata().getResourceVersion()).endInvolvedObject()
                .withType(e.type()).withReason(e.reason()).withMessage(e.message())
                .withNewSource().withComponent(COMPONENT).endSource().withReportingComponent(COMPONENT)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
        if (!spam.allow(event)) {
            return;
        }
        try {
            api.createEvent(event);
        } catch (RuntimeException ex) {
            LOG.debugf("dropping event %s on %s/%s: %s", e.reason(), job.getMetadata().getNamespace(),
                    job.getMetadata().getName(), ex.getMessage());
        }
    }
}
