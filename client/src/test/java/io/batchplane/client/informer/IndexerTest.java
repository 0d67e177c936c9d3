package io.batchplane.client.informer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IndexerTest {

    private static Pod pod(String ns, String name, String node, String ownerUid, String app) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace(ns).withName(name).addToLabels("app", app)
                .addNewOwnerReference().withUid(ownerUid).withName("o").withKind("Job").withApiVersion("batch/v1").endOwnerReference()
                .endMetadata().withNewSpec().withNodeName(node).endSpec();
        return b.build();
    }

    private static Set<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }

    @Test
    void keysAreNamespaceSlashNameOrJustName() {
        assertEquals("ns/a", Indexer.key("ns", "a"));
        assertEquals("node-1", Indexer.key("", "node-1"));
        assertEquals("node-1", Indexer.key(null, "node-1"));
    }

    @Test
    void indexesFollowPutsReplacementsAndRemovals() {
        Indexer<Pod> idx = new Indexer<>();
        idx.addIndex(Indexers.POD_NODE_NAME, Indexers.podsByNodeName());
        idx.addIndex(Indexers.OWNER_UID, Indexers.byOwnerUid());
        idx.put(pod("ns", "a", "n1", "u1", "x"));
        idx.put(pod("ns", "b", "n1", "u2", "x"));
        idx.put(pod("other", "a", "n2", "u1", "y"));
        assertEquals(Set.of("a", "b"), names(idx.byIndex(Indexers.POD_NODE_NAME, "n1")));
        assertEquals(2, idx.byIndex(Indexers.OWNER_UID, "u1").size());

        idx.put(pod("ns", "a", "n2", "u1", "x"));
        assertEquals(Set.of("b"), names(idx.byIndex(Indexers.POD_NODE_NAME, "n1")));
        assertEquals(2, idx.byIndex(Indexers.POD_NODE_NAME, "n2").size());
        assertEquals(3, idx.size());

        idx.remove("ns/b");
        assertTrue(idx.byIndex(Indexers.POD_NODE_NAME, "n1").isEmpty());
        assertTrue(idx.byIndex(Indexers.OWNER_UID, "u2").isEmpty());
        assertEquals("n2", idx.get("ns", "a").orElseThrow().getSpec().getNodeName());
    }

    @Test
    void anIndexAddedLateCoversCachedObjects() {
        Indexer<Pod> idx = new Indexer<>();
        idx.put(pod("ns", "a", "n1", "u1", "web"));
        idx.put(pod("ns", "b", "n1", "u1", "db"));
        idx.addIndex("app", Indexers.byLabel("app"));
        idx.addIndex(Indexers.NAMESPACE, Indexers.byNamespace());
        assertEquals(Set.of("a"), names(idx.byIndex("app", "web")));
        assertEquals(2, idx.byIndex(Indexers.NAMESPACE, "ns").size());
        assertThrows(IllegalArgumentException.class, () -> idx.byIndex("missing", "x"));
    }

    @Test
    void unboundPodsAreNotIndexedByNode() {
        Indexer<Pod> idx = new Indexer<>();
        idx.addIndex(Indexers.POD_NODE_NAME, Indexers.podsByNodeName());
        idx.put(new PodBuilder().withNewMetadata().withNamespace("ns").withName("p").endMetadata().build());
        assertTrue(idx.byIndex(Indexers.POD_NODE_NAME, "").isEmpty());
        assertEquals(1, idx.list().size());
    }
}
