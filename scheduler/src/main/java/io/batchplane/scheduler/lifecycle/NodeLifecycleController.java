package io.batchplane.scheduler.lifecycle;

import io.batchplane.api.ApiException;
import io.batchplane.api.Conditions;
import io.batchplane.api.StatusReason;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.clock.PeriodicTask;
import io.batchplane.client.informer.Indexer;
import io.batchplane.client.informer.Indexers;
import io.batchplane.client.informer.ResourceEventHandler;
import io.batchplane.scheduler.decision.PodConditions;
import io.batchplane.scheduler.events.EventRecorder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Watches node health and evicts pods from lost nodes (upstream's node lifecycle controller and taint
 * eviction controller, in one loop):
 * <ul>
 * <li>A node's heartbeat is its Lease in {@code kube-node-lease} (and its {@code Ready} condition's
 * {@code lastHeartbeatTime}); the controller notes <em>on its own clock</em> when it last saw either
 * change. A node it has never seen beat counts from when it first saw the node.</li>
 * <li>Every monitor period, each node is judged by {@link NodeHealth}: the status write comes first,
 * then the taints, both compare-and-swap (a Conflict just waits for the next round).</li>
 * <li>Then every pod on a node with NoExecute taints is judged by {@link TaintEviction}; when its
 * time has come it gets {@code DisruptionTarget=True} (reason {@code DeletionByTaintManager}) and is
 * deleted (event {@code TaintManagerEviction}; a node turning Unknown gets {@code NodeNotReady}). Eviction times are therefore honoured to within one monitor period.</li>
 * </ul>
 */
public final class NodeLifecycleController {

    private static final Logger LOG = Logger.getLogger(NodeLifecycleController.class);
    public static final String REASON_TAINT_MANAGER = "DeletionByTaintManager";
    public static final String MESSAGE_TAINT_MANAGER = "Taint manager: deleting due to NoExecute taint";

    private record Beat(String value, Instant seenAt) {
    }

    private final Indexer<Node> nodes;
    private final Indexer<Pod> pods;
    private final LifecycleActions actions;
    private final EventRecorder events;
    private final Clock clock;
    private final Duration gracePeriod;
    private final Map<String, Beat> leaseBeats = new ConcurrentHashMap<>();
    private final Map<String, Beat> statusBeats = new ConcurrentHashMap<>();
    private final PeriodicTask loop;

    /** {@code pods} must carry the {@link Indexers#POD_NODE_NAME} index. */
    public NodeLifecycleController(Indexer<Node> nodes, Indexer<Pod> pods, LifecycleActions actions, EventRecorder events,
            Clock clock, Duration gracePeriod, Duration monitorPeriod) {
        this.nodes = nodes;
        this.pods = pods;
        this.actions = actions;
        this.events = events;
        this.clock = clock;
        this.gracePeriod = gracePeriod;
        this.loop = new PeriodicTask(clock, monitorPeriod, "node-lifecycle", this::monitor);
    }

