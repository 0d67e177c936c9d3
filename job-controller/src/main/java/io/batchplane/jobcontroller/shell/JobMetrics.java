package io.batchplane.jobcontroller.shell;

import io.batchplane.api.Conditions;
import io.batchplane.jobcontroller.sync.JobConditions;
import io.batchplane.jobcontroller.sync.JobFacts;
import io.batchplane.jobcontroller.sync.PodFacts;
import io.batchplane.jobcontroller.sync.PodFailurePolicyMatcher;
import io.batchplane.jobcontroller.sync.SyncPlan;
import io.batchplane.jobcontroller.sync.SyncPlan.PodRef;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Job controller's metrics, with upstream's {@code job_controller_*} names, labels and label values so that
 * dashboards and alerts written for kube-controller-manager work unchanged. Names here are Micrometer's; the
 * Prometheus registry appends {@code _total} to counters and {@code _seconds} to the timer, giving e.g.
 * {@code job_controller_jobs_finished_total} and {@code job_controller_job_sync_duration_seconds}.
 *
 * <p>Recorded by the shell from facts it has during and after a sync: the Job as it was, the plan {@code JobSync}
 * decided, and which of its writes succeeded. The pure decision classes know nothing of metrics.
 */
public final class JobMetrics {
    public static final String SYNC_DURATION = "job_controller_job_sync_duration";
    public static final String SYNCS = "job_controller_job_syncs";
    public static final String JOBS_FINISHED = "job_controller_jobs_finished";
    public static final String PODS_FINISHED = "job_controller_job_pods_finished";
    public static final String POD_FAILURES_BY_POLICY = "job_controller_pod_failures_handled_by_failure_policy";
    public static final String TERMINATED_PODS_WITH_FINALIZER = "job_controller_terminated_pods_tracking_finalizer";
    public static final String POD_CREATIONS = "job_controller_job_pods_creation";

    /** A sync's action: expectations unmet, Job being deleted or finishing — pods were not managed. */
    public static final String RECONCILING = "reconciling";
    /** The pod count was managed and already right. */
    public static final String TRACKING = "tracking";
    public static final String PODS_CREATED = "pods_created";
    public static final String PODS_DELETED = "pods_deleted";

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    /** Pod creation reasons: a first pod, or a replacement of failed (and, by policy, terminating) pods. */
    public static final String CREATE_NEW = "new";
    public static final String RECREATE_TERMINATING_OR_FAILED = "recreate_terminating_or_failed";
    public static final String RECREATE_FAILED = "recreate_failed";

    /** Upstream's sync-duration buckets: fifteen, from 4 ms, each twice the one before (the last about 65 s). */
    static final Duration[] SYNC_BUCKETS = syncBuckets();

    private final MeterRegistry registry;

    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The action label of a sync that decided {@code plan}. */
    public static String action(SyncPlan plan) {
        if (!plan.podsManaged()) {
            return RECONCILING;
        }
        if (!plan.creations().isEmpty()) {
            return PODS_CREATED;
        }
        return plan.deletions().isEmpty() ? TRACKING : PODS_DELETED;
    }

    /**
     * Why pods created for {@code job} now are created, given the status the sync computed: replacing failed
     * pods when the Job has failures (only failures count under {@code podReplacementPolicy: Failed}), else
     * replacing terminating or failed ones when there are either, else a new pod.
     */
    public static String creationReason(Job job, JobStatus status) {
        int failed = nonNull(status.getFailed()) + (status.getUncountedTerminatedPods() == null
                || status.getUncountedTerminatedPods().getFailed() == null ? 0 : status.getUncountedTerminatedPods().getFailed().size());
        if (JobFacts.onlyReplaceFailedPods(job) && failed > 0) {
            return RECREATE_FAILED;
        }
        return failed > 0 || nonNull(status.getTerminating()) > 0 ? RECREATE_TERMINATING_OR_FAILED : CREATE_NEW;
    }

    /** One sync of an unfinished Job ended after {@code elapsed}; {@code error} if it threw. */
    public void syncDone(Job job, String action, boolean error, Duration elapsed) {
        String mode = completionMode(job);
        String result = error ? "error" : "success";
        Timer.builder(SYNC_DURATION).description("The time it took to sync a job")
                .tags("completion_mode", mode, "result", result, "action", action)
                .serviceLevelObjectives(SYNC_BUCKETS).register(registry).record(elapsed);
        Counter.builder(SYNCS).description("The number of job syncs")
                .tags("completion_mode", mode, "result", result, "action", action).register(registry).increment();
    }

