package io.batchplane.scheduler.lifecycle;

import io.batchplane.scheduler.decision.Tolerations;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a pod must leave a node because of the node's {@code NoExecute} taints (upstream's taint
 * eviction rules), as a pure function:
 * <ul>
 * <li>no NoExecute taint: the pod stays;</li>
 * <li>a NoExecute taint none of the pod's tolerations tolerates: evict now;</li>
 * <li>all tolerated: the smallest {@code tolerationSeconds} among the tolerations that match a
 * NoExecute taint bounds the stay (a negative value counts as 0); when none of them sets it, the pod
 * stays for good. The time counts from the taint's {@code timeAdded} (the earliest among the NoExecute
 * taints; {@code now} when unset), so a restarted controller keeps the deadline.</li>
 * </ul>
 * Pods the API server admitted get 300 s tolerations for the unreachable and not-ready taints, so by
 * default they are evicted five minutes after their node was lost.
 */
public final class TaintEviction {

    private TaintEviction() {
    }

    /** When the pod must be evicted: empty for never, {@code now} (or earlier) for at once. */
    public static Optional<Instant> evictAt(Pod pod, List<Taint> nodeTaints, Instant now) {
        List<Taint> noExecute = nodeTaints == null ? List.of()
                : nodeTaints.stream().filter(t -> Tolerations.NO_EXECUTE.equals(t.getEffect())).toList();
        if (noExecute.isEmpty()) {
            return Optional.empty();
        }
        List<Toleration> tolerations = pod.getSpec() == null || pod.getSpec().getTolerations() == null ? List.of()
                : pod.getSpec().getTolerations();
        Long minSeconds = null;
        boolean bounded = false;
        for (Taint taint : noExecute) {
            boolean tolerated = false;
            for (Toleration t : tolerations) {
                if (!Tolerations.tolerates(t, taint)) {
                    continue;
                }
                tolerated = true;
                if (t.getTolerationSeconds() != null) {
                    long s = Math.max(0, t.getTolerationSeconds());
                    minSeconds = minSeconds == null ? s : Math.min(minSeconds, s);
                    bounded = true;
                }
            }
            if (!tolerated) {
                return Optional.of(now);
            }
        }
        if (!bounded) {
            return Optional.empty();
        }
        Instant start = noExecute.stream().map(t -> parse(t.getTimeAdded())).filter(i -> i != null)
                .min(Instant::compareTo).orElse(now);
        return Optional.of(start.plusSeconds(minSeconds));
    }

    private static Instant parse(String time) {
        if (time == null || time.isEmpty()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(time).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