    public ResourceEventHandler<Lease> leaseHandler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Lease lease) {
                beat(leaseBeats, lease.getMetadata().getName(), renewTime(lease));
            }

            @Override
            public void onUpdate(Lease old, Lease lease) {
                beat(leaseBeats, lease.getMetadata().getName(), renewTime(lease));
            }
        };
    }

    public ResourceEventHandler<Node> nodeHandler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                beat(statusBeats, node.getMetadata().getName(), readyHeartbeat(node));
            }

            @Override
            public void onUpdate(Node old, Node node) {
                beat(statusBeats, node.getMetadata().getName(), readyHeartbeat(node));
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {
                leaseBeats.remove(node.getMetadata().getName());
                statusBeats.remove(node.getMetadata().getName());
            }
        };
    }

    private void beat(Map<String, Beat> beats, String node, String value) {
        beats.compute(node, (k, old) -> old != null && Objects.equals(old.value, value) ? old : new Beat(value, clock.now()));
    }

    /** Runs {@link #monitor()} every monitor period on the controller's own thread. */
    public void start() {
        loop.start();
    }

    public void stop() {
        loop.stop();
    }

    /** One round: judge every node's health, then evict the pods whose time on a tainted node is up. */
    public void monitor() {
        Instant now = clock.now();
        for (Node node : nodes.list()) {
            Node current = updateHealth(node, now);
            evictFrom(current, now);
        }
    }

    private Node updateHealth(Node node, Instant now) {
        String name = node.getMetadata().getName();
        Instant seen = latest(leaseBeats.get(name), statusBeats.get(name));
        if (seen == null) {
            beat(statusBeats, name, readyHeartbeat(node));
            return node;
        }
        NodeHealthDecision d = NodeHealth.decide(node, seen, gracePeriod, now);
        Node current = node;
        try {
            if (d.conditions().isPresent()) {
                List<NodeCondition> conds = d.conditions().get();
                current = actions.updateNodeStatus(new NodeBuilder(current).editOrNewStatus().withConditions(conds).endStatus().build());
                LOG.infof("node %s: no heartbeat for more than %s; Ready is now Unknown", name, gracePeriod);
                events.record(current, EventRecorder.NORMAL, "NodeNotReady", "Node " + name + " status is now: NodeNotReady");
            }
            if (d.taints().isPresent()) {
                List<Taint> taints = d.taints().get();
                current = actions.updateNode(new NodeBuilder(current).editOrNewSpec().withTaints(taints).endSpec().build());
                LOG.infof("node %s: taints now %s", name, taints.stream().map(t -> t.getKey() + ":" + t.getEffect()).toList());
            }
        } catch (ApiException e) {
            LOG.debugf("node %s: update refused (%s); next round", name, e.getMessage());
        }
        return current;
    }

    private void evictFrom(Node node, Instant now) {
        List<Taint> taints = node.getSpec() == null ? null : node.getSpec().getTaints();
        if (taints == null || taints.stream().noneMatch(t -> "NoExecute".equals(t.getEffect()))) {
            return;
        }
        for (Pod pod : pods.byIndex(Indexers.POD_NODE_NAME, node.getMetadata().getName())) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            Optional<Instant> at = TaintEviction.evictAt(pod, taints, now);
            if (at.isPresent() && !at.get().isAfter(now)) {
                evict(pod, now);
            }
        }
    }

    private void evict(Pod pod, Instant now) {
        String key = Indexer.key(pod);
        try {
            actions.updatePodStatus(PodConditions.with(pod, Conditions.POD_DISRUPTION_TARGET, "True",
                    REASON_TAINT_MANAGER, MESSAGE_TAINT_MANAGER, now));
            actions.deletePod(pod);
            events.record(pod, EventRecorder.NORMAL, "TaintManagerEviction", "Marking for deletion Pod " + key);
            LOG.infof("evicted %s from node %s (NoExecute taint)", key, pod.getSpec().getNodeName());
        } catch (ApiException e) {
            if (e.reason() != StatusReason.NOT_FOUND) {
                LOG.debugf("evicting %s refused (%s); next round", key, e.getMessage());
            }
        }
    }

    private static Instant latest(Beat a, Beat b) {
        if (a == null) {
            return b == null ? null : b.seenAt;
        }
        return b == null || a.seenAt.isAfter(b.seenAt) ? a.seenAt : b.seenAt;
    }

    private static String renewTime(Lease lease) {
        return lease.getSpec() == null || lease.getSpec().getRenewTime() == null ? null : lease.getSpec().getRenewTime().toString();
    }

    private static String readyHeartbeat(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return null;
        }
        return node.getStatus().getConditions().stream().filter(c -> Conditions.NODE_READY.equals(c.getType()))
                .map(NodeCondition::getLastHeartbeatTime).filter(Objects::nonNull).findFirst().orElse(null);
    }
}
