package io.batchplane.scheduler.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeAffinityTest {

    private static final Node NODE = Fixtures.node("n1", "1", "1Gi")
            .editMetadata().addToLabels(Map.of("zone", "a", "gen", "5", "disk", "ssd")).endMetadata().build();

    static NodeSelectorRequirement req(String key, String op, String... values) {
        return new NodeSelectorRequirement(key, op, Arrays.asList(values));
    }

    static NodeSelectorTerm exprs(NodeSelectorRequirement... r) {
        return new NodeSelectorTerm(Arrays.asList(r), null);
    }

    static NodeSelectorTerm fields(NodeSelectorRequirement... r) {
        return new NodeSelectorTerm(null, Arrays.asList(r));
    }

    static Pod withTerms(NodeSelectorTerm... terms) {
        return Fixtures.pod("p", null, null).editSpec().withNewAffinity().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().withNodeSelectorTerms(terms)
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();
    }

    static Pod withSelector(Map<String, String> selector) {
        return Fixtures.pod("p", null, null).editSpec().withNodeSelector(selector).endSpec().build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no constraints", Fixtures.pod("p"), true),
                Arguments.of("nodeSelector matches", withSelector(Map.of("zone", "a")), true),
                Arguments.of("nodeSelector other value", withSelector(Map.of("zone", "b")), false),
                Arguments.of("nodeSelector missing label", withSelector(Map.of("gpu", "true")), false),
                Arguments.of("In matches", withTerms(exprs(req("zone", "In", "a", "b"))), true),
                Arguments.of("In misses", withTerms(exprs(req("zone", "In", "b", "c"))), false),
                Arguments.of("In on missing label", withTerms(exprs(req("gpu", "In", "true"))), false),
                Arguments.of("NotIn misses", withTerms(exprs(req("zone", "NotIn", "b"))), true),
                Arguments.of("NotIn matches", withTerms(exprs(req("zone", "NotIn", "a"))), false),
                Arguments.of("NotIn on missing label", withTerms(exprs(req("gpu", "NotIn", "true"))), true),
                Arguments.of("Exists", withTerms(exprs(req("disk", "Exists"))), true),
                Arguments.of("Exists on missing label", withTerms(exprs(req("gpu", "Exists"))), false),
                Arguments.of("DoesNotExist", withTerms(exprs(req("gpu", "DoesNotExist"))), true),
                Arguments.of("DoesNotExist on present label", withTerms(exprs(req("disk", "DoesNotExist"))), false),
                Arguments.of("Gt true", withTerms(exprs(req("gen", "Gt", "4"))), true),
                Arguments.of("Gt equal is false", withTerms(exprs(req("gen", "Gt", "5"))), false),
                Arguments.of("Lt true", withTerms(exprs(req("gen", "Lt", "6"))), true),
                Arguments.of("Lt on non-integer label", withTerms(exprs(req("zone", "Lt", "6"))), false),
                Arguments.of("Gt with two values", withTerms(exprs(req("gen", "Gt", "1", "2"))), false),
                Arguments.of("expressions in a term are ANDed",
                        withTerms(exprs(req("zone", "In", "a"), req("disk", "In", "hdd"))), false),
                Arguments.of("terms are ORed",
                        withTerms(exprs(req("zone", "In", "b")), exprs(req("disk", "In", "ssd"))), true),
                Arguments.of("empty term matches nothing", withTerms(new NodeSelectorTerm(List.of(), List.of())), false),
                Arguments.of("no terms matches nothing", withTerms(), false),
                Arguments.of("matchFields metadata.name In", withTerms(fields(req("metadata.name", "In", "n1"))), true),
                Arguments.of("matchFields metadata.name NotIn", withTerms(fields(req("metadata.name", "NotIn", "n1"))), false),
                Arguments.of("matchFields other field", withTerms(fields(req("metadata.uid", "In", "n1"))), false),
                Arguments.of("selector and affinity must both hold",
                        Fixtures.pod("p", null, null).editSpec().withNodeSelector(Map.of("zone", "b")).withNewAffinity()
                                .withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                                .withNodeSelectorTerms(exprs(req("zone", "Exists")))
                                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity()
                                .endSpec().build(), false),
                Arguments.of("unknown operator", withTerms(exprs(req("zone", "Like", "a"))), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches(String name, Pod pod, boolean expected) {
        assertEquals(expected, NodeAffinity.matches(pod, NODE));
    }
}
