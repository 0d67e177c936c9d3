package io.batchplane.apiserver.registry;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Validation of a {@code jobs/status} write with upstream's strengthened status rules (those that
 * came with {@code spec.managedBy}, so any controller's writes keep the Job API's promises):
 * counters never go negative or backwards, terminal conditions stay, a finished Job has a start
 * time and no active, terminating or uncounted pods, Complete comes with a completion time and
 * after SuccessCriteriaMet, Failed after FailureTarget, and index lists are well-formed. As
 * upstream, most rules only fire when the fields they concern change in this write, so a status
 * made temporarily inconsistent by a spec change can still be corrected.
 */
final class JobStatusValidation {

    private static final String COMPLETE = "Complete";
    private static final String FAILED = "Failed";
    private static final String FAILURE_TARGET = "FailureTarget";
    private static final String SUCCESS_CRITERIA_MET = "SuccessCriteriaMet";
    private static final String SUSPENDED = "Suspended";

    private JobStatusValidation() {
    }

    static List<StatusCause> validate(Job job, Job oldJob) {
        JobStatus s = job.getStatus() == null ? new JobStatus() : job.getStatus();
        JobStatus o = oldJob.getStatus() == null ? new JobStatus() : oldJob.getStatus();
        JobSpec spec = job.getSpec();
        List<StatusCause> errs = new ArrayList<>();
        counts(s, errs);
        uncounted(s.getUncountedTerminatedPods(), errs);

        boolean complete = isTrue(s, COMPLETE);
        boolean failed = isTrue(s, FAILED);
        boolean failureTarget = isTrue(s, FAILURE_TARGET);
        boolean successMet = isTrue(s, SUCCESS_CRITERIA_MET);
        boolean finished = complete || failed;
        boolean completeChanged = complete != isTrue(o, COMPLETE);
        boolean failedChanged = failed != isTrue(o, FAILED);
        boolean finishedChanged = finished != (isTrue(o, COMPLETE) || isTrue(o, FAILED));
        boolean failureTargetChanged = failureTarget != isTrue(o, FAILURE_TARGET);
        boolean successMetChanged = successMet != isTrue(o, SUCCESS_CRITERIA_MET);
        boolean completedIdxChanged = !Objects.equals(empty(s.getCompletedIndexes()), empty(o.getCompletedIndexes()));
        boolean failedIdxChanged = !Objects.equals(s.getFailedIndexes(), o.getFailedIndexes());
        boolean activeChanged = n(s.getActive()) != n(o.getActive());
        boolean startChanged = !Objects.equals(s.getStartTime(), o.getStartTime());
        boolean completionChanged = !Objects.equals(s.getCompletionTime(), o.getCompletionTime());
        boolean readyChanged = !Objects.equals(s.getReady(), o.getReady());
        boolean terminatingChanged = !Objects.equals(s.getTerminating(), o.getTerminating());
        boolean uncountedChanged = !Copies.sameJson(s.getUncountedTerminatedPods(), o.getUncountedTerminatedPods());

        if ((completeChanged || failedChanged) && complete && failed) {
            conditions(errs, "cannot set Complete=True and Failed=true conditions");
        }
        if ((completeChanged || failureTargetChanged) && complete && failureTarget) {
            conditions(errs, "cannot set Complete=True and FailureTarget=true conditions");
        }
        if ((completeChanged || completionChanged) && s.getCompletionTime() != null && !complete) {
            errs.add(FieldErrors.invalid("status.completionTime", s.getCompletionTime(),
                    "cannot set completionTime when there is no Complete=True condition"));
        }
        if ((completeChanged || completionChanged) && s.getCompletionTime() == null && complete) {
            errs.add(FieldErrors.required("status.completionTime", "completionTime is required for Complete jobs"));
        }
        if ((startChanged || completionChanged) && s.getStartTime() != null && s.getCompletionTime() != null
                && before(s.getCompletionTime(), s.getStartTime())) {
            errs.add(FieldErrors.invalid("status.completionTime", s.getCompletionTime(),
                    "completionTime cannot be set before startTime"));
        }
        if ((failedChanged || failedIdxChanged) && failed && !failureTarget) {
            conditions(errs, "cannot set Failed=True condition without the FailureTarget=true condition");
        }
        if ((completeChanged || successMetChanged) && complete && !successMet) {
            conditions(errs, "cannot set Complete=True condition without the SuccessCriteriaMet=true condition");
        }
        if ((finishedChanged || activeChanged) && finished && n(s.getActive()) > 0) {
            errs.add(FieldErrors.invalid("status.active", n(s.getActive()), "active>0 is invalid for finished job"));
        }
        boolean suspendedWithZero = Boolean.TRUE.equals(spec.getSuspend()) && Objects.equals(spec.getCompletions(), 0);
        if ((finishedChanged || startChanged) && finished && s.getStartTime() == null && !suspendedWithZero) {
            errs.add(FieldErrors.required("status.startTime", "startTime is required for finished job"));
        }
        if ((finishedChanged || uncountedChanged) && finished && hasUncounted(s.getUncountedTerminatedPods())) {
            errs.add(FieldErrors.invalid("status.uncountedTerminatedPods", s.getUncountedTerminatedPods(),
                    "uncountedTerminatedPods needs to be empty for finished job"));
        }
        if ((finishedChanged || terminatingChanged) && finished && n(s.getTerminating()) > 0) {
            errs.add(FieldErrors.invalid("status.terminating", s.getTerminating(), "terminating>0 is invalid for finished job"));
        }
        if ((readyChanged || activeChanged) && s.getReady() != null && s.getReady() > n(s.getActive())) {
            errs.add(FieldErrors.invalid("status.ready", s.getReady(), "cannot set more ready pods than active"));
        }
        indexes(job, s, completedIdxChanged, failedIdxChanged, errs);
        if (successMet && failed) {
            conditions(errs, "cannot set SuccessCriteriaMet=True and Failed=true conditions");
        }
        if (successMet && failureTarget) {
            conditions(errs, "cannot set SuccessCriteriaMet=True and FailureTarget=true conditions");
        }
        if (spec.getSuccessPolicy() != null && !successMet && complete) {
            conditions(errs, "cannot set Complete=True for Job with SuccessPolicy unless SuccessCriteriaMet=True");
        }
        transitions(job, s, o, startChanged, errs);
        return errs;
    }

