package io.batchplane.jobcontroller.sync;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

/**
 * The order in which surplus active pods are deleted, least valuable first (upstream's ActivePods ordering):
 * unscheduled before scheduled; Pending before Unknown before Running; not ready before ready; ready for a
 * shorter time before longer; more container restarts before fewer; newer before older.
 */
public final class ActivePodOrder implements Comparator<Pod> {
    public static final ActivePodOrder INSTANCE = new ActivePodOrder();
    private static final Map<String, Integer> PHASE_RANK = Map.of(PodFacts.PENDING, 0, PodFacts.UNKNOWN, 1, PodFacts.RUNNING, 2);

    private ActivePodOrder() {
    }

    @Override
    public int compare(Pod a, Pod b) {
        int c = Boolean.compare(isScheduled(a), isScheduled(b));
        if (c != 0) {
            return c;
        }
        c = Integer.compare(PHASE_RANK.getOrDefault(PodFacts.phase(a), 1), PHASE_RANK.getOrDefault(PodFacts.phase(b), 1));
        if (c != 0) {
            return c;
        }
        c = Boolean.compare(PodFacts.isReady(a), PodFacts.isReady(b));
        if (c != 0) {
            return c;
        }
        if (PodFacts.isReady(a)) {
            c = -compareNullable(readySince(a), readySince(b));
            if (c != 0) {
                return c;
            }
        }
        c = -Integer.compare(PodFacts.maxContainerRestarts(a), PodFacts.maxContainerRestarts(b));
        if (c != 0) {
            return c;
        }
        return -compareNullable(created(a), created(b));
    }

    private static boolean isScheduled(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }

    private static Instant readySince(Pod pod) {
        return PodFacts.readyCondition(pod).map(PodCondition::getLastTransitionTime).map(Times::parse).orElse(null);
    }

    private static Instant created(Pod pod) {
        String ts = pod.getMetadata() == null ? null : pod.getMetadata().getCreationTimestamp();
        return ts == null ? null : Times.parse(ts);
    }

    /** Unknown times sort as the oldest. */
    private static int compareNullable(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }
}
