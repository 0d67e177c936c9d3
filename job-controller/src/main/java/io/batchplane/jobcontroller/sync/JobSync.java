package io.batchplane.jobcontroller.sync;

import io.batchplane.api.Conditions;
import io.batchplane.jobcontroller.sync.SyncPlan.JobEvent;
import io.batchplane.jobcontroller.sync.SyncPlan.PodCreation;
import io.batchplane.jobcontroller.sync.SyncPlan.PodDeletion;
import io.batchplane.jobcontroller.sync.SyncPlan.PodRef;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Job controller's decision: from a Job, the pods it controls (already claimed: matching selector and
 * controller reference), the time and what the controller remembers, compute a {@link SyncPlan}. Pure: no I/O,
 * no clock, no mutation of its inputs — the same inputs give the same plan.
 *
 * <p>Pipeline: skip Jobs managed elsewhere; a finished Job only releases leftover finalizers; otherwise count pods
 * ({@link PodCounting}), set startTime, advance the backoff record ({@link PodBackoff}), evaluate failure and
 * success criteria ({@link FinishEvaluator}); if one is met delete every active pod, else manage the pod count
 * ({@link PodManager}), detect completion and the Suspended condition; finally track finished pods and conditions
 * ({@link FinishedPodTracker}).
 */
public final class JobSync {
    private JobSync() {
    }

    public static SyncPlan decide(Job job, List<Pod> pods, Instant now, JobControllerConfig cfg, SyncState state) {
        if (JobFacts.isManagedElsewhere(job)) {
            return SyncPlan.nothing(state.backoff());
        }
        if (JobConditions.isFinished(job)) {
            List<PodRef> leftovers = pods.stream().filter(PodFacts::hasTrackingFinalizer)
                    .filter(p -> !state.expectedFinalizerRemovals().contains(PodFacts.uid(p))).map(PodRef::of).toList();
            return new SyncPlan(List.of(), List.of(), Optional.empty(), leftovers, List.of(), Optional.empty(), BackoffRecord.NONE, false);
        }
        if (!JobFacts.hasKnownCompletionMode(job)) {
            return new SyncPlan(List.of(), List.of(), Optional.empty(), List.of(),
                    List.of(JobEvent.warning("UnknownCompletionMode", "Skipped Job sync because completion mode is unknown")),
                    Optional.empty(), state.backoff(), false);
        }
        JobStatus original = new JobStatusBuilder(JobFacts.status(job)).build();
        JobStatus status = new JobStatusBuilder(original).build();
        if (status.getConditions() == null) {
            status.setConditions(new ArrayList<>());
        }
        PodCounting.Census census = PodCounting.census(job, pods, state.expectedFinalizerRemovals());
        if (status.getStartTime() == null && !JobFacts.isSuspended(job)) {
            status.setStartTime(Times.format(now));
        }
        BackoffRecord backoff = PodBackoff.next(state.backoff(), census.newSucceeded(), census.newFailed());

        boolean indexed = JobFacts.isIndexed(job);
        IndexIntervals succeededIndexes = indexed ? PodCounting.succeededIndexes(job, pods) : null;
        IndexIntervals failedIndexes = JobFacts.hasBackoffLimitPerIndex(job) ? PodCounting.failedIndexes(job, pods) : null;
        int succeeded = indexed ? succeededIndexes.total() : census.succeeded();
        Instant startTime = status.getStartTime() == null ? null : Times.parse(status.getStartTime());
        FinishEvaluator.Result evaluation = FinishEvaluator.evaluate(job, pods, census, startTime, succeededIndexes, failedIndexes, now);
        JobCondition finished = evaluation.finished();
        Map<Integer, Pod> awaiting = failedIndexes == null ? Map.of() : IndexedPods.awaitingReplacement(job,
                PodCounting.tracked(job, pods, state.expectedFinalizerRemovals()), census.active(), succeededIndexes, failedIndexes);

        List<PodCreation> creations = List.of();
        List<PodDeletion> deletions = List.of();
        List<JobEvent> events = new ArrayList<>();
        Duration requeue = null;
        int active = census.active().size();
        int ready = census.ready();
        int terminating = census.terminating();
        boolean managed = false;
        if (finished != null) {
            String why = "Job " + (Conditions.JOB_SUCCESS_CRITERIA_MET.equals(finished.getType()) ? "succeeded: " : "failed: ")
                    + finished.getReason();
            deletions = census.active().stream().map(p -> new PodDeletion(PodRef.of(p), false, why)).toList();
            if (!state.expectationsSatisfied()) {
                finished = null;
            }
            terminating += deletions.size();
            active = 0;
            ready = 0;
        } else {
            managed = state.expectationsSatisfied() && !JobFacts.isBeingDeleted(job);
            if (managed) {
                PodManager.Result result = PodManager.manage(job, pods, census, succeeded, succeededIndexes, failedIndexes,
                        awaiting, backoff, now, cfg);
                creations = result.creations();
                deletions = result.deletions();
                active = result.active();
                ready -= result.readyRemoved();
                terminating += deletions.size();
                requeue = result.requeue();
            }
            Integer completions = JobFacts.completions(job);
            boolean complete = completions == null ? succeeded > 0 && active == 0 : succeeded >= completions && active == 0;
            if (complete) {
                finished = JobConditions.newCondition(Conditions.JOB_SUCCESS_CRITERIA_MET, true,
                        JobConditions.REASON_COMPLETIONS_REACHED, JobConditions.MSG_COMPLETIONS_REACHED, now);
            } else if (managed) {
                SuspendTransition.apply(job, status, events, now);
            }
            requeue = earlier(requeue, evaluation.deadlineRequeue());
        }
        status.setActive(active);
        status.setReady(ready);
        status.setTerminating(terminating);
        FinishedPodTracker.Result tracked = FinishedPodTracker.track(job, pods, census, state.expectedFinalizerRemovals(),
                finished, succeededIndexes, failedIndexes, awaiting, status, now, cfg);
        events.addAll(tracked.events());
        if (tracked.finishedNow()) {
            requeue = null;
        }
        Optional<JobStatus> write = status.equals(original) ? Optional.empty() : Optional.of(status);
        return new SyncPlan(creations, deletions, write, tracked.finalizerRemovals(), events,
                Optional.ofNullable(requeue), tracked.finishedNow() ? BackoffRecord.NONE : backoff, managed);
    }

    private static Duration earlier(Duration a, Duration b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }
}
