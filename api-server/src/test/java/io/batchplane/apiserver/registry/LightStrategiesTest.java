package io.batchplane.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.ResourceType;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Namespace, Node, Lease and Event strategies, and the strategy table. */
class LightStrategiesTest {

    @Test
    void everyServedKindHasItsStrategy() {
        for (ResourceType t : ResourceType.ALL) {
            ResourceStrategy<?> s = Strategies.forType(t);
            assertEquals(t, s.type());
            assertEquals(t.kind(), s.modelClass().getSimpleName());
        }
        List<String> withStatus = ResourceType.ALL.stream().filter(t -> Strategies.forType(t).hasStatusSubresource())
                .map(ResourceType::resource).toList();
        assertEquals(List.of("namespaces", "pods", "nodes", "jobs", "cronjobs"), withStatus);
        assertThrows(IllegalArgumentException.class,
                () -> Strategies.forType(new ResourceType("widgets", "", "v1", "Widget", true)));
        ResourceStrategy<io.fabric8.kubernetes.api.model.batch.v1.Job> jobs =
                Strategies.forType(ResourceType.JOBS, io.fabric8.kubernetes.api.model.batch.v1.Job.class);
        assertTrue(jobs.hasStatusSubresource());
        assertThrows(IllegalArgumentException.class, () -> Strategies.forType(ResourceType.JOBS, Node.class));
    }

    @Test
    void namespaceGetsFinalizerLabelAndActivePhase() {
        NamespaceStrategy s = new NamespaceStrategy();
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build();
        s.prepareForCreate(ns);
        assertEquals(List.of("kubernetes"), ns.getSpec().getFinalizers());
        assertEquals("team-a", ns.getMetadata().getLabels().get("kubernetes.io/metadata.name"));
        assertEquals("Active", ns.getStatus().getPhase());
        assertTrue(s.validate(ns).isEmpty());

        Namespace updated = Copies.deepCopy(ns, Namespace.class);
        updated.getMetadata().setLabels(new java.util.HashMap<>(Map.of("kubernetes.io/metadata.name", "spoofed")));
        updated.getSpec().setFinalizers(List.of());
        s.prepareForUpdate(updated, ns);
        assertEquals("team-a", updated.getMetadata().getLabels().get("kubernetes.io/metadata.name"));
        assertEquals(List.of("kubernetes"), updated.getSpec().getFinalizers(), "spec finalizers change only via finalize");
        assertFalse(s.specChanged(updated, ns));
    }

    @Test
    void namespaceStatusPhaseFollowsDeletion() {
        NamespaceStrategy s = new NamespaceStrategy();
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build();
        s.prepareForCreate(ns);
        Namespace terminating = Copies.deepCopy(ns, Namespace.class);
        terminating.getStatus().setPhase("Terminating");
        assertEquals(List.of("status.Phase"), TestObjects.fields(s.validateStatusUpdate(terminating, ns)));
        terminating.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        assertTrue(s.validateStatusUpdate(terminating, ns).isEmpty());
    }

