package io.batchplane.apiserver.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.api.StatusReason;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetadataRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.890Z");

    @Test
    void createFillsSystemFields() {
        ObjectMeta meta = new ObjectMetaBuilder().withName("pi").withResourceVersion("99").withGeneration(5L)
                .withDeletionTimestamp("2020-01-01T00:00:00Z").build();
        MetadataRules.prepareForCreate(ResourceType.JOBS, meta, "default", NOW, "uid-1", new Random(1));
        assertEquals("uid-1", meta.getUid());
        assertEquals("2026-03-04T05:06:07Z", meta.getCreationTimestamp());
        assertEquals(1L, meta.getGeneration());
        assertEquals("default", meta.getNamespace());
        assertNull(meta.getResourceVersion());
        assertNull(meta.getDeletionTimestamp());
    }

    @Test
    void generateNameAddsFiveCharactersFromTheSafeAlphabet() {
        ObjectMeta meta = new ObjectMetaBuilder().withGenerateName("pi-").build();
        MetadataRules.prepareForCreate(ResourceType.PODS, meta, "default", NOW, "u", new Random(7));
        assertTrue(meta.getName().matches("pi-[bcdfghjklmnpqrstvwxz2456789]{5}"), meta.getName());
    }

    @Test
    void generatedNameStaysWithin63Characters() {
        String name = MetadataRules.generateName("x".repeat(80), new Random(3));
        assertEquals(63, name.length());
    }

    @Test
    void bodyNamespaceMustMatchTheRequest() {
        ObjectMeta meta = new ObjectMetaBuilder().withName("a").withNamespace("other").build();
        ApiException e = assertThrows(ApiException.class,
                () -> MetadataRules.prepareForCreate(ResourceType.PODS, meta, "default", NOW, "u", new Random()));
        assertEquals(StatusReason.BAD_REQUEST, e.reason());
    }

    @Test
    void clusterScopedKindsDropTheNamespace() {
        ObjectMeta meta = new ObjectMetaBuilder().withName("n1").withNamespace("default").build();
        MetadataRules.prepareForCreate(ResourceType.NODES, meta, "", NOW, "u", new Random());
        assertNull(meta.getNamespace());
    }

    @Test
    void updateKeepsSystemFieldsAndBumpsGenerationOnSpecChange() {
        ObjectMeta old = new ObjectMetaBuilder().withName("a").withNamespace("default").withUid("u")
                .withCreationTimestamp("2026-01-01T00:00:00Z").withGeneration(3L).build();
        ObjectMeta changed = new ObjectMetaBuilder().withName("a").withCreationTimestamp("1999-01-01T00:00:00Z")
                .withGeneration(42L).build();
        MetadataRules.prepareForUpdate(ResourceType.JOBS, changed, old, true);
        assertEquals("u", changed.getUid());
        assertEquals("2026-01-01T00:00:00Z", changed.getCreationTimestamp());
        assertEquals(4L, changed.getGeneration());
        ObjectMeta same = new ObjectMetaBuilder().withName("a").build();
        MetadataRules.prepareForUpdate(ResourceType.JOBS, same, old, false);
        assertEquals(3L, same.getGeneration());
    }

    @Test
    void updateNamingAnotherUidIsAConflict() {
        ObjectMeta old = new ObjectMetaBuilder().withName("a").withUid("u").build();
        ObjectMeta changed = new ObjectMetaBuilder().withName("a").withUid("v").build();
        ApiException e = assertThrows(ApiException.class,
                () -> MetadataRules.prepareForUpdate(ResourceType.JOBS, changed, old, false));
        assertEquals(StatusReason.CONFLICT, e.reason());
    }

    @Test
    void noNewFinalizersWhileDeleting() {
        ObjectMeta old = new ObjectMetaBuilder().withName("a").withUid("u").withDeletionTimestamp("2026-01-01T00:00:00Z")
                .withFinalizers("a").build();
        ObjectMeta changed = new ObjectMetaBuilder().withName("a").withFinalizers("a", "b").build();
        ApiException e = assertThrows(ApiException.class,
                () -> MetadataRules.prepareForUpdate(ResourceType.JOBS, changed, old, false));
        assertEquals(StatusReason.INVALID, e.reason());
        ObjectMeta removing = new ObjectMetaBuilder().withName("a").withFinalizers().build();
        MetadataRules.prepareForUpdate(ResourceType.JOBS, removing, old, false);
        assertEquals("2026-01-01T00:00:00Z", removing.getDeletionTimestamp());
        assertTrue(MetadataRules.readyToRemove(removing));
    }
}
