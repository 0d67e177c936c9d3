package io.batchplane.scheduler.decision;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/**
 * A node together with the pods that count against it (bound or assumed, not yet terminated), and
 * the sums of their requests: what the fit and scoring rules look at. Immutable; {@link #withPod}
 * gives the view after one more pod lands here.
 */
public final class NodeInfo {

    /** Pods a node takes when its status does not say (the kubelet's default {@code maxPods}). */
    public static final long DEFAULT_MAX_PODS = 110;

    private final Node node;
    private final List<Pod> pods;
    private final Resources allocatable;
    private final Resources requested;
    private final Resources nonZeroRequested;

    private NodeInfo(Node node, List<Pod> pods, Resources allocatable, Resources requested, Resources nonZeroRequested) {
        this.node = node;
        this.pods = pods;
        this.allocatable = allocatable;
        this.requested = requested;
        this.nonZeroRequested = nonZeroRequested;
    }

    public static NodeInfo of(Node node, List<Pod> pods) {
        Resources req = Resources.ZERO;
        Resources nonZero = Resources.ZERO;
        for (Pod p : pods) {
            req = req.plus(PodRequests.of(p));
            nonZero = nonZero.plus(PodRequests.nonZero(p));
        }
        return new NodeInfo(node, List.copyOf(pods), allocatableOf(node), req, nonZero);
    }

    /**
     * Like {@link #of(Node, List)} with the pods' request sums already known (a cache that keeps each
     * pod's requests avoids parsing every quantity again on every change).
     */
    public static NodeInfo of(Node node, List<Pod> pods, Resources requested, Resources nonZeroRequested) {
        return new NodeInfo(node, List.copyOf(pods), allocatableOf(node), requested, nonZeroRequested);
    }

    /** The view after {@code pod} is placed here too. */
    public NodeInfo withPod(Pod pod) {
        List<Pod> more = new java.util.ArrayList<>(pods);
        more.add(pod);
        return new NodeInfo(node, List.copyOf(more), allocatable, requested.plus(PodRequests.of(pod)),
                nonZeroRequested.plus(PodRequests.nonZero(pod)));
    }

    /**
     * What the node offers: {@code status.allocatable}, falling back to {@code status.capacity} per
     * resource; pods default to {@value #DEFAULT_MAX_PODS}, CPU and memory to 0.
     */
    static Resources allocatableOf(Node node) {
        Map<String, Quantity> alloc = node.getStatus() == null ? null : node.getStatus().getAllocatable();
        Map<String, Quantity> cap = node.getStatus() == null ? null : node.getStatus().getCapacity();
        Quantity cpu = pick(alloc, cap, "cpu");
        Quantity mem = pick(alloc, cap, "memory");
        Quantity pods = pick(alloc, cap, "pods");
        return new Resources(Quantities.milliValue(cpu), Quantities.value(mem),
                pods == null ? DEFAULT_MAX_PODS : Quantities.value(pods));
    }

    private static Quantity pick(Map<String, Quantity> alloc, Map<String, Quantity> cap, String name) {
        Quantity q = alloc == null ? null : alloc.get(name);
        return q != null ? q : cap == null ? null : cap.get(name);
    }

    public Node node() {
        return node;
    }

    public String name() {
        return node.getMetadata().getName();
    }

    public List<Pod> pods() {
        return pods;
    }

    public Resources allocatable() {
        return allocatable;
    }

    /** The sum of the requests of the pods here. */
    public Resources requested() {
        return requested;
    }

    /** Like {@link #requested()} with unset requests defaulted, for scoring. */
    public Resources nonZeroRequested() {
        return nonZeroRequested;
    }
}
