package io.batchplane.cronjobcontroller.sync;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which Jobs a CronJob reconciles: as upstream, every Job in its namespace whose controller owner
 * reference names it, whatever its labels. That includes Jobs made by
 * {@code kubectl create job --from=cronjob/<name>} (annotated {@code cronjob.kubernetes.io/instantiate: manual}):
 * they count toward history limits and {@code lastSuccessfulTime}, but are not adopted into
 * {@code active} (an unfinished one is reported as UnexpectedJob).
 */
public final class ChildJobs {

    private ChildJobs() {
    }

    public static List<Job> select(CronJob cronJob, Collection<Job> jobsInNamespace) {
        String name = cronJob.getMetadata().getName();
        return jobsInNamespace.stream()
                .filter(j -> Objects.equals(j.getMetadata().getNamespace(), cronJob.getMetadata().getNamespace()))
                .filter(j -> controllerOf(j).map(ref -> name.equals(ref.getName())).orElse(false))
                .toList();
    }

    /** The owner reference of {@code job} marked {@code controller: true}, if any. */
    public static Optional<OwnerReference> controllerOf(Job job) {
        if (job.getMetadata().getOwnerReferences() == null) {
            return Optional.empty();
        }
        return job.getMetadata().getOwnerReferences().stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }
}
