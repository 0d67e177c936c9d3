package io.batchplane.jobcontroller.sync;

import io.batchplane.api.Conditions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a running Job has met a failure or success criterion, in upstream's order of precedence:
 * an earlier SuccessCriteriaMet or FailureTarget stands; then a FailJob pod-failure-policy rule; then the
 * backoff limit (failed pods, or container restarts with restartPolicy OnFailure); then activeDeadlineSeconds;
 * then, for Indexed Jobs, maxFailedIndexes, all indexes finished with some failed, and the success policy.
 * The criterion is returned as the interim condition (FailureTarget / SuccessCriteriaMet); completion by count is
 * decided later, after pods are managed.
 */
public final class FinishEvaluator {
    private FinishEvaluator() {
    }

    /**
     * @param finished        the interim condition met, or the Failed condition a recorded FailureTarget leads to;
     *                        null when the Job goes on
     * @param deadlineRequeue when the active deadline will pass, if the Job has one and goes on; else null
     */
    public record Result(JobCondition finished, Duration deadlineRequeue) {
    }

    /**
     * @param startTime the Job's start time as this sync sets it (null while suspended and never started)
     * @param succeededIndexes / failedIndexes for Indexed Jobs (failedIndexes null without backoffLimitPerIndex)
     */
    public static Result evaluate(Job job, List<Pod> pods, PodCounting.Census census, Instant startTime,
                                  IndexIntervals succeededIndexes, IndexIntervals failedIndexes, Instant now) {
        List<JobCondition> conditions = JobFacts.status(job).getConditions();
        Optional<JobCondition> successMet = JobConditions.find(conditions, Conditions.JOB_SUCCESS_CRITERIA_MET)
                .filter(c -> "True".equals(c.getStatus()));
        if (successMet.isPresent()) {
            return new Result(successMet.get(), null);
        }
        Optional<JobCondition> target = JobConditions.find(conditions, Conditions.JOB_FAILURE_TARGET)
                .filter(c -> "True".equals(c.getStatus()));
        if (target.isPresent()) {
            return new Result(JobConditions.newCondition(Conditions.JOB_FAILED, true, target.get().getReason(),
                    target.get().getMessage(), now), null);
        }
        String failJobMessage = failJobMessage(job, pods);
        if (failJobMessage != null) {
            return failure(JobConditions.REASON_POD_FAILURE_POLICY, failJobMessage, now);
        }
        if (census.failed() > JobFacts.backoffLimit(job) || pastBackoffLimitOnFailure(job, pods)) {
            return failure(JobConditions.REASON_BACKOFF_LIMIT_EXCEEDED, JobConditions.MSG_BACKOFF_LIMIT, now);
        }
        Duration deadlineRequeue = null;
        Long deadline = JobFacts.spec(job).getActiveDeadlineSeconds();
        if (deadline != null && startTime != null && !JobFacts.isSuspended(job)) {
            Duration left = Duration.ofSeconds(deadline).minus(Duration.between(startTime, now));
            if (left.compareTo(Duration.ZERO) <= 0) {
                return failure(JobConditions.REASON_DEADLINE_EXCEEDED, JobConditions.MSG_DEADLINE, now);
            }
            deadlineRequeue = left;
        }
        if (JobFacts.isIndexed(job)) {
            int completions = JobFacts.indexedCompletions(job);
            if (failedIndexes != null) {
                Integer maxFailed = JobFacts.spec(job).getMaxFailedIndexes();
                if (maxFailed != null && failedIndexes.total() > maxFailed) {
                    return failure(JobConditions.REASON_MAX_FAILED_INDEXES_EXCEEDED, JobConditions.MSG_MAX_FAILED_INDEXES, now);
                }
                if (failedIndexes.total() > 0 && failedIndexes.total() + succeededIndexes.total() >= completions) {
                    return failure(JobConditions.REASON_FAILED_INDEXES, JobConditions.MSG_FAILED_INDEXES, now);
                }
            }
            Optional<String> met = SuccessPolicyMatcher.match(JobFacts.spec(job).getSuccessPolicy(), completions, succeededIndexes);
            if (met.isPresent()) {
                return new Result(JobConditions.newCondition(Conditions.JOB_SUCCESS_CRITERIA_MET, true,
                        JobConditions.REASON_SUCCESS_POLICY, met.get(), now), null);
            }
        }
        return new Result(null, deadlineRequeue);
    }

    private static Result failure(String reason, String message, Instant now) {
        return new Result(JobConditions.newCondition(Conditions.JOB_FAILURE_TARGET, true, reason, message, now), null);
    }

    /** The message of the first failed pod that a FailJob rule matches. */
    static String failJobMessage(Job job, List<Pod> pods) {
        if (JobFacts.spec(job).getPodFailurePolicy() == null) {
            return null;
        }
        for (Pod pod : pods) {
            if (PodCounting.isFailed(pod, job)) {
                String message = PodFailurePolicyMatcher.match(JobFacts.spec(job).getPodFailurePolicy(), pod).failJobMessage();
                if (message != null) {
                    return message;
                }
            }
        }
        return null;
    }

    /**
     * With restartPolicy OnFailure failed containers restart in place, so their restarts stand for failures:
     * the Job fails once the restarts of its pending and running pods reach backoffLimit (any restart when it is 0).
     */
    static boolean pastBackoffLimitOnFailure(Job job, List<Pod> pods) {
        if (!JobFacts.restartsOnFailure(job)) {
            return false;
        }
        long restarts = 0;
        for (Pod pod : pods) {
            String phase = PodFacts.phase(pod);
            if (PodFacts.RUNNING.equals(phase) || PodFacts.PENDING.equals(phase)) {
                restarts += PodFacts.restartCount(pod);
            }
        }
        int limit = JobFacts.backoffLimit(job);
        return limit == 0 ? restarts > 0 : restarts >= limit;
    }
}
