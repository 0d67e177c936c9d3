package io.batchplane.scheduler.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchplane.scheduler.decision.Fixtures;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeHealthTest {

    static final Instant NOW = Instant.parse("2024-01-01T00:10:00Z");
    static final Duration GRACE = Duration.ofSeconds(50);

    static Node node(String ready, Taint... taints) {
        NodeBuilder b = Fixtures.node("n1", "1", "1Gi").editStatus().editFirstCondition().withStatus(ready)
                .withLastHeartbeatTime("2024-01-01T00:00:00Z").endCondition()
                .addNewCondition().withType("MemoryPressure").withStatus("Unknown".equals(ready) ? "Unknown" : "False").endCondition()
                .endStatus();
        return b.editSpec().withTaints(taints).endSpec().build();
    }

    static Taint t(String key, String effect, String added) {
        return new io.fabric8.kubernetes.api.model.TaintBuilder().withKey(key).withEffect(effect).withTimeAdded(added).build();
    }

    static final String NOW_TEXT = "2024-01-01T00:10:00Z";
    static final String EARLIER = "2024-01-01T00:05:00Z";

    /** name, node, seconds since the last heartbeat was seen, expected Ready after (null: status untouched), expected taints (null: untouched). */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("fresh ready node: nothing to do", node("True"), 10, null, null),
                Arguments.of("exactly at the grace period: still fresh", node("True"), 50, null, null),
                Arguments.of("silent past the grace period: Unknown and unreachable taints", node("True"), 51, "Unknown",
                        List.of(t(NodeTaints.UNREACHABLE, "NoSchedule", NOW_TEXT), t(NodeTaints.UNREACHABLE, "NoExecute", NOW_TEXT))),
                Arguments.of("already Unknown and tainted: nothing to do",
                        node("Unknown", t(NodeTaints.UNREACHABLE, "NoSchedule", EARLIER), t(NodeTaints.UNREACHABLE, "NoExecute", EARLIER)),
                        600, null, null),
                Arguments.of("Unknown but missing the NoExecute taint: added, the other kept",
                        node("Unknown", t(NodeTaints.UNREACHABLE, "NoSchedule", EARLIER)), 600, null,
                        List.of(t(NodeTaints.UNREACHABLE, "NoSchedule", EARLIER), t(NodeTaints.UNREACHABLE, "NoExecute", NOW_TEXT))),
                Arguments.of("renewing again and Ready: unreachable taints removed, others kept",
                        node("True", t("dedicated", "NoSchedule", null), t(NodeTaints.UNREACHABLE, "NoExecute", EARLIER)), 5, null,
                        List.of(t("dedicated", "NoSchedule", null))),
                Arguments.of("node reports NotReady: not-ready taints",
                        node("False"), 5, null,
                        List.of(t(NodeTaints.NOT_READY, "NoSchedule", NOW_TEXT), t(NodeTaints.NOT_READY, "NoExecute", NOW_TEXT))),
                Arguments.of("NotReady node goes silent: Unknown, not-ready swapped for unreachable",
                        node("False", t(NodeTaints.NOT_READY, "NoExecute", EARLIER)), 60, "Unknown",
                        List.of(t(NodeTaints.UNREACHABLE, "NoSchedule", NOW_TEXT), t(NodeTaints.UNREACHABLE, "NoExecute", NOW_TEXT))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decide(String name, Node node, int silentSeconds, String readyAfter, List<Taint> taintsAfter) {
        NodeHealthDecision d = NodeHealth.decide(node, NOW.minusSeconds(silentSeconds), GRACE, NOW);
        if (readyAfter == null) {
            assertEquals(java.util.Optional.empty(), d.conditions());
        } else {
            List<NodeCondition> conds = d.conditions().orElseThrow();
            NodeCondition ready = conds.stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
            assertEquals(readyAfter, ready.getStatus());
            assertEquals("NodeStatusUnknown", ready.getReason());
            assertEquals("Kubelet stopped posting node status.", ready.getMessage());
            assertEquals(NOW_TEXT, ready.getLastTransitionTime());
            assertEquals("2024-01-01T00:00:00Z", ready.getLastHeartbeatTime());
            NodeCondition memory = conds.stream().filter(c -> c.getType().equals("MemoryPressure")).findFirst().orElseThrow();
            assertEquals("Unknown", memory.getStatus());
        }
        assertEquals(java.util.Optional.ofNullable(taintsAfter), d.taints());
    }

    @org.junit.jupiter.api.Test
    void nodeThatNeverReportedGetsAReadyUnknownCondition() {
        Node bare = new NodeBuilder().withNewMetadata().withName("n").endMetadata().build();
        NodeHealthDecision d = NodeHealth.decide(bare, NOW.minusSeconds(100), GRACE, NOW);
        assertEquals("Unknown", d.conditions().orElseThrow().get(0).getStatus());
        assertEquals(2, d.taints().orElseThrow().size());
        assertEquals(NodeHealthDecision.NONE, NodeHealth.decide(bare, NOW.minusSeconds(10), GRACE, NOW));
    }
}
