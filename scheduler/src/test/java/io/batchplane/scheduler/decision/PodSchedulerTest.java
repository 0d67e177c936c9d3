package io.batchplane.scheduler.decision;

import static io.batchplane.scheduler.decision.Fixtures.node;
import static io.batchplane.scheduler.decision.Fixtures.pod;
import static io.batchplane.scheduler.decision.Fixtures.ready;
import static io.batchplane.scheduler.decision.Fixtures.taint;
import static io.batchplane.scheduler.decision.Fixtures.toleration;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodSchedulerTest {

    /** A node with the pods already there. */
    record Placed(Node node, List<Pod> pods) {
    }

    static Placed on(Node node, Pod... pods) {
        return new Placed(node, List.of(pods));
    }

    static List<Placed> cluster(Placed... p) {
        return List.of(p);
    }

    static Node notReady(String name) {
        return node(name, "4", "8Gi").editStatus().editFirstCondition().withStatus("Unknown").endCondition().endStatus().build();
    }

    static Node tainted(String name, String key, String value, String effect) {
        return node(name, "4", "8Gi").editSpec().addToTaints(taint(key, value, effect)).endSpec().build();
    }

    static Node cordoned(String name) {
        return node(name, "4", "8Gi").editSpec().withUnschedulable(true).endSpec().build();
    }

    static Node podsLimit(String name, int pods) {
        return node(name, "4", "8Gi").editStatus().addToAllocatable("pods", new Quantity(Integer.toString(pods))).endStatus().build();
    }

    static Pod big(String name) {
        return pod(name, "3", "1Gi").build();
    }

    static Stream<Arguments> cases() {
        Pod small = pod("new", "500m", "512Mi").build();
        return Stream.of(
                Arguments.of("single ready node", small, cluster(on(ready("n1"))), "n1", null),
                Arguments.of("least allocated spreads to the emptier node", small,
                        cluster(on(ready("n1"), big("a")), on(ready("n2"))), "n2", null),
                Arguments.of("equal scores go to the first name", small,
                        cluster(on(ready("n2")), on(ready("n1")), on(ready("n3"))), "n1", null),
                Arguments.of("not ready nodes are skipped", small,
                        cluster(on(notReady("n1")), on(ready("n2"))), "n2", null),
                Arguments.of("insufficient cpu", pod("new", "2", "1Mi").build(),
                        cluster(on(ready("n1"), big("a")), on(ready("n2"), big("b"))), null,
                        "0/2 nodes are available: 2 Insufficient cpu."),
                Arguments.of("insufficient cpu and memory count separately", pod("new", "2", "8Gi").build(),
                        cluster(on(ready("n1"), big("a"))), null,
                        "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory."),
                Arguments.of("exactly full still fits", pod("new", "1", "7Gi").build(),
                        cluster(on(ready("n1"), big("a"))), "n1", null),
                Arguments.of("too many pods", Fixtures.pod("new"),
                        cluster(on(podsLimit("n1", 1), Fixtures.pod("a"))), null,
                        "0/1 nodes are available: 1 Too many pods."),
                Arguments.of("pod without requests ignores cpu", Fixtures.pod("new"),
                        cluster(on(node("n1", "0", "0").build())), "n1", null),
                Arguments.of("untolerated taints and insufficient cpu, as upstream words it", pod("new", "2", null).build(),
                        cluster(on(ready("n1"), big("a")), on(tainted("n2", "dedicated", "gpu", "NoSchedule")),
                                on(tainted("n3", "node.kubernetes.io/unreachable", null, "NoExecute"))), null,
                        "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}, "
                                + "1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }."),
                Arguments.of("PreferNoSchedule does not block", small,
                        cluster(on(tainted("n1", "soft", "x", "PreferNoSchedule"))), "n1", null),
                Arguments.of("tolerated taint admits the pod",
                        pod("new", "100m", null).editSpec().addToTolerations(toleration("dedicated", "Equal", "gpu", "NoSchedule")).endSpec().build(),
                        cluster(on(tainted("n1", "dedicated", "gpu", "NoSchedule"))), "n1", null),
                Arguments.of("cordoned node", small, cluster(on(cordoned("n1"))), null,
                        "0/1 nodes are available: 1 node(s) were unschedulable."),
                Arguments.of("cordoned node taken by a pod tolerating unschedulable",
                        pod("new", null, null).editSpec().addToTolerations(toleration(NodeFilters.UNSCHEDULABLE_TAINT,
                                "Exists", null, "NoSchedule")).endSpec().build(), cluster(on(cordoned("n1"))), "n1", null),
                Arguments.of("node selector", pod("new", null, null).editSpec().withNodeSelector(Map.of("zone", "b")).endSpec().build(),
                        cluster(on(ready("n1")), on(node("n2", "1", "1Gi").editMetadata().addToLabels("zone", "b").endMetadata().build())),
                        "n2", null),
                Arguments.of("node selector matching nothing", pod("new", null, null).editSpec().withNodeSelector(Map.of("zone", "c")).endSpec().build(),
                        cluster(on(ready("n1")), on(notReady("n2"))), null,
                        "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) were not ready."),
                Arguments.of("requested node name", pod("new", null, null).editSpec().withNodeName("n2").endSpec().build(),
                        cluster(on(ready("n1")), on(ready("n2"))), "n2", null),
                Arguments.of("init container larger than the app containers counts", withInit(),
                        cluster(on(ready("n1"), big("a"))), null, "0/1 nodes are available: 1 Insufficient cpu."),
                Arguments.of("no nodes at all", small, cluster(), null, "no nodes available to schedule pods"));
    }

    /** App container asks 100m, the init container 2 cores: the pod needs 2 cores. */
    static Pod withInit() {
        return pod("new", "100m", null).editSpec().addToInitContainers(new ContainerBuilder().withName("init")
                .withNewResources().addToRequests("cpu", new Quantity("2")).endResources().build()).endSpec().build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void schedules(String name, Pod pod, List<Placed> cluster, String expectedNode, String expectedMessage) {
        List<NodeInfo> nodes = new ArrayList<>();
        cluster.forEach(p -> nodes.add(NodeInfo.of(p.node(), p.pods())));
        SchedulingResult r = PodScheduler.schedule(pod, nodes);
        assertEquals(Optional.ofNullable(expectedNode), r.selected());
        if (expectedMessage != null) {
            assertEquals(expectedMessage, r.message());
        }
    }

    @Test
    void leastAllocatedScoresFreeCapacity() {
        // 4 cores / 8Gi; the node already holds 1 core / 2Gi; the pod asks 1 core / 2Gi: half left of each.
        NodeInfo info = NodeInfo.of(ready("n1"), List.of(pod("a", "1", "2Gi").build()));
        assertEquals(50, LeastAllocated.score(PodRequests.nonZero(pod("p", "1", "2Gi").build()), info));
        // A pod without requests counts as 100m / 200Mi when scoring.
        assertEquals(97, LeastAllocated.score(PodRequests.nonZero(Fixtures.pod("p")), NodeInfo.of(ready("n2"), List.of())));
        assertEquals(0, LeastAllocated.resourceScore(5, 4));
        assertEquals(0, LeastAllocated.resourceScore(1, 0));
    }

    @Test
    void allocatableFallsBackToCapacityAndDefaultPods() {
        Node n = new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName("n").endMetadata()
                .withNewStatus().addToCapacity("cpu", new Quantity("2")).addToCapacity("memory", new Quantity("1Gi")).endStatus().build();
        assertEquals(new Resources(2000, 1L << 30, 110), NodeInfo.allocatableOf(n));
    }

    @Test
    void podOverheadIsAdded() {
        Pod p = pod("p", "100m", "10Mi").editSpec().addToOverhead("cpu", new Quantity("250m")).endSpec().build();
        assertEquals(new Resources(350, 10L * 1024 * 1024, 1), PodRequests.of(p));
    }
}
