package io.batchplane.scheduler.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.client.clock.FakeClock;
import io.batchplane.client.informer.Indexer;
import io.batchplane.client.informer.Indexers;
import io.batchplane.scheduler.decision.Fixtures;
import io.batchplane.scheduler.decision.PodConditions;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeLifecycleControllerTest {

    final FakeClock clock = new FakeClock();
    final Indexer<Node> nodes = new Indexer<>();
    final Indexer<Pod> pods = new Indexer<>();
    final List<String> log = new ArrayList<>();
    NodeLifecycleController controller;

    /** Applies writes to the caches at once, as the watch would shortly after. */
    final LifecycleActions api = new LifecycleActions() {
        @Override
        public Node updateNodeStatus(Node node) {
            log.add("status " + node.getMetadata().getName());
            return store(node);
        }

        @Override
        public Node updateNode(Node node) {
            log.add("taints " + node.getMetadata().getName());
            return store(node);
        }

        private Node store(Node node) {
            Node old = nodes.getByKey(node.getMetadata().getName()).orElseThrow();
            nodes.put(node);
            controller.nodeHandler().onUpdate(old, node);
            return node;
        }

        @Override
        public void updatePodStatus(Pod pod) {
            PodCondition c = PodConditions.find(pod, "DisruptionTarget").orElseThrow();
            log.add("disruption " + pod.getMetadata().getName() + " " + c.getStatus() + " " + c.getReason());
            pods.put(pod);
        }

        @Override
        public void deletePod(Pod pod) {
            log.add("delete " + pod.getMetadata().getName());
            pods.remove(Indexer.key(pod));
        }
    };

    Lease lease;

    void renew() {
        Lease old = lease;
        lease = new LeaseBuilder().withNewMetadata().withNamespace("kube-node-lease").withName("n1").endMetadata()
                .withNewSpec().withHolderIdentity("n1").withLeaseDurationSeconds(40)
                .withRenewTime(clock.now().atZone(ZoneOffset.UTC)).endSpec().build();
        if (old == null) {
            controller.leaseHandler().onAdd(lease);
        } else {
            controller.leaseHandler().onUpdate(old, lease);
        }
    }

    Pod onNode(String name, TolerationBuilder... tolerations) {
        Pod p = new PodBuilder(Fixtures.pod(name)).editSpec().withNodeName("n1")
                .withTolerations(java.util.Arrays.stream(tolerations).map(TolerationBuilder::build).toList()).endSpec().build();
        pods.put(p);
        return p;
    }

    static TolerationBuilder tol(String key, Long seconds) {
        return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect("NoExecute").withTolerationSeconds(seconds);
    }

    Node node() {
        return nodes.getByKey("n1").orElseThrow();
    }

    String ready() {
        return node().getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow().getStatus();
    }

    List<String> taintKeys() {
        return node().getSpec().getTaints() == null ? List.of()
                : node().getSpec().getTaints().stream().map(t -> t.getKey() + ":" + t.getEffect()).toList();
    }

    @Test
    void lostNodeIsTaintedItsPodsEvictedOnScheduleAndRecoveryClearsTheTaints() {
        pods.addIndex(Indexers.POD_NODE_NAME, Indexers.podsByNodeName());
        controller = new NodeLifecycleController(nodes, pods, api,
                (o, type, reason, message) -> log.add("event " + reason + " " + message), clock, Duration.ofSeconds(50), Duration.ofSeconds(5));
        Node n1 = Fixtures.ready("n1");
        nodes.put(n1);
        controller.nodeHandler().onAdd(n1);
        renew();
        onNode("no-tolerations");
        onNode("defaulted", tol(NodeTaints.NOT_READY, 300L), tol(NodeTaints.UNREACHABLE, 300L));
        onNode("forever", tol(NodeTaints.UNREACHABLE, null));

        clock.advance(Duration.ofSeconds(50));
        controller.monitor();
        assertEquals(List.of(), log);

        clock.advance(Duration.ofSeconds(1));
        controller.monitor();
        assertEquals("Unknown", ready());
        assertEquals(List.of(NodeTaints.UNREACHABLE + ":NoSchedule", NodeTaints.UNREACHABLE + ":NoExecute"), taintKeys());
        assertEquals(List.of("status n1", "event NodeNotReady Node n1 status is now: NodeNotReady", "taints n1",
                "disruption no-tolerations True DeletionByTaintManager", "delete no-tolerations",
                "event TaintManagerEviction Marking for deletion Pod default/no-tolerations"), log);
        log.clear();

        clock.advance(Duration.ofSeconds(299));
        controller.monitor();
        assertEquals(List.of(), log);
        clock.advance(Duration.ofSeconds(1));
        controller.monitor();
        assertEquals(List.of("disruption defaulted True DeletionByTaintManager", "delete defaulted",
                "event TaintManagerEviction Marking for deletion Pod default/defaulted"), log);
        log.clear();

        // The agent comes back: it renews and reports Ready again; the taints go, the last pod stays.
        renew();
        Node back = new NodeBuilder(node()).editStatus().editFirstCondition().withStatus("True").withReason("KubeletReady")
                .withLastHeartbeatTime(clock.now().toString()).endCondition().endStatus().build();
        Node old = node();
        nodes.put(back);
        controller.nodeHandler().onUpdate(old, back);
        controller.monitor();
        assertEquals(List.of("taints n1"), log);
        assertEquals(List.of(), taintKeys());
        assertEquals(1, pods.size());
        assertTrue(pods.getByKey("default/forever").isPresent());
    }

    @Test
    void renewingNodeStaysReadyAndPeriodicMonitorRunsOnTheClock() throws Exception {
        pods.addIndex(Indexers.POD_NODE_NAME, Indexers.podsByNodeName());
        controller = new NodeLifecycleController(nodes, pods, api,
                (o, type, reason, message) -> log.add("event " + reason + " " + message), clock, Duration.ofSeconds(50), Duration.ofSeconds(5));
        Node n1 = Fixtures.ready("n1");
        nodes.put(n1);
        controller.nodeHandler().onAdd(n1);
        controller.start();
        for (int i = 0; i < 30; i++) {
            renew();
            clock.advance(Duration.ofSeconds(10));
        }
        assertEquals(List.of(), log);
        // No more renewals: within grace + one monitor period the node is Unknown.
        for (int i = 0; i < 12 && log.isEmpty(); i++) {
            clock.advance(Duration.ofSeconds(5));
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (clock.pendingTimers() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        }
        controller.stop();
        assertEquals("status n1", log.get(0));
    }
}
