package io.batchplane.jobcontroller.sync;

import io.batchplane.api.Conditions;
import io.batchplane.jobcontroller.sync.SyncPlan.JobEvent;
import io.batchplane.jobcontroller.sync.SyncPlan.PodRef;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The job-tracking-with-finalizers protocol, one step per sync, so that each pod is counted exactly once even if
 * it is deleted at any moment or the controller stops between any two writes:
 * <ol>
 *   <li><b>count what was recorded</b>: UIDs in {@code uncountedTerminatedPods} whose pod no longer holds the
 *       finalizer (removed, or the pod is gone) move into {@code succeeded}/{@code failed};</li>
 *   <li><b>record what finished</b>: each newly finished pod still holding the finalizer is added to
 *       {@code uncountedTerminatedPods} (an Indexed success straight into {@code completedIndexes}, whose
 *       index set makes recounting harmless) — this status is written before step 3;</li>
 *   <li><b>release</b>: the finalizer of every recorded pod is removed (after the status write).</li>
 * </ol>
 * A crash after 2 repeats 2 harmlessly (UIDs are a set); after 3 the next sync does 1. The terminal condition
 * (Failed / Complete, replacing the interim FailureTarget / SuccessCriteriaMet) is only added once nothing is
 * uncounted and no pod is terminating, so a finished Job has active, terminating and uncounted at zero.
 */
public final class FinishedPodTracker {
    private FinishedPodTracker() {
    }

    /** The finalizers to remove after the status write, whether the Job finished, and events to emit. */
    public record Result(List<PodRef> finalizerRemovals, boolean finishedNow, List<JobEvent> events) {
    }

    /**
     * Updates {@code status} (a private copy with active/ready/terminating already set) in place.
     *
     * @param finished the criterion met this sync (FailureTarget, SuccessCriteriaMet, or the Failed condition an
     *                 earlier FailureTarget leads to), or null
     */
    public static Result track(Job job, List<Pod> pods, PodCounting.Census census, Set<String> expectedRemovals,
                               JobCondition finished, IndexIntervals succeededIndexes, IndexIntervals failedIndexes,
                               Map<Integer, Pod> awaitingReplacement, JobStatus status, Instant now, JobControllerConfig cfg) {
        boolean indexed = JobFacts.isIndexed(job);
        int completions = JobFacts.indexedCompletions(job);
        Set<String> withFinalizer = new HashSet<>();
        for (Pod pod : pods) {
            if (PodFacts.hasTrackingFinalizer(pod) && !expectedRemovals.contains(PodFacts.uid(pod))) {
                withFinalizer.add(PodFacts.uid(pod));
            }
        }
        List<String> uncountedSucceeded = new ArrayList<>();
        List<String> uncountedFailed = new ArrayList<>();
        int released = 0;
        for (String uid : census.uncountedSucceeded()) {
            if (withFinalizer.contains(uid)) {
                uncountedSucceeded.add(uid);
            } else {
                released++;
            }
        }
        status.setSucceeded(PodCounting.nz(status.getSucceeded()) + released);
        released = 0;
        for (String uid : census.uncountedFailed()) {
            if (withFinalizer.contains(uid)) {
                uncountedFailed.add(uid);
            } else {
                released++;
            }
        }
        status.setFailed(PodCounting.nz(status.getFailed()) + released);

        boolean jobFailing = finished != null && !Conditions.JOB_SUCCESS_CRITERIA_MET.equals(finished.getType())
                && !Conditions.JOB_COMPLETE.equals(finished.getType());
        List<Pod> ordered = new ArrayList<>(pods);
        if (indexed) {
            ordered.sort(Comparator.comparingInt(PodFacts::completionIndex));
        }
        IndexIntervals prevSucceeded = indexed ? IndexIntervals.parse(JobFacts.status(job).getCompletedIndexes(), completions) : null;
        List<Integer> newIndexes = new ArrayList<>();
        List<PodRef> removals = new ArrayList<>();
        boolean reachedMax = false;
        for (Pod pod : ordered) {
            String uid = PodFacts.uid(pod);
            if (!PodFacts.hasTrackingFinalizer(pod) || expectedRemovals.contains(uid)) {
                continue;
            }
            boolean failed = PodCounting.isFailed(pod, job);
            if (!canRelease(job, pod, failed, finished, awaitingReplacement)) {
                continue;
            }
            removals.add(PodRef.of(pod));
            int index = PodFacts.completionIndex(pod);
            boolean validIndex = index != PodFacts.NO_INDEX && index < completions;
            if (PodFacts.isSucceeded(pod) && !census.uncountedFailed().contains(uid)) {
                if (indexed) {
                    if (validIndex && !prevSucceeded.has(index)) {
                        newIndexes.add(index);
                    }
                } else if (!census.uncountedSucceeded().contains(uid)) {
                    uncountedSucceeded.add(uid);
                }
            } else if ((failed || jobFailing) && !census.uncountedFailed().contains(uid) && (!indexed || validIndex)
                    && PodFailurePolicyMatcher.match(JobFacts.spec(job).getPodFailurePolicy(), pod).countsAsFailure()) {
                uncountedFailed.add(uid);
            }
            if (newIndexes.size() + uncountedSucceeded.size() + uncountedFailed.size() >= cfg.maxUncountedPods()) {
                reachedMax = true;
                break;
            }
        }
        UncountedTerminatedPods uncounted = new UncountedTerminatedPods();
        uncounted.setSucceeded(uncountedSucceeded);
        uncounted.setFailed(uncountedFailed);
        status.setUncountedTerminatedPods(uncounted);
        if (indexed) {
            IndexIntervals all = succeededIndexes.with(newIndexes);
            status.setCompletedIndexes(all.toString());
            status.setSucceeded(all.total());
            status.setFailedIndexes(failedIndexes == null ? null : failedIndexes.toString());
        }

        JobCondition terminal = interimAndTerminal(finished, status, now);
        List<JobEvent> events = new ArrayList<>();
        boolean finishNow = terminal != null && !reachedMax && uncountedSucceeded.isEmpty() && uncountedFailed.isEmpty()
                && PodCounting.nz(status.getTerminating()) == 0 && !releasing(pods, removals, expectedRemovals);
        if (finishNow) {
            if (status.getStartTime() == null) {
                // A Job that finishes while suspended (startTime cleared) still needs a startTime once finished.
                status.setStartTime(Times.format(now));
            }
            JobConditions.ensure(status.getConditions(), terminal.getType(), true, terminal.getReason(), terminal.getMessage(), now);
            if (Conditions.JOB_COMPLETE.equals(terminal.getType())) {
                status.setCompletionTime(Times.format(now));
                Integer want = JobFacts.completions(job);
                if (want != null && PodCounting.nz(status.getSucceeded()) > want) {
                    events.add(JobEvent.warning("TooManySucceededPods", "Too many succeeded pods running after completion count reached"));
                }
                events.add(JobEvent.normal("Completed", "Job completed"));
            } else {
                events.add(JobEvent.warning(terminal.getReason(), terminal.getMessage()));
            }
        }
        return new Result(removals, finishNow, events);
    }

