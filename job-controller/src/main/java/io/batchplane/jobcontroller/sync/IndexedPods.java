package io.batchplane.jobcontroller.sync;

import io.batchplane.api.Annotations;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Indexed-Job rules over pods: which indexes are taken, which to start next, which pods are surplus
 * (duplicate or out-of-range index), which failed index pods must keep their finalizer until their replacement
 * exists, and what failure counts a replacement inherits.
 */
public final class IndexedPods {
    private IndexedPods() {
    }

    /** The valid completion indexes carried by these pods. */
    public static Set<Integer> indexesOf(Collection<Pod> pods) {
        Set<Integer> result = new TreeSet<>();
        for (Pod pod : pods) {
            int index = PodFacts.completionIndex(pod);
            if (index != PodFacts.NO_INDEX) {
                result.add(index);
            }
        }
        return result;
    }

    /** Up to {@code count} of the lowest indexes below {@code completions} not in {@code taken}. */
    public static List<Integer> firstPending(int count, int completions, IndexIntervals taken) {
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < completions && result.size() < count; i++) {
            if (!taken.has(i)) {
                result.add(i);
            }
        }
        return result;
    }

    /**
     * Active pods that must go whatever the desired count: pods without a valid index (missing or not below
     * {@code completions} — e.g. after an elastic scale-down) and, of several active pods with the same index,
     * all but the most advanced one (by {@link ActivePodOrder}).
     *
     * @return the surplus pods; {@code keep} receives the others
     */
    public static List<Pod> surplus(List<Pod> active, int completions, List<Pod> keep) {
        List<Pod> remove = new ArrayList<>();
        TreeMap<Integer, List<Pod>> byIndex = new TreeMap<>();
        for (Pod pod : active) {
            int index = PodFacts.completionIndex(pod);
            if (index == PodFacts.NO_INDEX || index >= completions) {
                remove.add(pod);
            } else {
                byIndex.computeIfAbsent(index, k -> new ArrayList<>()).add(pod);
            }
        }
        for (List<Pod> group : byIndex.values()) {
            group.sort(ActivePodOrder.INSTANCE);
            remove.addAll(group.subList(0, group.size() - 1));
            keep.add(group.get(group.size() - 1));
        }
        return remove;
    }

    /**
     * For backoffLimitPerIndex: per index that is neither succeeded, failed nor active, the newest failed pod still
     * holding its tracking finalizer. Its finalizer stays until the replacement pod exists, because the replacement's
     * failure-count annotation is derived from it (and its finish time drives the per-index backoff).
     */
    public static Map<Integer, Pod> awaitingReplacement(Job job, List<Pod> trackedPods, List<Pod> activePods,
                                                       IndexIntervals succeeded, IndexIntervals failed) {
        Set<Integer> active = indexesOf(activePods);
        int completions = JobFacts.indexedCompletions(job);
        Map<Integer, Pod> result = new HashMap<>();
        for (Pod pod : trackedPods) {
            int index = PodFacts.completionIndex(pod);
            if (!PodCounting.isFailed(pod, job) || index == PodFacts.NO_INDEX || index >= completions
                    || succeeded.has(index) || failed.has(index) || active.contains(index)) {
                continue;
            }
            Pod current = result.get(index);
            if (current == null || (PodFacts.indexAbsoluteFailureCount(current) <= PodFacts.indexAbsoluteFailureCount(pod)
                    && !PodFacts.finishedTime(pod).isBefore(PodFacts.finishedTime(current)))) {
                result.put(index, pod);
            }
        }
        return result;
    }

    /**
     * The failure counts a replacement pod starts with: {counted, ignored}. Each is the replaced pod's plus one
     * for the replaced pod's own failure, in the counted or the ignored column as the pod failure policy says.
     */
    public static int[] replacementFailureCounts(Job job, Pod replaced) {
        if (replaced == null) {
            return new int[] {0, 0};
        }
        int counted = PodFacts.indexFailureCount(replaced);
        int ignored = PodFacts.nonNegativeIntAnnotation(replaced, Annotations.JOB_INDEX_IGNORED_FAILURE_COUNT);
        if (PodFailurePolicyMatcher.match(JobFacts.spec(job).getPodFailurePolicy(), replaced).countsAsFailure()) {
            counted++;
        } else {
            ignored++;
        }
        return new int[] {counted, ignored};
    }

    /**
     * Whether this pod's failure makes its whole index failed: a FailIndex rule matched, or the failure counts and
     * the index had already used up backoffLimitPerIndex before this pod.
     */
    public static boolean failsIndex(Job job, Pod pod) {
        if (!PodCounting.isFailed(pod, job)) {
            return false;
        }
        PodFailurePolicyMatcher.Match match = PodFailurePolicyMatcher.match(JobFacts.spec(job).getPodFailurePolicy(), pod);
        if (PodFailurePolicyMatcher.FAIL_INDEX.equals(match.action())) {
            return true;
        }
        return match.countsAsFailure() && PodFacts.indexFailureCount(pod) >= JobFacts.backoffLimitPerIndex(job);
    }
}
