package io.batchplane.scheduler.podgc;

import io.batchplane.api.Conditions;
import io.batchplane.scheduler.lifecycle.NodeTaints;
import io.batchplane.scheduler.podgc.PodGcAction.Reason;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which pods the pod garbage collector finishes in one round (upstream's PodGC rules), as a pure
 * function of every pod, every node in the cache, the nodes confirmed gone and {@code now}. Rules, in
 * this order; a pod matched by an earlier rule is not listed again:
 * <ol>
 * <li><b>terminated</b>: when more pods than {@code threshold} (if above 0) have a phase other than
 * Pending, Running or Unknown, the surplus goes: pods the kubelet evicted (Failed, reason
 * {@code Evicted}) first, then oldest {@code creationTimestamp} first, then by name;</li>
 * <li><b>terminating on an out-of-service node</b>: a pod being deleted whose node is in the cache, is
 * not Ready and carries the {@code node.kubernetes.io/out-of-service} taint (the operator's statement
 * that the node is down for good);</li>
 * <li><b>terminating on an unreachable node</b> (our addition, when enabled): a pod being deleted
 * whose node is not Ready and carries the {@code node.kubernetes.io/unreachable} taint, once its
 * {@code deletionTimestamp} (the end of its grace period) has passed;</li>
 * <li><b>orphaned</b>: a pod bound to a node in {@code deletedNodes};</li>
 * <li><b>terminating, unscheduled</b>: a pod being deleted that was never bound.</li>
 * </ol>
 * A pod being deleted that has already ended and whose deletion grace is already 0 is only waiting
 * for its finalizers; the terminating rules skip it, since marking and deleting it again changes
 * nothing.
 */
public final class PodGcDecision {

    static final String PHASE_FAILED = "Failed";
    static final String REASON_EVICTED = "Evicted";

    private PodGcDecision() {
    }

    /** The pods to finish this round, in rule order. */
    public static List<PodGcAction> decide(List<Pod> pods, Map<String, Node> nodes, Set<String> deletedNodes,
            int threshold, boolean finishUnreachable, Instant now) {
        List<PodGcAction> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        if (threshold > 0) {
            List<Pod> terminated = pods.stream().filter(PodGcDecision::isTerminated).toList();
            if (terminated.size() > threshold) {
                for (Pod pod : oldestFirst(terminated).subList(0, terminated.size() - threshold)) {
                    add(out, taken, pod, Reason.TERMINATED);
                }
            }
        }
        addAll(out, taken, pods, Reason.TERMINATING_OUT_OF_SERVICE,
                p -> isTerminating(p) && nodeDown(nodes.get(nodeName(p)), NodeTaints.OUT_OF_SERVICE));
        if (finishUnreachable) {
            addAll(out, taken, pods, Reason.TERMINATING_UNREACHABLE,
                    p -> isTerminating(p) && nodeDown(nodes.get(nodeName(p)), NodeTaints.UNREACHABLE) && graceOver(p, now));
        }
        addAll(out, taken, pods, Reason.ORPHANED, p -> !nodeName(p).isEmpty() && deletedNodes.contains(nodeName(p)));
        addAll(out, taken, pods, Reason.TERMINATING_UNSCHEDULED, p -> isTerminating(p) && nodeName(p).isEmpty());
        return out;
    }

    /** The node names pods are bound to that the node cache does not hold (candidates for quarantine). */
    public static Set<String> missingNodes(List<Pod> pods, Set<String> knownNodes) {
        Set<String> missing = new HashSet<>();
        for (Pod pod : pods) {
            String node = nodeName(pod);
            if (!node.isEmpty() && !knownNodes.contains(node)) {
                missing.add(node);
            }
        }
        return missing;
    }

    private static void addAll(List<PodGcAction> out, Set<String> taken, List<Pod> pods, Reason reason, Predicate<Pod> rule) {
        for (Pod pod : pods) {
            if (rule.test(pod)) {
                add(out, taken, pod, reason);
            }
        }
    }

    private static void add(List<PodGcAction> out, Set<String> taken, Pod pod, Reason reason) {
        if (taken.add(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())) {
            out.add(new PodGcAction(pod, reason));
        }
    }

    /** Upstream counts every phase but Pending, Running and Unknown as terminated. */
    static boolean isTerminated(Pod pod) {
        String phase = phase(pod);
        return !"Pending".equals(phase) && !"Running".equals(phase) && !"Unknown".equals(phase);
    }

    /** Being deleted, and not merely waiting for finalizers after it ended with grace 0. */
    private static boolean isTerminating(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() == null) {
            return false;
        }
        boolean ended = "Succeeded".equals(phase(pod)) || PHASE_FAILED.equals(phase(pod));
        Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
        return !(ended && (grace == null || grace == 0));
    }

    /** The node is in the cache, its Ready condition is not True, and it has a taint with this key. */
    private static boolean nodeDown(Node node, String taintKey) {
        if (node == null) {
            return false;
        }
        boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                        .anyMatch(c -> Conditions.NODE_READY.equals(c.getType()) && "True".equals(c.getStatus()));
        boolean tainted = node.getSpec() != null && node.getSpec().getTaints() != null
                && node.getSpec().getTaints().stream().anyMatch(t -> taintKey.equals(t.getKey()));
        return !ready && tainted;
    }

    private static boolean graceOver(Pod pod, Instant now) {
        try {
            return !OffsetDateTime.parse(pod.getMetadata().getDeletionTimestamp()).toInstant().isAfter(now);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isEvicted(Pod pod) {
        return PHASE_FAILED.equals(phase(pod)) && REASON_EVICTED.equals(pod.getStatus().getReason());
    }

    /**
     * Evicted pods first, then oldest {@code creationTimestamp}, then by name. Each pod's timestamp
     * is parsed once (the list can hold every pod of a cluster, and this runs every round).
     */
    private static List<Pod> oldestFirst(List<Pod> pods) {
        record Keyed(Pod pod, boolean evicted, Instant created, String name) {
        }
        return pods.stream().map(p -> new Keyed(p, isEvicted(p), created(p), p.getMetadata().getName()))
                .sorted(Comparator.comparing((Keyed k) -> !k.evicted()).thenComparing(Keyed::created)
                        .thenComparing(Keyed::name))
                .map(Keyed::pod).toList();
    }

    private static Instant created(Pod pod) {
        String ts = pod.getMetadata().getCreationTimestamp();
        try {
            return ts == null ? Instant.MIN : OffsetDateTime.parse(ts).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.MIN;
        }
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "" : pod.getStatus().getPhase();
    }

    private static String nodeName(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "" : pod.getSpec().getNodeName();
    }
}