    private static void counts(JobStatus s, List<StatusCause> errs) {
        nonNegative(errs, "status.active", s.getActive());
        nonNegative(errs, "status.succeeded", s.getSucceeded());
        nonNegative(errs, "status.failed", s.getFailed());
        nonNegative(errs, "status.ready", s.getReady());
        nonNegative(errs, "status.terminating", s.getTerminating());
    }

    private static void uncounted(UncountedTerminatedPods u, List<StatusCause> errs) {
        if (u == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        uids(u.getSucceeded(), "status.uncountedTerminatedPods.succeeded", seen, errs);
        uids(u.getFailed(), "status.uncountedTerminatedPods.failed", seen, errs);
    }

    private static void uids(List<String> uids, String path, Set<String> seen, List<StatusCause> errs) {
        for (int i = 0; uids != null && i < uids.size(); i++) {
            String uid = uids.get(i) == null ? "" : uids.get(i);
            if (uid.isEmpty()) {
                errs.add(FieldErrors.invalid(path + "[" + i + "]", uid, "must not be empty"));
            } else if (!seen.add(uid)) {
                errs.add(FieldErrors.duplicate(path + "[" + i + "]", uid));
            }
        }
    }

    private static void indexes(Job job, JobStatus s, boolean completedChanged, boolean failedChanged,
            List<StatusCause> errs) {
        JobSpec spec = job.getSpec();
        boolean indexed = "Indexed".equals(spec.getCompletionMode());
        String completed = empty(s.getCompletedIndexes());
        Integer completions = spec.getCompletions();
        if (completedChanged && completions != null) {
            try {
                IndexIntervals.count(completed, completions);
            } catch (IndexIntervals.FormatException e) {
                errs.add(FieldErrors.invalid("status.completedIndexes", completed,
                        "error parsing completedIndexes: " + e.getMessage()));
            }
        }
        if (failedChanged && completions != null && spec.getBackoffLimitPerIndex() != null && s.getFailedIndexes() != null) {
            try {
                IndexIntervals.count(s.getFailedIndexes(), completions);
            } catch (IndexIntervals.FormatException e) {
                errs.add(FieldErrors.invalid("status.failedIndexes", s.getFailedIndexes(),
                        "error parsing failedIndexes: " + e.getMessage()));
            }
        }
        if (completedChanged && !completed.isEmpty() && !indexed) {
            errs.add(FieldErrors.invalid("status.completedIndexes", completed,
                    "cannot set non-empty completedIndexes when non-indexed completion mode"));
        }
        if (failedChanged && spec.getBackoffLimitPerIndex() == null && s.getFailedIndexes() != null) {
            errs.add(FieldErrors.invalid("status.failedIndexes", s.getFailedIndexes(),
                    "cannot set non-null failedIndexes when backoffLimitPerIndex is null"));
        }
        if ((completedChanged || failedChanged) && completions != null && s.getFailedIndexes() != null) {
            Integer overlap = IndexIntervals.firstOverlap(completed, s.getFailedIndexes(), completions);
            if (overlap != null) {
                errs.add(FieldErrors.invalid("status.failedIndexes", s.getFailedIndexes(),
                        "failedIndexes and completedIndexes overlap at index: " + overlap));
            }
        }
    }

    /** Rules comparing the new status with the old one. */
    private static void transitions(Job job, JobStatus s, JobStatus o, boolean startChanged, List<StatusCause> errs) {
        for (String type : List.of(FAILED, COMPLETE, FAILURE_TARGET)) {
            if (isTrue(o, type) && !isTrue(s, type)) {
                conditions(errs, "cannot disable the terminal " + type + "=True condition");
            }
        }
        if (n(s.getFailed()) < n(o.getFailed())) {
            errs.add(FieldErrors.invalid("status.failed", n(s.getFailed()), "cannot decrease the failed counter"));
        }
        JobSpec spec = job.getSpec();
        boolean elastic = "Indexed".equals(spec.getCompletionMode())
                && Objects.equals(spec.getCompletions(), spec.getParallelism());
        if (!elastic && n(s.getSucceeded()) < n(o.getSucceeded())) {
            errs.add(FieldErrors.invalid("status.succeeded", n(s.getSucceeded()), "cannot decrease the succeeded counter"));
        }
        if (s.getCompletionTime() != null && o.getCompletionTime() != null
                && !s.getCompletionTime().equals(o.getCompletionTime())) {
            errs.add(FieldErrors.invalid("status.completionTime", s.getCompletionTime(), "completionTime cannot be mutated"));
        }
        // A Job that was suspended may get a new startTime when it resumes (upstream's later fix of
        // this rule); otherwise an unsuspended Job's startTime stays.
        if (startChanged && o.getStartTime() != null && !Boolean.TRUE.equals(spec.getSuspend())
                && !isTrue(o, SUSPENDED)) {
            errs.add(FieldErrors.required("status.startTime", "startTime cannot be removed for unsuspended job"));
        }
        if (isTrue(o, SUCCESS_CRITERIA_MET) && !isTrue(s, SUCCESS_CRITERIA_MET)) {
            conditions(errs, "cannot disable the SuccessCriteriaMet=True condition");
        }
        if (isTrue(o, COMPLETE) && !isTrue(o, SUCCESS_CRITERIA_MET) && isTrue(s, SUCCESS_CRITERIA_MET)) {
            conditions(errs, "cannot set SuccessCriteriaMet=True for Job already has Complete=true conditions");
        }
    }

    static boolean isTrue(JobStatus status, String type) {
        List<JobCondition> conditions = status.getConditions();
        return conditions != null && conditions.stream()
                .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static boolean hasUncounted(UncountedTerminatedPods u) {
        return u != null && ((u.getSucceeded() != null && !u.getSucceeded().isEmpty())
                || (u.getFailed() != null && !u.getFailed().isEmpty()));
    }

    private static boolean before(String a, String b) {
        try {
            return Instant.parse(a).isBefore(Instant.parse(b));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void conditions(List<StatusCause> errs, String detail) {
        errs.add(FieldErrors.invalidOmitValue("status.conditions", detail));
    }

    private static void nonNegative(List<StatusCause> errs, String path, Integer value) {
        if (value != null && value < 0) {
            errs.add(FieldErrors.nonNegative(path, value));
        }
    }

    private static int n(Integer v) {
        return v == null ? 0 : v;
    }

    private static String empty(String s) {
        return s == null ? "" : s;
    }
}