    /**
     * Adds a new interim condition (FailureTarget, SuccessCriteriaMet) to the status and returns the terminal
     * condition it leads to, carrying its reason and message.
     */
    private static JobCondition interimAndTerminal(JobCondition finished, JobStatus status, Instant now) {
        if (finished == null) {
            return null;
        }
        if (status.getConditions() == null) {
            status.setConditions(new ArrayList<>());
        }
        String type = finished.getType();
        if (Conditions.JOB_FAILURE_TARGET.equals(type)) {
            JobConditions.ensure(status.getConditions(), type, true, finished.getReason(), finished.getMessage(), now);
            return JobConditions.newCondition(Conditions.JOB_FAILED, true, finished.getReason(), finished.getMessage(), now);
        }
        if (Conditions.JOB_SUCCESS_CRITERIA_MET.equals(type)) {
            if (!JobConditions.isTrue(status.getConditions(), type)) {
                JobConditions.ensure(status.getConditions(), type, true, finished.getReason(), finished.getMessage(), now);
            }
            return JobConditions.newCondition(Conditions.JOB_COMPLETE, true, finished.getReason(), finished.getMessage(), now);
        }
        return finished;
    }

    /**
     * A pod's finalizer may go once the Job is being deleted or has met a criterion, once the pod succeeded, or
     * once it failed — unless, with backoffLimitPerIndex, it is the failed pod whose replacement still has to be
     * created (the replacement inherits its failure count).
     */
    /**
     * Whether a tracking finalizer is still to be removed, by this sync or by one in flight. As upstream, the
     * terminal condition waits for it: an Indexed success is counted (in {@code completedIndexes}) in the same
     * status write that precedes its release, so without this wait a Job could read Complete while its last
     * pods still hold the finalizer.
     */
    static boolean releasing(List<Pod> pods, List<PodRef> removals, Set<String> expectedRemovals) {
        if (!removals.isEmpty()) {
            return true;
        }
        for (Pod pod : pods) {
            if (PodFacts.hasTrackingFinalizer(pod) && expectedRemovals.contains(PodFacts.uid(pod))) {
                return true;
            }
        }
        return false;
    }

    static boolean canRelease(Job job, Pod pod, boolean failed, JobCondition finished, Map<Integer, Pod> awaitingReplacement) {
        if (JobFacts.isBeingDeleted(job) || finished != null || PodFacts.isSucceeded(pod)) {
            return true;
        }
        if (!failed) {
            return false;
        }
        Pod awaiting = awaitingReplacement.get(PodFacts.completionIndex(pod));
        return awaiting == null || !PodFacts.uid(awaiting).equals(PodFacts.uid(pod));
    }
}
