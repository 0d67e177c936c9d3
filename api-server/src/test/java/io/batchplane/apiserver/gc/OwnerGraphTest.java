package io.batchplane.apiserver.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.apiserver.resource.Json;
import io.batchplane.apiserver.storage.ObjectKey;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnerGraphTest {

    private static final ObjectKey JOB = new ObjectKey("jobs", "default", "pi");
    private static final ObjectKey POD_A = new ObjectKey("pods", "default", "pi-a");
    private static final ObjectKey POD_B = new ObjectKey("pods", "default", "pi-b");

    private static ObjectNode object(String uid, String... ownerUids) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.with("metadata").put("uid", uid);
        for (String owner : ownerUids) {
            ObjectNode ref = node.with("metadata").withArray("ownerReferences").addObject();
            ref.put("uid", owner).put("apiVersion", "batch/v1").put("kind", "Job").put("name", "pi")
                    .put("blockOwnerDeletion", true);
        }
        return node;
    }

    @Test
    void tracksDependentsByOwnerUid() {
        OwnerGraph graph = new OwnerGraph();
        graph.upsert(JOB, object("job-uid"));
        graph.upsert(POD_A, object("a", "job-uid"));
        graph.upsert(POD_B, object("b", "job-uid"));
        assertTrue(graph.isLive("job-uid"));
        assertEquals(Set.of(POD_A, POD_B), graph.dependentsOf("job-uid"));
        assertEquals("pi", graph.ownersOf(POD_A).get(0).name());
        assertTrue(graph.ownersOf(POD_A).get(0).blockOwnerDeletion());
    }

    @Test
    void dropsEdgesWhenAReferenceIsRemovedOrTheDependentDeleted() {
        OwnerGraph graph = new OwnerGraph();
        graph.upsert(POD_A, object("a", "job-uid"));
        graph.upsert(POD_B, object("b", "job-uid"));
        graph.upsert(POD_A, object("a"));
        assertEquals(Set.of(POD_B), graph.dependentsOf("job-uid"));
        graph.remove(POD_B, object("b", "job-uid"));
        assertTrue(graph.dependentsOf("job-uid").isEmpty());
        assertFalse(graph.isLive("b"));
    }

    @Test
    void aRecreatedObjectWithTheSameNameKeepsItsNewUidLive() {
        OwnerGraph graph = new OwnerGraph();
        graph.upsert(JOB, object("old"));
        graph.upsert(JOB, object("new"));
        graph.remove(JOB, object("old"));
        assertTrue(graph.isLive("new"));
        assertFalse(graph.isLive("old"));
    }
}
