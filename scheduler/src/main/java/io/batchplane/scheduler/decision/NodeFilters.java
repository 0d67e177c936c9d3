package io.batchplane.scheduler.decision;

import io.batchplane.api.Conditions;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a pod may go to a node, and if not why, in the order the upstream filter plugins run; the
 * first rule that rejects the node gives the reasons (the resource rule may give several at once):
 * <ol>
 * <li>readiness: the node's {@code Ready} condition must be {@code True};</li>
 * <li>NodeUnschedulable: a cordoned node ({@code spec.unschedulable}) only takes pods tolerating
 * {@code node.kubernetes.io/unschedulable:NoSchedule};</li>
 * <li>NodeName: a pod naming a node fits only that node;</li>
 * <li>TaintToleration: every {@code NoSchedule}/{@code NoExecute} taint must be tolerated;</li>
 * <li>NodeAffinity: nodeSelector and required node affinity ({@link NodeAffinity});</li>
 * <li>NodeResourcesFit: pod count, CPU and memory requests within what is still allocatable.</li>
 * </ol>
 * Reason texts are upstream's, so users see the same "0/3 nodes are available: ..." messages.
 */
public final class NodeFilters {

    public static final String UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";
    public static final String REASON_NOT_READY = "node(s) were not ready";
    public static final String REASON_UNSCHEDULABLE = "node(s) were unschedulable";
    public static final String REASON_NODE_NAME = "node(s) didn't match the requested node name";
    public static final String REASON_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
    public static final String REASON_TOO_MANY_PODS = "Too many pods";
    public static final String REASON_INSUFFICIENT_CPU = "Insufficient cpu";
    public static final String REASON_INSUFFICIENT_MEMORY = "Insufficient memory";

    private static final Taint UNSCHEDULABLE = new io.fabric8.kubernetes.api.model.TaintBuilder()
            .withKey(UNSCHEDULABLE_TAINT).withEffect(Tolerations.NO_SCHEDULE).build();

    private NodeFilters() {
    }

    /** Why {@code pod} cannot go to {@code info}'s node; empty when it fits. */
    public static List<String> reasons(Pod pod, NodeInfo info) {
        return reasons(pod, PodRequests.of(pod), info);
    }

    /** {@link #reasons(Pod, NodeInfo)} with the pod's requests ({@link PodRequests#of}) computed once by the caller. */
    public static List<String> reasons(Pod pod, Resources podRequests, NodeInfo info) {
        Node node = info.node();
        if (!isReady(node)) {
            return List.of(REASON_NOT_READY);
        }
        List<Toleration> tolerations = pod.getSpec() == null ? null : pod.getSpec().getTolerations();
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())
                && !Tolerations.tolerated(tolerations, UNSCHEDULABLE)) {
            return List.of(REASON_UNSCHEDULABLE);
        }
        String wanted = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (wanted != null && !wanted.isEmpty() && !wanted.equals(info.name())) {
            return List.of(REASON_NODE_NAME);
        }
        List<Taint> taints = node.getSpec() == null ? null : node.getSpec().getTaints();
        Optional<Taint> untolerated = Tolerations.firstUntolerated(taints, tolerations, Tolerations::blocksScheduling);
        if (untolerated.isPresent()) {
            Taint t = untolerated.get();
            return List.of("node(s) had untolerated taint {" + t.getKey() + ": " + (t.getValue() == null ? "" : t.getValue()) + "}");
        }
        if (!NodeAffinity.matches(pod, node)) {
            return List.of(REASON_AFFINITY);
        }
        return insufficient(podRequests, info);
    }

    /** The resources {@code info}'s node lacks for a pod asking {@code want}. */
    static List<String> insufficient(Resources want, NodeInfo info) {
        List<String> out = new ArrayList<>();
        Resources alloc = info.allocatable();
        Resources used = info.requested();
        if (info.pods().size() + 1 > alloc.pods()) {
            out.add(REASON_TOO_MANY_PODS);
        }
        if (want.milliCpu() > 0 && want.milliCpu() > alloc.milliCpu() - used.milliCpu()) {
            out.add(REASON_INSUFFICIENT_CPU);
        }
        if (want.memory() > 0 && want.memory() > alloc.memory() - used.memory()) {
            out.add(REASON_INSUFFICIENT_MEMORY);
        }
        return out;
    }

    /** Whether the node's {@code Ready} condition is {@code True}. */
    public static boolean isReady(Node node) {
        List<NodeCondition> conds = node.getStatus() == null ? null : node.getStatus().getConditions();
        if (conds != null) {
            for (NodeCondition c : conds) {
                if (Conditions.NODE_READY.equals(c.getType()) && "True".equals(c.getStatus())) {
                    return true;
                }
            }
        }
        return false;
    }
}
