package io.batchplane.scheduler.cache;

import io.batchplane.scheduler.decision.NodeInfo;
import io.batchplane.scheduler.decision.PodRequests;
import io.batchplane.scheduler.decision.PodScheduler;
import io.batchplane.scheduler.decision.Resources;
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
 * Pods are keyed by uid. Each node's {@link NodeInfo} is kept until the node or its pods change, so a
 * decision costs one pass over the nodes, not over every pod. Thread-safe.
 */
public final class SchedulerCache {

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    /** Bound pods by uid, as the API server shows them. */
    private final Map<String, Pod> bound = new HashMap<>();
    /**
     * Assumed pods by uid: the pod as the informer showed it (unbound) and the node chosen for it. The
     * node is kept beside the pod, not written into a copy of it: a deep copy per decision cost more
     * than the decision.
     */
    private final Map<String, Assumption> assumed = new HashMap<>();
    /** Bound and assumed pods per node name, by uid, each with its requests parsed once. */
    private final Map<String, Map<String, Placed>> byNode = new HashMap<>();

    private record Placed(Pod pod, Resources requests, Resources nonZero) {
    }

    private record Assumption(Pod pod, String node) {
    }
    /** Each node's view, built on demand and dropped whenever the node or its pods change. */
    private final Map<String, NodeInfo> infos = new HashMap<>();

    public synchronized void updateNode(Node node) {
        String name = node.getMetadata().getName();
        nodes.put(name, node);
        infos.remove(name);
    }

    public synchronized void removeNode(String name) {
        nodes.remove(name);
        infos.remove(name);
    }

    /**
     * Records the pod as the API server shows it: a bound, non-terminal pod counts on its node (and
     * ends any assumption for it); an unbound or terminal one counts nowhere.
     */
    public synchronized void updatePod(Pod pod) {
        String uid = uid(pod);
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (node == null || node.isEmpty()) {
            unplace(bound.remove(uid), uid);
            return;
        }
        unassume(uid);
        unplace(bound.remove(uid), uid);
        if (!isTerminal(pod)) {
            bound.put(uid, pod);
            place(pod, node, uid);
        }
    }

    public synchronized void removePod(Pod pod) {
        String uid = uid(pod);
        unplace(bound.remove(uid), uid);
        unassume(uid);
    }

    /**
     * Decides where {@code pod} goes given every node and the pods bound or assumed on each, and when
     * a node is chosen records the pod as assumed there, atomically.
     */
    public synchronized SchedulingResult scheduleAndAssume(Pod pod) {
        SchedulingResult result = PodScheduler.schedule(pod, snapshot());
        result.selected().ifPresent(node -> {
            String uid = uid(pod);
            unassume(uid);
            assumed.put(uid, new Assumption(pod, node));
            place(pod, node, uid);
        });
        return result;
    }

    /** Drops the assumption for {@code pod} (its binding failed); false when there was none. */
    public synchronized boolean forget(Pod pod) {
        return unassume(uid(pod));
    }

    public synchronized boolean isAssumed(Pod pod) {
        return assumed.containsKey(uid(pod));
    }

    /** The node an assumed pod was placed on. */
    public synchronized Optional<String> assumedNode(Pod pod) {
        Assumption a = assumed.get(uid(pod));
        return a == null ? Optional.empty() : Optional.of(a.node());
    }

    /** Every known node with the pods counted on it (bound and assumed). */
    public synchronized List<NodeInfo> snapshot() {
        List<NodeInfo> out = new ArrayList<>(nodes.size());
        nodes.forEach((name, n) -> out.add(infos.computeIfAbsent(name, k -> build(n, byNode.getOrDefault(k, Map.of())))));
        return out;
    }

    private static NodeInfo build(Node node, Map<String, Placed> placed) {
        List<Pod> pods = new ArrayList<>(placed.size());
        Resources req = Resources.ZERO;
        Resources nonZero = Resources.ZERO;
        for (Placed p : placed.values()) {
            pods.add(p.pod());
            req = req.plus(p.requests());
            nonZero = nonZero.plus(p.nonZero());
        }
        return NodeInfo.of(node, pods, req, nonZero);
    }

    /** How many pods count against {@code node} (bound and assumed). */
    public synchronized int podCount(String node) {
        return byNode.getOrDefault(node, Map.of()).size();
    }

    public static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private void place(Pod pod, String node, String uid) {
        byNode.computeIfAbsent(node, k -> new HashMap<>()).put(uid, new Placed(pod, PodRequests.of(pod), PodRequests.nonZero(pod)));
        infos.remove(node);
    }

    /** Ends the assumption for {@code uid}, if any; whether there was one. */
    private boolean unassume(String uid) {
        Assumption was = assumed.remove(uid);
        if (was != null) {
            unplace(was.pod(), was.node(), uid);
        }
        return was != null;
    }

    /** Removes a bound pod (null = none) from the node its spec names. */
    private void unplace(Pod pod, String uid) {
        if (pod != null) {
            unplace(pod, pod.getSpec().getNodeName(), uid);
        }
    }

    private void unplace(Pod pod, String node, String uid) {
        Map<String, Placed> on = byNode.get(node);
        if (on != null && on.get(uid) != null && on.get(uid).pod() == pod) {
            on.remove(uid);
            if (on.isEmpty()) {
                byNode.remove(node);
            }
        }
        infos.remove(node);
    }

    private static String uid(Pod pod) {
        String uid = pod.getMetadata().getUid();
        return uid != null && !uid.isEmpty() ? uid : pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
