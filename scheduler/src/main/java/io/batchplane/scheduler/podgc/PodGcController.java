package io.batchplane.scheduler.podgc;

import io.batchplane.api.ApiException;
import io.batchplane.api.Conditions;
import io.batchplane.api.StatusReason;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.clock.PeriodicTask;
import io.batchplane.client.informer.Indexer;
import io.batchplane.scheduler.decision.PodConditions;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The pod garbage collector's loop (upstream's PodGC controller): every {@code gc-period}, on its own
 * thread, it reads every pod and node from the shared caches, asks the API server about nodes that
 * stayed missing for the quarantine time ({@link NodeQuarantine}), lets {@link PodGcDecision} pick the
 * pods to finish, and finishes each: a pod that has not ended gets phase {@code Failed} (plus
 * {@code DisruptionTarget=True}, reason {@code DeletionByPodGC}, for orphans) by a compare-and-swap
 * status write, then it is deleted with grace period 0 and a uid precondition. A refused write (a
 * Conflict, an unreachable API server) leaves the pod to the next round; NotFound means someone else
 * finished it.
 */
public final class PodGcController {

    private static final Logger LOG = Logger.getLogger(PodGcController.class);
    public static final String REASON_POD_GC = "DeletionByPodGC";
    public static final String MESSAGE_NODE_GONE = "PodGC: node no longer exists";

    private final Indexer<Node> nodes;
    private final Indexer<Pod> pods;
    private final PodGcActions actions;
    private final Clock clock;
    private final PodGcConfig config;
    private final NodeQuarantine quarantine;
    private final PeriodicTask loop;

    public PodGcController(Indexer<Node> nodes, Indexer<Pod> pods, PodGcActions actions, Clock clock, PodGcConfig config) {
        this.nodes = nodes;
        this.pods = pods;
        this.actions = actions;
        this.clock = clock;
        this.config = config;
        this.quarantine = new NodeQuarantine(config.quarantineTime());
        this.loop = new PeriodicTask(clock, config.gcPeriod(), "pod-gc", this::gc);
    }

    /** Runs {@link #gc()} every gc period on the collector's own thread, the first time one period from now. */
    public void start() {
        loop.start();
    }

    public void stop() {
        loop.stop();
    }

    /** One round; returns how many pods it finished. */
    public int gc() {
        Instant now = clock.now();
        List<Pod> allPods = pods.list();
        Map<String, Node> byName = nodes.list().stream()
                .collect(Collectors.toMap(n -> n.getMetadata().getName(), Function.identity(), (a, b) -> a));
        Set<String> deleted = new HashSet<>();
        for (String node : quarantine.update(PodGcDecision.missingNodes(allPods, byName.keySet()), now)) {
            try {
                if (!actions.nodeExists(node)) {
                    deleted.add(node);
                }
            } catch (ApiException e) {
                LOG.debugf("looking up node %s failed (%s); next round", node, e.getMessage());
            }
        }
        int finished = 0;
        for (PodGcAction action : PodGcDecision.decide(allPods, byName, deleted, config.terminatedPodThreshold(),
                config.finishTerminatingOnUnreachableNodes(), now)) {
            finished += finish(action, now) ? 1 : 0;
        }
        return finished;
    }

    private boolean finish(PodGcAction action, Instant now) {
        Pod pod = action.pod();
        String key = Indexer.key(pod);
        try {
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                Pod failed = action.reason().disruption()
                        ? PodConditions.with(pod, Conditions.POD_DISRUPTION_TARGET, "True", REASON_POD_GC, MESSAGE_NODE_GONE, now)
                        : pod;
                actions.updatePodStatus(new PodBuilder(failed).editOrNewStatus().withPhase("Failed").endStatus().build());
            }
            actions.forceDeletePod(pod);
            LOG.infof("pod GC finished %s on node %s (%s)", key, pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
                    action.reason());
            return true;
        } catch (ApiException e) {
            if (e.reason() != StatusReason.NOT_FOUND) {
                LOG.debugf("pod GC of %s refused (%s); next round", key, e.getMessage());
            }
            return false;
        }
    }
}
