package io.batchplane.scheduler.lifecycle;

/** The node taints the node lifecycle controller and the pod garbage collector act on, as Kubernetes names them. */
public final class NodeTaints {

    /** The node controller cannot reach the node (its Ready condition is Unknown). */
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    /** The node reports itself not ready (its Ready condition is False). */
    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    /** Set by an operator: the node is shut down for good, its pods may be finished without it. */
    public static final String OUT_OF_SERVICE = "node.kubernetes.io/out-of-service";

    private NodeTaints() {
    }
}
