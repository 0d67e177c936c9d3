package io.batchplane.scheduler.lifecycle;

import io.batchplane.api.Conditions;
import io.batchplane.scheduler.decision.Tolerations;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The node lifecycle rules, as a pure function of the node, when this controller last saw the node's
 * heartbeat change (its Lease's {@code renewTime}, measured on the controller's own clock so clock
 * skew between machines does not matter), the grace period and {@code now}:
 * <ul>
 * <li>No heartbeat seen for longer than the grace period: every condition the node reports, and
 * {@code Ready} in any case, turns {@code Unknown} with reason {@code NodeStatusUnknown} ("Kubelet
 * stopped posting node status."); {@code lastHeartbeatTime} is kept, {@code lastTransitionTime} is
 * {@code now}. Conditions already Unknown are left as they are.</li>
 * <li>The taints follow the {@code Ready} condition (after that change): Unknown →
 * {@code node.kubernetes.io/unreachable} with effects NoSchedule and NoExecute; False →
 * {@code node.kubernetes.io/not-ready} with both effects; True → none of them. A taint the node
 * already has keeps its {@code timeAdded}; new ones get {@code now}; other taints are untouched.</li>
 * </ul>
 * A node turns Ready again when its agent reports {@code Ready=True} (the agent does so once it can
 * renew its Lease again); the taints then go.
 */
public final class NodeHealth {

    public static final String REASON_STATUS_UNKNOWN = "NodeStatusUnknown";
    public static final String MESSAGE_STATUS_UNKNOWN = "Kubelet stopped posting node status.";

    private static final Set<String> MANAGED = Set.of(NodeTaints.UNREACHABLE, NodeTaints.NOT_READY);

    private NodeHealth() {
    }

    public static NodeHealthDecision decide(Node node, Instant lastHeartbeatSeen, Duration gracePeriod, Instant now) {
        List<NodeCondition> current = node.getStatus() == null || node.getStatus().getConditions() == null ? List.of()
                : node.getStatus().getConditions();
        Optional<List<NodeCondition>> newConditions = Optional.empty();
        boolean stale = Duration.between(lastHeartbeatSeen, now).compareTo(gracePeriod) > 0;
        if (stale) {
            newConditions = markUnknown(current, now);
        }
        List<NodeCondition> effective = newConditions.orElse(current);
        String ready = effective.stream().filter(c -> Conditions.NODE_READY.equals(c.getType()))
                .map(NodeCondition::getStatus).findFirst().orElse(null);
        return new NodeHealthDecision(newConditions, taints(node, ready, now));
    }

    private static Optional<List<NodeCondition>> markUnknown(List<NodeCondition> current, Instant now) {
        String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<NodeCondition> out = new ArrayList<>();
        boolean changed = false;
        boolean sawReady = false;
        for (NodeCondition c : current) {
            sawReady |= Conditions.NODE_READY.equals(c.getType());
            if ("Unknown".equals(c.getStatus())) {
                out.add(c);
                continue;
            }
            out.add(new NodeConditionBuilder(c).withStatus("Unknown").withReason(REASON_STATUS_UNKNOWN)
                    .withMessage(MESSAGE_STATUS_UNKNOWN).withLastTransitionTime(at).build());
            changed = true;
        }
        if (!sawReady) {
            out.add(new NodeConditionBuilder().withType(Conditions.NODE_READY).withStatus("Unknown")
                    .withReason(REASON_STATUS_UNKNOWN).withMessage(MESSAGE_STATUS_UNKNOWN)
                    .withLastTransitionTime(at).withLastHeartbeatTime(at).build());
            changed = true;
        }
        return changed ? Optional.of(out) : Optional.empty();
    }

    private static Optional<List<Taint>> taints(Node node, String ready, Instant now) {
        List<Taint> current = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        String wantedKey = ready == null ? null : switch (ready) {
            case "Unknown" -> NodeTaints.UNREACHABLE;
            case "False" -> NodeTaints.NOT_READY;
            default -> null;
        };
        String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<Taint> out = new ArrayList<>();
        for (Taint t : current) {
            if (!MANAGED.contains(t.getKey()) || t.getKey().equals(wantedKey)) {
                out.add(t);
            }
        }
        if (wantedKey != null) {
            for (String effect : List.of(Tolerations.NO_SCHEDULE, Tolerations.NO_EXECUTE)) {
                boolean present = out.stream().anyMatch(t -> wantedKey.equals(t.getKey()) && effect.equals(t.getEffect()));
                if (!present) {
                    out.add(new TaintBuilder().withKey(wantedKey).withEffect(effect).withTimeAdded(at).build());
                }
            }
        }
        return out.equals(current) ? Optional.empty() : Optional.of(out);
    }
}
