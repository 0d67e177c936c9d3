package io.batchplane.scheduler.podgc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchplane.scheduler.decision.Fixtures;
import io.batchplane.scheduler.lifecycle.NodeTaints;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodGcDecisionTest {

    static final Instant NOW = Instant.parse("2024-01-01T00:10:00Z");

    /** A pod named {@code name}, created {@code createdMinute} minutes past midnight, in {@code phase}. */
    static PodBuilder pod(String name, int createdMinute, String phase, String node) {
        return new PodBuilder(Fixtures.pod(name)).editMetadata()
                .withCreationTimestamp(String.format("2024-01-01T00:%02d:00Z", createdMinute)).endMetadata()
                .editSpec().withNodeName(node).endSpec().withNewStatus().withPhase(phase).endStatus();
    }

    static Pod running(String name, String node) {
        return pod(name, 0, "Running", node).build();
    }

    static Pod finished(String name, int createdMinute, String phase) {
        return pod(name, createdMinute, phase, "n1").build();
    }

    static Pod evicted(String name, int createdMinute) {
        return pod(name, createdMinute, "Failed", "n1").editStatus().withReason("Evicted").endStatus().build();
    }

    /** Being deleted; its grace period ends at {@code deletionAt} and was {@code grace} seconds long. */
    static Pod terminating(String name, String phase, String node, String deletionAt, long grace) {
        return pod(name, 0, phase, node).editMetadata().withDeletionTimestamp(deletionAt)
                .withDeletionGracePeriodSeconds(grace).endMetadata().build();
    }

    static Node node(String name, String ready, String... taintKeys) {
        NodeBuilder b = new NodeBuilder(Fixtures.ready(name)).editStatus().editFirstCondition().withStatus(ready)
                .endCondition().endStatus();
        for (String key : taintKeys) {
            b.editSpec().addNewTaint().withKey(key).withEffect("NoExecute").endTaint().endSpec();
        }
        return b.build();
    }

    static final String PAST = "2024-01-01T00:09:00Z";
    static final String FUTURE = "2024-01-01T00:11:00Z";

    record Case(List<Pod> pods, List<Node> nodes, Set<String> deleted, int threshold, boolean finishUnreachable) {
    }

    static Case c(List<Pod> pods, List<Node> nodes) {
        return new Case(pods, nodes, Set.of(), 12500, true);
    }

    static Stream<Arguments> cases() {
        List<Node> healthy = List.of(node("n1", "True"));
        return Stream.of(
                Arguments.of("running pods on a healthy node: nothing", c(List.of(running("a", "n1")), healthy), List.of()),
                Arguments.of("finished pods at the threshold: nothing",
                        new Case(List.of(finished("a", 1, "Succeeded"), finished("b", 2, "Failed")), healthy, Set.of(), 2, true), List.of()),
                Arguments.of("over the threshold: the oldest finished go, running pods do not count",
                        new Case(List.of(finished("new", 5, "Succeeded"), running("r", "n1"), finished("old", 1, "Failed"),
                                finished("mid", 3, "Succeeded")), healthy, Set.of(), 1, true),
                        List.of("old TERMINATED", "mid TERMINATED")),
                Arguments.of("evicted pods go before older ones",
                        new Case(List.of(finished("old", 1, "Failed"), evicted("evicted", 5), finished("new", 6, "Succeeded")),
                                healthy, Set.of(), 2, true),
                        List.of("evicted TERMINATED")),
                Arguments.of("same creation time: by name",
                        new Case(List.of(finished("b", 1, "Failed"), finished("a", 1, "Failed")), healthy, Set.of(), 1, true),
                        List.of("a TERMINATED")),
                Arguments.of("threshold 0 turns the rule off",
                        new Case(List.of(finished("a", 1, "Failed")), healthy, Set.of(), 0, true), List.of()),
                Arguments.of("terminating on a not-ready out-of-service node",
                        c(List.of(terminating("t", "Running", "n1", FUTURE, 30)), List.of(node("n1", "False", NodeTaints.OUT_OF_SERVICE))),
                        List.of("t TERMINATING_OUT_OF_SERVICE")),
                Arguments.of("out-of-service taint on a Ready node: nothing",
                        c(List.of(terminating("t", "Running", "n1", FUTURE, 30)), List.of(node("n1", "True", NodeTaints.OUT_OF_SERVICE))),
                        List.of()),
                Arguments.of("not-ready node without a taint we act on: nothing",
                        c(List.of(terminating("t", "Running", "n1", PAST, 30)), List.of(node("n1", "False", NodeTaints.NOT_READY))),
                        List.of()),
                Arguments.of("unreachable node, grace over: finished (our addition)",
                        c(List.of(terminating("t", "Running", "n1", PAST, 30)), List.of(node("n1", "Unknown", NodeTaints.UNREACHABLE))),
                        List.of("t TERMINATING_UNREACHABLE")),
                Arguments.of("unreachable node, grace ends exactly now: finished",
                        c(List.of(terminating("t", "Running", "n1", NOW.toString(), 30)),
                                List.of(node("n1", "Unknown", NodeTaints.UNREACHABLE))),
                        List.of("t TERMINATING_UNREACHABLE")),
                Arguments.of("unreachable node, grace not over: nothing yet",
                        c(List.of(terminating("t", "Running", "n1", FUTURE, 30)), List.of(node("n1", "Unknown", NodeTaints.UNREACHABLE))),
                        List.of()),
                Arguments.of("unreachable node, not being deleted: left to the taint eviction",
                        c(List.of(running("r", "n1")), List.of(node("n1", "Unknown", NodeTaints.UNREACHABLE))), List.of()),
                Arguments.of("unreachable rule switched off",
                        new Case(List.of(terminating("t", "Running", "n1", PAST, 30)),
                                List.of(node("n1", "Unknown", NodeTaints.UNREACHABLE)), Set.of(), 12500, false),
                        List.of()),
                Arguments.of("ended, grace 0, held by a finalizer: nothing left to do",
                        c(List.of(terminating("t", "Failed", "n1", PAST, 0)), List.of(node("n1", "Unknown", NodeTaints.UNREACHABLE))),
                        List.of()),
                Arguments.of("ended but deletion still graceful: deletion completed",
                        c(List.of(terminating("t", "Succeeded", "n1", PAST, 30)),
                                List.of(node("n1", "False", NodeTaints.OUT_OF_SERVICE))),
                        List.of("t TERMINATING_OUT_OF_SERVICE")),
                Arguments.of("terminating on a node missing from the cache: not the terminating rules",
                        c(List.of(terminating("t", "Running", "gone", PAST, 30)), List.of()), List.of()),
                Arguments.of("bound to a node confirmed gone: orphaned, running or not",
                        new Case(List.of(running("r", "gone"), finished("f", 1, "Succeeded").edit().editSpec().withNodeName("gone")
                                .endSpec().build(), running("stay", "n1")), healthy, Set.of("gone"), 12500, true),
                        List.of("r ORPHANED", "f ORPHANED")),
                Arguments.of("node missing but not confirmed gone: nothing yet",
                        c(List.of(running("r", "gone")), healthy), List.of()),
                Arguments.of("terminating and never bound",
                        c(List.of(terminating("u", "Pending", null, FUTURE, 0), pod("pending", 0, "Pending", null).build()), healthy),
                        List.of("u TERMINATING_UNSCHEDULED")),
                Arguments.of("a pod matched by two rules is listed once, under the first",
                        new Case(List.of(terminating("t", "Running", "gone", PAST, 30), finished("f", 1, "Failed").edit()
                                .editSpec().withNodeName("gone").endSpec().build(), finished("g", 5, "Succeeded")),
                                healthy, Set.of("gone"), 1, true),
                        List.of("f TERMINATED", "t ORPHANED")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, Case c, List<String> expected) {
        Map<String, Node> nodes = c.nodes().stream().collect(Collectors.toMap(n -> n.getMetadata().getName(), Function.identity()));
        List<String> got = PodGcDecision.decide(c.pods(), nodes, c.deleted(), c.threshold(), c.finishUnreachable(), NOW).stream()
                .map(a -> a.pod().getMetadata().getName() + " " + a.reason()).toList();
        assertEquals(expected, got);
    }

    static Stream<Arguments> missing() {
        return Stream.of(
                Arguments.of("all known", List.of(running("a", "n1")), Set.of("n1"), Set.of()),
                Arguments.of("unbound pods name no node", List.of(pod("p", 0, "Pending", null).build()), Set.of(), Set.of()),
                Arguments.of("unknown nodes, once each", List.of(running("a", "x"), running("b", "x"), running("c", "y"),
                        running("d", "n1")), Set.of("n1"), Set.of("x", "y")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missing")
    void missingNodes(String name, List<Pod> pods, Set<String> known, Set<String> expected) {
        assertEquals(expected, PodGcDecision.missingNodes(pods, known));
    }
}
