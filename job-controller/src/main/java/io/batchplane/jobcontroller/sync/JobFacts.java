package io.batchplane.jobcontroller.sync;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;

/**
 * Read-only questions about a Job's spec, with the API server's defaults applied when a field is unset
 * (parallelism 1, backoffLimit 6 — or unlimited with backoffLimitPerIndex —, NonIndexed, TerminatingOrFailed),
 * so the decision code never branches on null.
 */
public final class JobFacts {
    public static final String INDEXED = "Indexed";
    public static final String NON_INDEXED = "NonIndexed";
    /** The managedBy value (or absence) that means "this controller". */
    public static final String JOB_CONTROLLER_NAME = "kubernetes.io/job-controller";
    public static final String REPLACE_FAILED = "Failed";
    public static final String RESTART_ON_FAILURE = "OnFailure";

    private JobFacts() {
    }

    static JobSpec spec(Job job) {
        return job.getSpec() == null ? new JobSpec() : job.getSpec();
    }

    public static JobStatus status(Job job) {
        return job.getStatus() == null ? new JobStatus() : job.getStatus();
    }

    public static boolean isIndexed(Job job) {
        return INDEXED.equals(spec(job).getCompletionMode());
    }

    /** Completion mode is absent, NonIndexed or Indexed; anything else this controller does not understand. */
    public static boolean hasKnownCompletionMode(Job job) {
        String mode = spec(job).getCompletionMode();
        return mode == null || NON_INDEXED.equals(mode) || INDEXED.equals(mode);
    }

    /** {@code spec.completions}, or null for a work-queue Job. */
    public static Integer completions(Job job) {
        return spec(job).getCompletions();
    }

    /** Completions for an Indexed Job (validation makes it required there); 0 when absent. */
    public static int indexedCompletions(Job job) {
        Integer completions = completions(job);
        return completions == null ? 0 : completions;
    }

    public static int parallelism(Job job) {
        Integer p = spec(job).getParallelism();
        return p == null ? 1 : p;
    }

    public static int backoffLimit(Job job) {
        Integer limit = spec(job).getBackoffLimit();
        if (limit != null) {
            return limit;
        }
        return hasBackoffLimitPerIndex(job) ? Integer.MAX_VALUE : 6;
    }

    public static boolean hasBackoffLimitPerIndex(Job job) {
        return isIndexed(job) && spec(job).getBackoffLimitPerIndex() != null;
    }

    public static int backoffLimitPerIndex(Job job) {
        return spec(job).getBackoffLimitPerIndex();
    }

    public static boolean isSuspended(Job job) {
        return Boolean.TRUE.equals(spec(job).getSuspend());
    }

    public static boolean isBeingDeleted(Job job) {
        return job.getMetadata() != null && job.getMetadata().getDeletionTimestamp() != null;
    }

    /** True when another controller owns this Job's status ({@code spec.managedBy} names someone else). */
    public static boolean isManagedElsewhere(Job job) {
        String managedBy = spec(job).getManagedBy();
        return managedBy != null && !JOB_CONTROLLER_NAME.equals(managedBy);
    }

    /**
     * Only pods that reached phase Failed are replaced (and count as failures): podReplacementPolicy Failed, or any
     * pod failure policy (which needs the final exit codes and conditions). Otherwise a pod being deleted already
     * counts as failed and is replaced at once.
     */
    public static boolean onlyReplaceFailedPods(Job job) {
        return REPLACE_FAILED.equals(spec(job).getPodReplacementPolicy()) || spec(job).getPodFailurePolicy() != null;
    }

    public static boolean restartsOnFailure(Job job) {
        JobSpec spec = spec(job);
        return spec.getTemplate() != null && spec.getTemplate().getSpec() != null
                && RESTART_ON_FAILURE.equals(spec.getTemplate().getSpec().getRestartPolicy());
    }

    public static String name(Job job) {
        return job.getMetadata().getName();
    }

    public static String namespace(Job job) {
        return job.getMetadata().getNamespace();
    }

    public static String uid(Job job) {
        return job.getMetadata().getUid();
    }
}
