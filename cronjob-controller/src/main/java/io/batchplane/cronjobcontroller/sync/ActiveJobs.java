package io.batchplane.cronjobcontroller.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Edits of a CronJob's status that the controller makes: the {@code active} list (references to the
 * Jobs it started and has not yet seen finish) and {@code lastScheduleTime}. Every method returns a
 * new status and leaves its argument alone, because statuses often come from the shared cache.
 */
public final class ActiveJobs {

    private static final ObjectMapper COPIER = new ObjectMapper();

    private ActiveJobs() {
    }

    /** A deep copy of {@code status} (an empty status for null). */
    public static CronJobStatus copy(CronJobStatus status) {
        CronJobStatus copy = status == null ? new CronJobStatus() : COPIER.convertValue(status, CronJobStatus.class);
        if (copy.getActive() == null) {
            copy.setActive(new ArrayList<>());
        }
        return copy;
    }

    public static boolean contains(CronJobStatus status, String uid) {
        return status.getActive() != null && status.getActive().stream().anyMatch(r -> Objects.equals(r.getUid(), uid));
    }

    static boolean containsName(CronJobStatus status, String namespace, String name) {
        return status.getActive() != null && status.getActive().stream()
                .anyMatch(r -> Objects.equals(r.getName(), name) && Objects.equals(r.getNamespace(), namespace));
    }

    /** {@code status} without the active reference to {@code uid}. */
    public static CronJobStatus without(CronJobStatus status, String uid) {
        CronJobStatus copy = copy(status);
        copy.getActive().removeIf(r -> Objects.equals(r.getUid(), uid));
        return copy;
    }

    /** {@code status} after {@code job} was started for {@code scheduledTime}: referenced as active, and the last schedule. */
    public static CronJobStatus withStarted(CronJobStatus status, Job job, Instant scheduledTime) {
        CronJobStatus copy = copy(status);
        if (!contains(copy, job.getMetadata().getUid())) {
            List<ObjectReference> active = copy.getActive();
            active.add(reference(job));
        }
        copy.setLastScheduleTime(Times.format(scheduledTime));
        return copy;
    }

    /** The reference a CronJob's {@code active} list holds for {@code job}. */
    public static ObjectReference reference(Job job) {
        return new ObjectReferenceBuilder()
                .withApiVersion("batch/v1")
                .withKind("Job")
                .withNamespace(job.getMetadata().getNamespace())
                .withName(job.getMetadata().getName())
                .withUid(job.getMetadata().getUid())
                .withResourceVersion(job.getMetadata().getResourceVersion())
                .build();
    }
}
