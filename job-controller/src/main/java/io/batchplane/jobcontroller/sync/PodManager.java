package io.batchplane.jobcontroller.sync;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.batchplane.jobcontroller.sync.SyncPlan.PodCreation;
import io.batchplane.jobcontroller.sync.SyncPlan.PodDeletion;
import io.batchplane.jobcontroller.sync.SyncPlan.PodRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings the number of active pods of a running Job to what it wants (upstream's manageJob):
 * suspended → none; work queue (no completions) → parallelism until the first success, then no new pods;
 * fixed completions → min(parallelism, completions − succeeded). Surplus pods (and, for Indexed Jobs, pods with
 * duplicate or out-of-range indexes) are deleted least valuable first, their tracking finalizer removed first so
 * they never count as failures. Missing pods are created unless the failure backoff still runs; with
 * podReplacementPolicy Failed, terminating pods still occupy their slot. A sync either deletes or creates,
 * never both, and at most {@code maxPodCreateDeletePerSync} pods.
 */
public final class PodManager {
    private PodManager() {
    }

    /**
     * @param active      active pods after this sync's changes (as the status will report them)
     * @param readyRemoved ready pods among the deleted ones
     * @param requeue     when creation waits for a backoff, how long; else null
     */
    public record Result(List<PodCreation> creations, List<PodDeletion> deletions, int active, int readyRemoved,
                         Duration requeue) {
    }

    public static Result manage(Job job, List<Pod> pods, PodCounting.Census census, int succeeded,
                                IndexIntervals succeededIndexes, IndexIntervals failedIndexes,
                                Map<Integer, Pod> awaitingReplacement, BackoffRecord backoff,
                                Instant now, JobControllerConfig cfg) {
        List<Pod> activePods = census.active();
        int active = activePods.size();
        if (JobFacts.isSuspended(job)) {
            return delete(activePods, active, "Job suspended");
        }
        int parallelism = JobFacts.parallelism(job);
        Integer completions = JobFacts.completions(job);
        int wantActive;
        if (completions == null) {
            wantActive = succeeded > 0 ? active : parallelism;
        } else {
            wantActive = Math.max(0, Math.min(completions - succeeded, parallelism));
        }
        int rmAtLeast = Math.max(0, active - wantActive);
        List<Pod> toRemove = forRemoval(job, activePods, rmAtLeast);
        if (toRemove.size() > cfg.maxPodCreateDeletePerSync()) {
            toRemove = toRemove.subList(0, cfg.maxPodCreateDeletePerSync());
        }
        if (!toRemove.isEmpty()) {
            return delete(toRemove, active, "Too many active pods");
        }
        int occupied = JobFacts.onlyReplaceFailedPods(job) ? census.terminating() : 0;
        int diff = wantActive - occupied - active;
        if (diff <= 0) {
            return new Result(List.of(), List.of(), active, 0, null);
        }
        if (!JobFacts.hasBackoffLimitPerIndex(job)) {
            Duration wait = PodBackoff.remaining(backoff, now, cfg);
            if (wait.compareTo(Duration.ZERO) > 0) {
                return new Result(List.of(), List.of(), active, 0, wait);
            }
        }
        diff = Math.min(diff, cfg.maxPodCreateDeletePerSync());
        List<PodCreation> creations = new ArrayList<>();
        if (!JobFacts.isIndexed(job)) {
            for (int i = 0; i < diff; i++) {
                creations.add(new PodCreation(PodFacts.NO_INDEX, PodFactory.newPod(job, PodFacts.NO_INDEX, null)));
            }
            return new Result(creations, List.of(), active + creations.size(), 0, null);
        }
        IndexIntervals taken = succeededIndexes.with(IndexedPods.indexesOf(activePods));
        if (JobFacts.onlyReplaceFailedPods(job)) {
            taken = taken.with(IndexedPods.indexesOf(pods.stream().filter(PodFacts::isTerminating).toList()));
        }
        if (failedIndexes != null) {
            taken = taken.union(failedIndexes);
        }
        List<Integer> indexes = IndexedPods.firstPending(diff, JobFacts.indexedCompletions(job), taken);
        Duration requeue = null;
        if (JobFacts.hasBackoffLimitPerIndex(job)) {
            List<Integer> startable = new ArrayList<>();
            for (int index : indexes) {
                Pod replaced = awaitingReplacement.get(index);
                Duration wait = replaced == null ? Duration.ZERO : PodBackoff.remaining(
                        PodFacts.indexAbsoluteFailureCount(replaced) + 1, PodFacts.finishedTime(replaced), now, cfg);
                if (wait.compareTo(Duration.ZERO) <= 0) {
                    startable.add(index);
                } else if (requeue == null || wait.compareTo(requeue) < 0) {
                    requeue = wait;
                }
            }
            if (!startable.isEmpty()) {
                requeue = null;
            }
            indexes = startable;
        }
        for (int index : indexes) {
            int[] counts = JobFacts.hasBackoffLimitPerIndex(job)
                    ? IndexedPods.replacementFailureCounts(job, awaitingReplacement.get(index)) : null;
            creations.add(new PodCreation(index, PodFactory.newPod(job, index, counts)));
        }
        return new Result(creations, List.of(), active + creations.size(), 0, requeue);
    }

    private static Result delete(List<Pod> pods, int active, String why) {
        List<PodDeletion> deletions = new ArrayList<>();
        int ready = 0;
        for (Pod pod : pods) {
            deletions.add(new PodDeletion(PodRef.of(pod), true, why));
            if (PodFacts.isReady(pod)) {
                ready++;
            }
        }
        return new Result(List.of(), deletions, active - deletions.size(), ready, null);
    }

    /**
     * The active pods to delete: for Indexed Jobs first those with duplicate or invalid indexes, then, until at
     * least {@code rmAtLeast} are chosen, the least valuable of the rest.
     */
    static List<Pod> forRemoval(Job job, List<Pod> active, int rmAtLeast) {
        List<Pod> remove = new ArrayList<>();
        List<Pod> left = new ArrayList<>();
        if (JobFacts.isIndexed(job)) {
            remove.addAll(IndexedPods.surplus(active, JobFacts.indexedCompletions(job), left));
        } else {
            left.addAll(active);
        }
        if (remove.size() < rmAtLeast) {
            left.sort(ActivePodOrder.INSTANCE);
            remove.addAll(left.subList(0, Math.min(left.size(), rmAtLeast - remove.size())));
        }
        return remove;
    }
}
