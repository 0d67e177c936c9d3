package io.batchplane.jobcontroller.sync;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Counting a Job's pods under finalizer tracking. A finished pod is "new" while it still holds the tracking
 * finalizer (and no removal of it is in flight) and its UID is not yet in {@code status.uncountedTerminatedPods};
 * the Job's totals are the status counters plus the uncounted UIDs plus the new pods.
 */
public final class PodCounting {
    private PodCounting() {
    }

    /**
     * The census of one sync.
     *
     * @param active             active pods (not terminal, not being deleted)
     * @param terminating        pods being deleted and not yet terminal
     * @param ready              ready pods among the active ones
     * @param newSucceeded       succeeded pods not yet counted anywhere
     * @param newFailed          failed pods not yet counted anywhere (before the pod failure policy)
     * @param uncountedSucceeded UIDs in {@code status.uncountedTerminatedPods.succeeded}
     * @param uncountedFailed    UIDs in {@code status.uncountedTerminatedPods.failed}
     * @param succeeded          total succeeded pods (Indexed Jobs replace this with the succeeded-index count)
     * @param failed             total failed pods that count towards backoffLimit
     */
    public record Census(List<Pod> active, int terminating, int ready, List<Pod> newSucceeded, List<Pod> newFailed,
                         Set<String> uncountedSucceeded, Set<String> uncountedFailed, int succeeded, int failed) {
    }

    /**
     * Whether the Job counts this pod as failed: phase Failed; or, unless only failed pods are replaced
     * ({@link JobFacts#onlyReplaceFailedPods}), being deleted before it succeeded (an orphaned or evicted pod may
     * never reach phase Failed).
     */
    public static boolean isFailed(Pod pod, Job job) {
        if (PodFacts.FAILED.equals(PodFacts.phase(pod))) {
            return true;
        }
        if (JobFacts.onlyReplaceFailedPods(job)) {
            return false;
        }
        return PodFacts.isBeingDeleted(pod) && !PodFacts.isSucceeded(pod);
    }

    public static Census census(Job job, List<Pod> pods, Set<String> expectedFinalizerRemovals) {
        JobStatus status = JobFacts.status(job);
        UncountedTerminatedPods u = status.getUncountedTerminatedPods();
        Set<String> uncountedSucceeded = new LinkedHashSet<>(u == null || u.getSucceeded() == null ? List.of() : u.getSucceeded());
        Set<String> uncountedFailed = new LinkedHashSet<>(u == null || u.getFailed() == null ? List.of() : u.getFailed());
        List<Pod> active = pods.stream().filter(PodFacts::isActive).toList();
        int terminating = (int) pods.stream().filter(PodFacts::isTerminating).count();
        int ready = (int) active.stream().filter(PodFacts::isReady).count();
        List<Pod> newSucceeded = untracked(job, pods, expectedFinalizerRemovals, uncountedSucceeded, PodFacts::isSucceeded);
        List<Pod> newFailed = untracked(job, pods, expectedFinalizerRemovals, uncountedFailed, p -> isFailed(p, job));
        int countedNewFailed = (int) newFailed.stream()
                .filter(p -> PodFailurePolicyMatcher.match(JobFacts.spec(job).getPodFailurePolicy(), p).countsAsFailure())
                .count();
        int succeeded = nz(status.getSucceeded()) + newSucceeded.size() + uncountedSucceeded.size();
        int failed = nz(status.getFailed()) + countedNewFailed + uncountedFailed.size();
        return new Census(active, terminating, ready, newSucceeded, newFailed, uncountedSucceeded, uncountedFailed,
                succeeded, failed);
    }

    /**
     * Pods still tracked by this Job: holding the finalizer with no removal in flight, and for Indexed Jobs with a
     * valid index below completions.
     */
    public static List<Pod> tracked(Job job, List<Pod> pods, Set<String> expectedFinalizerRemovals) {
        List<Pod> result = new ArrayList<>();
        boolean indexed = JobFacts.isIndexed(job);
        for (Pod pod : pods) {
            if (!PodFacts.hasTrackingFinalizer(pod) || expectedFinalizerRemovals.contains(PodFacts.uid(pod))) {
                continue;
            }
            if (indexed) {
                int index = PodFacts.completionIndex(pod);
                if (index == PodFacts.NO_INDEX || index >= JobFacts.indexedCompletions(job)) {
                    continue;
                }
            }
            result.add(pod);
        }
        return result;
    }

    private static List<Pod> untracked(Job job, List<Pod> pods, Set<String> expected, Set<String> uncounted, Predicate<Pod> filter) {
        return tracked(job, pods, expected).stream()
                .filter(p -> !uncounted.contains(PodFacts.uid(p)) && filter.test(p))
                .toList();
    }

    /** The recorded completed indexes plus those of succeeded pods still holding their finalizer. */
    public static IndexIntervals succeededIndexes(Job job, List<Pod> pods) {
        int completions = JobFacts.indexedCompletions(job);
        List<Integer> found = new ArrayList<>();
        for (Pod pod : pods) {
            int index = PodFacts.completionIndex(pod);
            if (PodFacts.isSucceeded(pod) && index != PodFacts.NO_INDEX && index < completions && PodFacts.hasTrackingFinalizer(pod)) {
                found.add(index);
            }
        }
        return IndexIntervals.parse(JobFacts.status(job).getCompletedIndexes(), completions).with(found);
    }

    /** The recorded failed indexes plus those whose tracked pod just failed the index (backoffLimitPerIndex). */
    public static IndexIntervals failedIndexes(Job job, List<Pod> pods) {
        int completions = JobFacts.indexedCompletions(job);
        List<Integer> found = new ArrayList<>();
        for (Pod pod : pods) {
            int index = PodFacts.completionIndex(pod);
            if (index != PodFacts.NO_INDEX && index < completions && PodFacts.hasTrackingFinalizer(pod)
                    && IndexedPods.failsIndex(job, pod)) {
                found.add(index);
            }
        }
        return IndexIntervals.parse(JobFacts.status(job).getFailedIndexes(), completions).with(found);
    }

    static int nz(Integer value) {
        return value == null ? 0 : value;
    }
}
