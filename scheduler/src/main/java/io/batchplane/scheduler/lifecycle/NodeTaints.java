package io.batchplane.scheduler.lifecycle;

/** The taints the node lifecycle controller manages, as Kubernetes names them. */
public final class NodeTaints {

    /** The node controller cannot reach the node (its Ready condition is Unknown). */
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    /** The node reports itself not ready (its Ready condition is False). */
    public static final String NOT_READY = "node.kubernetes.io/not-ready";

    private NodeTaints() {
    }
}
