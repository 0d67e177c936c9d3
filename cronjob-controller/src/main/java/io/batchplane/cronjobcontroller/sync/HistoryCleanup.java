package io.batchplane.cronjobcontroller.sync;

import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which finished child Jobs to delete so that at most {@code successfulJobsHistoryLimit} Complete
 * and {@code failedJobsHistoryLimit} Failed ones remain. A limit that is unset means no cleanup of
 * that kind (the API server defaults them to 3 and 1). The oldest go first: by
 * {@code status.startTime}, Jobs without a start time after all others, ties by name.
 */
final class HistoryCleanup {

    static final Comparator<Job> OLDEST_FIRST = Comparator
            .comparing((Job j) -> startTime(j), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(j -> j.getMetadata().getName());

    private HistoryCleanup() {
    }

    /** The Jobs to delete, successful ones first, each group oldest first. */
    static List<Job> select(CronJobSpec spec, List<Job> children) {
        List<Job> succeeded = new ArrayList<>();
        List<Job> failed = new ArrayList<>();
        for (Job job : children) {
            JobConditions.finishedType(job).ifPresent(type -> (JobConditions.COMPLETE.equals(type) ? succeeded : failed).add(job));
        }
        List<Job> doomed = new ArrayList<>();
        doomed.addAll(oldestBeyond(succeeded, spec.getSuccessfulJobsHistoryLimit()));
        doomed.addAll(oldestBeyond(failed, spec.getFailedJobsHistoryLimit()));
        return doomed;
    }

    private static List<Job> oldestBeyond(List<Job> jobs, Integer limit) {
        if (limit == null || jobs.size() <= limit) {
            return List.of();
        }
        List<Job> sorted = new ArrayList<>(jobs);
        sorted.sort(OLDEST_FIRST);
        return sorted.subList(0, sorted.size() - Math.max(limit, 0));
    }

    private static Instant startTime(Job job) {
        return job.getStatus() == null ? null : Times.parse(job.getStatus().getStartTime());
    }
}
