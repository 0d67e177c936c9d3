package io.batchplane.jobcontroller.sync;

import io.batchplane.api.Conditions;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Job conditions: their reasons and messages as upstream words them, creation, lookup and the
 * "ensure" update that touches a condition only when its status, reason or message changes.
 */
public final class JobConditions {
    public static final String REASON_BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";
    public static final String REASON_DEADLINE_EXCEEDED = "DeadlineExceeded";
    public static final String REASON_POD_FAILURE_POLICY = "PodFailurePolicy";
    public static final String REASON_MAX_FAILED_INDEXES_EXCEEDED = "MaxFailedIndexesExceeded";
    public static final String REASON_FAILED_INDEXES = "FailedIndexes";
    public static final String REASON_SUCCESS_POLICY = "SuccessPolicy";
    public static final String REASON_COMPLETIONS_REACHED = "CompletionsReached";
    public static final String REASON_SUSPENDED = "JobSuspended";
    public static final String REASON_RESUMED = "JobResumed";

    public static final String MSG_BACKOFF_LIMIT = "Job has reached the specified backoff limit";
    public static final String MSG_DEADLINE = "Job was active longer than specified deadline";
    public static final String MSG_MAX_FAILED_INDEXES = "Job has exceeded the specified maximal number of failed indexes";
    public static final String MSG_FAILED_INDEXES = "Job has failed indexes";
    public static final String MSG_COMPLETIONS_REACHED = "Reached expected number of succeeded pods";
    public static final String MSG_SUSPENDED = "Job suspended";
    public static final String MSG_RESUMED = "Job resumed";

    private JobConditions() {
    }

    public static JobCondition newCondition(String type, boolean status, String reason, String message, Instant now) {
        JobCondition c = new JobCondition();
        c.setType(type);
        c.setStatus(status ? "True" : "False");
        c.setReason(reason);
        c.setMessage(message);
        c.setLastProbeTime(Times.format(now));
        c.setLastTransitionTime(Times.format(now));
        return c;
    }

    public static Optional<JobCondition> find(List<JobCondition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isTrue(List<JobCondition> conditions, String type) {
        return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** A Job is finished once it has Complete=True or Failed=True; nothing about it changes afterwards. */
    public static boolean isFinished(Job job) {
        List<JobCondition> conditions = JobFacts.status(job).getConditions();
        return isTrue(conditions, Conditions.JOB_COMPLETE) || isTrue(conditions, Conditions.JOB_FAILED);
    }

    /**
     * Makes the list hold a condition of {@code type} with this status, reason and message. An existing condition
     * is replaced (with fresh times) only if one of them differs; a missing one is added unless the wanted status is
     * False (a condition that never was True is not worth stating).
     *
     * @return whether the list changed
     */
    public static boolean ensure(List<JobCondition> conditions, String type, boolean status, String reason,
                                 String message, Instant now) {
        for (int i = 0; i < conditions.size(); i++) {
            JobCondition c = conditions.get(i);
            if (type.equals(c.getType())) {
                String wanted = status ? "True" : "False";
                if (wanted.equals(c.getStatus()) && eq(reason, c.getReason()) && eq(message, c.getMessage())) {
                    return false;
                }
                conditions.set(i, newCondition(type, status, reason, message, now));
                return true;
            }
        }
        if (!status) {
            return false;
        }
        conditions.add(newCondition(type, true, reason, message, now));
        return true;
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null || b.isEmpty() : a.equals(b);
    }
}
