package io.batchplane.scheduler.cache;

import io.batchplane.scheduler.decision.NodeInfo;
import io.batchplane.scheduler.decision.PodScheduler;
import io.batchplane.scheduler.decision.SchedulingResult;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the scheduler believes each node holds: the pods the API server shows bound there, plus the
 * pods this scheduler has <em>assumed</em> there — decided and being bound, but whose binding the
 * watch has not shown yet. Counting assumed pods is what keeps concurrent decisions from
 * over-committing a node in the window between a decision and its watch event.
 *
 * <p>{@link #scheduleAndAssume} decides and records the assumption under one lock, so decisions are
 * serialized against each other and against cache updates: two workers can never both take a node's
 * last slot. An assumption ends when the informer shows the pod bound ({@link #updatePod}, which then
 * counts it as bound), when the pod is deleted, or when the binding fails ({@link #forget}).
 *
 * <p>Pods in a terminal phase (Succeeded, Failed) no longer use their node and are not counted.
 * Pods are keyed by uid. Thread-safe.
 */
public final class SchedulerCache {

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    /** Bound pods by uid, as the API server shows them. */
    private final Map<String, Pod> bound = new HashMap<>();
    /** Assumed pods by uid: the pod as scheduled, with spec.nodeName set to the chosen node. */
    private final Map<String, Pod> assumed = new HashMap<>();

    public synchronized void updateNode(Node node) {
        nodes.put(node.getMetadata().getName(), node);
    }

    public synchronized void removeNode(String name) {
        nodes.remove(name);
    }

    /**
     * Records the pod as the API server shows it: a bound, non-terminal pod counts on its node (and
     * ends any assumption for it); an unbound or terminal one counts nowhere.
     */
    public synchronized void updatePod(Pod pod) {
        String uid = uid(pod);
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (node == null || node.isEmpty()) {
            bound.remove(uid);
            return;
        }
        assumed.remove(uid);
        if (isTerminal(pod)) {
            bound.remove(uid);
        } else {
            bound.put(uid, pod);
        }
    }

    public synchronized void removePod(Pod pod) {
        String uid = uid(pod);
        bound.remove(uid);
        assumed.remove(uid);
    }

    /**
     * Decides where {@code pod} goes given every node and the pods bound or assumed on each, and when
     * a node is chosen records the pod as assumed there, atomically.
     */
    public synchronized SchedulingResult scheduleAndAssume(Pod pod) {
        SchedulingResult result = PodScheduler.schedule(pod, snapshot());
        result.selected().ifPresent(node -> {
            Pod placed = new io.fabric8.kubernetes.api.model.PodBuilder(pod).editOrNewSpec().withNodeName(node).endSpec().build();
            assumed.put(uid(pod), placed);
        });
        return result;
    }

    /** Drops the assumption for {@code pod} (its binding failed); false when there was none. */
    public synchronized boolean forget(Pod pod) {
        return assumed.remove(uid(pod)) != null;
    }

    public synchronized boolean isAssumed(Pod pod) {
        return assumed.containsKey(uid(pod));
    }

    /** The node an assumed pod was placed on. */
    public synchronized Optional<String> assumedNode(Pod pod) {
        Pod p = assumed.get(uid(pod));
        return p == null ? Optional.empty() : Optional.of(p.getSpec().getNodeName());
    }

    /** Every known node with the pods counted on it (bound and assumed). */
    public synchronized List<NodeInfo> snapshot() {
        Map<String, List<Pod>> byNode = new HashMap<>();
        bound.values().forEach(p -> byNode.computeIfAbsent(p.getSpec().getNodeName(), k -> new ArrayList<>()).add(p));
        assumed.values().forEach(p -> byNode.computeIfAbsent(p.getSpec().getNodeName(), k -> new ArrayList<>()).add(p));
        List<NodeInfo> out = new ArrayList<>(nodes.size());
        nodes.values().forEach(n -> out.add(NodeInfo.of(n, byNode.getOrDefault(n.getMetadata().getName(), List.of()))));
        return out;
    }

    /** How many pods count against {@code node} (bound and assumed). */
    public synchronized int podCount(String node) {
        long b = bound.values().stream().filter(p -> node.equals(p.getSpec().getNodeName())).count();
        long a = assumed.values().stream().filter(p -> node.equals(p.getSpec().getNodeName())).count();
        return (int) (a + b);
    }

    public static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static String uid(Pod pod) {
        String uid = pod.getMetadata().getUid();
        return uid != null && !uid.isEmpty() ? uid : pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