    /**
     * A sync's status write for {@code before} (the Job as the sync read it) succeeded: count the Job's finish if
     * the write added {@code Complete} or {@code Failed}, and the pods whose counting it completed. Recorded at the
     * write, not at the end of the plan, because once the cache holds the finished Job it is never synced again.
     */
    public void statusWritten(Job before, JobStatus written) {
        if (JobConditions.isFinished(before)) {
            return;
        }
        String mode = completionMode(before);
        JobStatus old = JobFacts.status(before);
        finishedCondition(written).ifPresent(c -> Counter.builder(JOBS_FINISHED).description("The number of finished jobs")
                .tags("completion_mode", mode, "result", Conditions.JOB_COMPLETE.equals(c.getType()) ? SUCCEEDED : FAILED,
                        "reason", c.getReason() == null ? "" : c.getReason())
                .register(registry).increment());
        podsFinished(mode, SUCCEEDED, nonNull(written.getSucceeded()) - nonNull(old.getSucceeded()));
        podsFinished(mode, FAILED, nonNull(written.getFailed()) - nonNull(old.getFailed()));
    }

    /**
     * A plan for the unfinished Job {@code before} with its {@code pods} was carried out in full: count the failed
     * pods it released (tracking finalizer removed) by the action of the {@code podFailurePolicy} rule they match.
     */
    public void planCarriedOut(Job before, List<Pod> pods, SyncPlan plan) {
        if (JobConditions.isFinished(before) || before.getSpec() == null || before.getSpec().getPodFailurePolicy() == null) {
            return;
        }
        Set<String> released = plan.finalizerRemovals().stream().map(PodRef::uid).collect(Collectors.toSet());
        Map<String, Integer> byAction = new HashMap<>();
        for (Pod pod : pods) {
            if (released.contains(PodFacts.uid(pod)) && PodFacts.FAILED.equals(PodFacts.phase(pod))) {
                String action = PodFailurePolicyMatcher.match(before.getSpec().getPodFailurePolicy(), pod).action();
                if (action != null) {
                    byAction.merge(action, 1, Integer::sum);
                }
            }
        }
        byAction.forEach((action, n) -> Counter.builder(POD_FAILURES_BY_POLICY)
                .description("The number of failed Pods handled by failure policy, by the action of the matched rule")
                .tags("action", action).register(registry).increment(n));
    }

    /** A pod creation of the given {@link #creationReason reason} succeeded or failed. */
    public void podCreation(String reason, boolean succeeded) {
        Counter.builder(POD_CREATIONS).description("The number of Pods created by the Job controller, by reason")
                .tags("reason", reason, "status", succeeded ? SUCCEEDED : FAILED).register(registry).increment();
    }

    /**
     * A pod changed in the informer ({@code old} null when added, {@code pod} null when deleted): count when it
     * becomes, or stops being, a terminated pod that still holds the Job tracking finalizer — whoever owns it.
     */
    public void podObserved(Pod old, Pod pod) {
        boolean was = finishedWithFinalizer(old);
        boolean is = finishedWithFinalizer(pod);
        if (was != is) {
            Counter.builder(TERMINATED_PODS_WITH_FINALIZER)
                    .description("The number of terminated pods (phase Failed or Succeeded) that have the Job tracking finalizer")
                    .tags("event", is ? "add" : "delete").register(registry).increment();
        }
    }

    private static boolean finishedWithFinalizer(Pod pod) {
        return pod != null && PodFacts.isTerminal(pod) && PodFacts.hasTrackingFinalizer(pod);
    }

    private void podsFinished(String mode, String result, int count) {
        if (count > 0) {
            Counter.builder(PODS_FINISHED).description("The number of finished Pods that are fully tracked")
                    .tags("completion_mode", mode, "result", result).register(registry).increment(count);
        }
    }

    private static Optional<JobCondition> finishedCondition(JobStatus status) {
        return status.getConditions() == null ? Optional.empty() : status.getConditions().stream()
                .filter(c -> "True".equals(c.getStatus()))
                .filter(c -> Conditions.JOB_COMPLETE.equals(c.getType()) || Conditions.JOB_FAILED.equals(c.getType()))
                .findFirst();
    }

    private static String completionMode(Job job) {
        return JobFacts.isIndexed(job) ? JobFacts.INDEXED : JobFacts.NON_INDEXED;
    }

    private static int nonNull(Integer i) {
        return i == null ? 0 : i;
    }

    private static Duration[] syncBuckets() {
        Duration[] buckets = new Duration[15];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = Duration.ofMillis(4L << i);
        }
        return buckets;
    }
}
