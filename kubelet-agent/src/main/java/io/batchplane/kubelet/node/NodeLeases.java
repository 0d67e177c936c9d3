package io.batchplane.kubelet.node;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The node's heartbeat Lease, as upstream's kubelet keeps it: {@code kube-node-lease/<node>}, held
 * by the node itself, {@code leaseDurationSeconds} 40, owned by the Node (so it goes with it), its
 * {@code renewTime} moved forward on every renewal.
 */
public final class NodeLeases {

    public static final String NAMESPACE = "kube-node-lease";
    public static final int DURATION_SECONDS = 40;

    private NodeLeases() {
    }

    /** A new Lease for {@code node} renewed at {@code now}; the owner reference only when the Node's uid is known. */
    public static Lease create(String node, String nodeUid, Instant now) {
        LeaseBuilder b = new LeaseBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(node).endMetadata()
                .withNewSpec().withHolderIdentity(node).withLeaseDurationSeconds(DURATION_SECONDS)
                .withRenewTime(now.atZone(ZoneOffset.UTC)).endSpec();
        if (nodeUid != null && !nodeUid.isEmpty()) {
            b.editMetadata().addNewOwnerReference().withApiVersion("v1").withKind("Node").withName(node).withUid(nodeUid)
                    .endOwnerReference().endMetadata();
        }
        return b.build();
    }

    /** {@code current} renewed at {@code now} (holder and duration reasserted). */
    public static Lease renew(Lease current, String node, Instant now) {
        return new LeaseBuilder(current).editOrNewSpec().withHolderIdentity(node).withLeaseDurationSeconds(DURATION_SECONDS)
                .withRenewTime(now.atZone(ZoneOffset.UTC)).endSpec().build();
    }
}
