package io.batchplane.scheduler.decision;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The scheduling decision for one pending pod, a pure function of the pod and the nodes (each with the
 * pods already bound or assumed there): filter every node with {@link NodeFilters}, score the feasible
 * ones with {@link LeastAllocated}, and pick the highest score. Ties go to the node whose name sorts
 * first, so the same inputs always give the same answer (upstream picks among ties at random).
 */
public final class PodScheduler {

    private PodScheduler() {
    }

    public static SchedulingResult schedule(Pod pod, Collection<NodeInfo> nodes) {
        Map<String, Long> feasible = new TreeMap<>();
        Map<String, List<String>> rejected = new LinkedHashMap<>();
        Resources podRequests = PodRequests.of(pod);
        Resources podNonZero = PodRequests.nonZero(pod);
        for (NodeInfo info : nodes) {
            List<String> reasons = NodeFilters.reasons(pod, podRequests, info);
            if (reasons.isEmpty()) {
                feasible.put(info.name(), LeastAllocated.score(podNonZero, info));
            } else {
                rejected.put(info.name(), reasons);
            }
        }
        Optional<String> best = Optional.empty();
        long bestScore = -1;
        for (Map.Entry<String, Long> e : feasible.entrySet()) {
            if (e.getValue() > bestScore) {
                best = Optional.of(e.getKey());
                bestScore = e.getValue();
            }
        }
        return new SchedulingResult(best, feasible, rejected, nodes.size());
    }
}
