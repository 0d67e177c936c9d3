package io.batchplane.api;

/** Well-known annotation keys, as Kubernetes spells them. */
public final class Annotations {
    public static final String JOB_COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
    public static final String JOB_INDEX_FAILURE_COUNT = "batch.kubernetes.io/job-index-failure-count";
    public static final String JOB_INDEX_IGNORED_FAILURE_COUNT = "batch.kubernetes.io/job-index-ignored-failure-count";
    public static final String CRONJOB_SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";
    public static final String CRONJOB_INSTANTIATE = "cronjob.kubernetes.io/instantiate";
    public static final String LAST_APPLIED_CONFIGURATION = "kubectl.kubernetes.io/last-applied-configuration";

    private Annotations() {
    }
}