    @Test
    void namespaceSpecFinalizerNames() {
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName("x").endMetadata().withNewSpec()
                .withFinalizers("kubernetes", "example.com/mine", "bogus").endSpec().build();
        assertEquals(List.of("spec.finalizers"), TestObjects.fields(new NamespaceStrategy().validate(ns)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeCases")
    void nodeValidation(String name, List<Taint> taints, List<String> cidrs, List<String> expected) {
        Node node = new NodeBuilder().withNewMetadata().withName("n1").endMetadata().withNewSpec()
                .withTaints(taints).withPodCIDRs(cidrs).endSpec().build();
        assertEquals(expected, TestObjects.fields(new NodeStrategy().validate(node)));
    }

    static Stream<Arguments> nodeCases() {
        Taint ok = new Taint("NoSchedule", "example.com/gpu", null, "true");
        return Stream.of(
                Arguments.of("valid", List.of(ok), List.of("10.0.0.0/24", "fd00::/64"), List.of()),
                Arguments.of("taint without effect", List.of(new Taint(null, "k", null, null)), List.of(),
                        List.of("spec.taints[0].effect")),
                Arguments.of("taint with unknown effect", List.of(new Taint("Sometimes", "k", null, null)), List.of(),
                        List.of("spec.taints[0].effect")),
                Arguments.of("taint with bad key", List.of(new Taint("NoSchedule", "bad key", null, null)), List.of(),
                        List.of("spec.taints[0].key")),
                Arguments.of("duplicate taint", List.of(ok, ok), List.of(), List.of("spec.taints[1]")),
                Arguments.of("bad CIDR", List.of(), List.of("10.0.0.0"), List.of("spec.podCIDRs[0]")),
                Arguments.of("three CIDRs", List.of(), List.of("10.0.0.0/24", "10.1.0.0/24", "10.2.0.0/24"),
                        List.of("spec.podCIDRs")));
    }

    @Test
    void nodeKeepsStatusOnCreateAndCidrOnceSet() {
        NodeStrategy s = new NodeStrategy();
        Node node = new NodeBuilder().withNewMetadata().withName("n1").endMetadata().withNewSpec().endSpec()
                .withNewStatus().addToCapacity("cpu", new Quantity("4")).endStatus().build();
        s.prepareForCreate(node);
        assertEquals(new Quantity("4"), node.getStatus().getAllocatable().get("cpu"));

        Node withCidr = Copies.deepCopy(node, Node.class);
        withCidr.getSpec().setPodCIDRs(List.of("10.0.0.0/24"));
        withCidr.getSpec().setUnschedulable(true);
        s.prepareForUpdate(withCidr, node);
        assertTrue(s.validateUpdate(withCidr, node).isEmpty(), "unset to set is allowed");

        Node changed = Copies.deepCopy(withCidr, Node.class);
        changed.getSpec().setPodCIDRs(List.of("10.9.0.0/24"));
        assertEquals(List.of("spec.podCIDRs"), TestObjects.fields(s.validateUpdate(changed, withCidr)));

        Node status = Copies.deepCopy(withCidr, Node.class);
        status.getSpec().setUnschedulable(false);
        s.prepareForStatusUpdate(status, withCidr);
        assertEquals(true, status.getSpec().getUnschedulable());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaseCases")
    void leaseValidation(String name, Integer duration, Integer transitions, List<String> expected) {
        Lease lease = new LeaseBuilder().withNewMetadata().withName("n1").withNamespace("kube-node-lease").endMetadata()
                .withNewSpec().withHolderIdentity("n1").withLeaseDurationSeconds(duration)
                .withLeaseTransitions(transitions).endSpec().build();
        LeaseStrategy s = new LeaseStrategy();
        s.prepareForCreate(lease);
        assertEquals(expected, TestObjects.fields(s.validate(lease)));
        assertFalse(s.hasStatusSubresource());
    }

    static Stream<Arguments> leaseCases() {
        return Stream.of(
                Arguments.of("valid", 40, 0, List.of()),
                Arguments.of("no duration", null, null, List.of()),
                Arguments.of("zero duration", 0, null, List.of("spec.leaseDurationSeconds")),
                Arguments.of("negative transitions", 10, -1, List.of("spec.leaseTransitions")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventCases")
    void eventValidation(String name, Event event, List<String> expected) {
        assertEquals(expected, TestObjects.fields(new EventStrategy().validate(event)));
    }

    static Stream<Arguments> eventCases() {
        return Stream.of(
                Arguments.of("about a pod in the same namespace", event("ns1", "ns1"), List.of()),
                Arguments.of("about a node, in default", event("default", null), List.of()),
                Arguments.of("namespace mismatch", event("ns1", "ns2"), List.of("involvedObject.namespace")),
                Arguments.of("cluster-scoped object from another namespace", event("ns1", null),
                        List.of("involvedObject.namespace")),
                Arguments.of("no involved object", new EventBuilder().withNewMetadata().withName("e")
                        .withNamespace("ns1").endMetadata().build(), List.of("involvedObject")));
    }

    static Event event(String ns, String involvedNs) {
        return new EventBuilder().withNewMetadata().withName("e").withNamespace(ns).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("p").withNamespace(involvedNs).endInvolvedObject()
                .withReason("Started").build();
    }
}
