package io.batchplane.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchplane.api.ResourceType;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Generic metadata validation per kind: each case edits valid metadata and expects exact paths. */
class ObjectMetaValidationTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validateCreate(String name, ResourceType type, Consumer<ObjectMeta> edit, List<String> expected) {
        ObjectMeta meta = new ObjectMetaBuilder().withName("valid-name")
                .withNamespace(type.namespaced() ? "default" : null).build();
        edit.accept(meta);
        List<StatusCause> causes = ObjectMetaValidation.validateCreate(type, meta);
        assertEquals(expected, TestObjects.fields(causes), causes::toString);
    }

    static Stream<Arguments> cases() {
        ResourceType pods = ResourceType.PODS;
        return Stream.of(
                ok("valid pod", pods, m -> { }),
                ok("dotted subdomain name", pods, m -> m.setName("a.b-c.d")),
                ok("namespace name", ResourceType.NAMESPACES, m -> m.setName("team-a")),
                ok("node name with dots", ResourceType.NODES, m -> m.setName("node-1.example.com")),
                ok("generateName with the name generated from it", pods, m -> {
                    m.setName("myjob-x7k2p");
                    m.setGenerateName("myjob-");
                }),
                ok("job name of 63", ResourceType.JOBS, m -> m.setName("j".repeat(63))),
                ok("cronjob name of 52", ResourceType.CRONJOBS, m -> m.setName("c".repeat(52))),
                ok("prefixed labels and annotations", pods, m -> {
                    m.setLabels(Map.of("example.com/app", "web", "tier", "", "a.b_c-d", "V.1"));
                    m.setAnnotations(Map.of("example.com/Note", "anything at all"));
                }),
                ok("standard and qualified finalizers", pods, m -> m.setFinalizers(List.of("orphan", "example.com/cleanup"))),
                ok("one controller owner", pods, m -> m.setOwnerReferences(List.of(owner("batch/v1", "Job", "j", "u", true),
                        owner("v1", "Node", "n", "u2", false)))),
                bad("name missing", pods, m -> m.setName(null), "metadata.name"),
                bad("generateName before the name was generated", pods, m -> {
                    m.setName(null);
                    m.setGenerateName("myjob-");
                }, "metadata.name"),
                bad("name with capitals", pods, m -> m.setName("Bad"), "metadata.name"),
                bad("name too long", pods, m -> m.setName("a".repeat(254)), "metadata.name"),
                bad("namespace name with dots", ResourceType.NAMESPACES, m -> m.setName("a.b"), "metadata.name"),
                bad("generateName invalid", pods, m -> {
                    m.setName(null);
                    m.setGenerateName("Bad_");
                }, "metadata.generateName", "metadata.name"),
                bad("job name of 64", ResourceType.JOBS, m -> m.setName("j".repeat(64)), "metadata.name"),
                bad("cronjob name of 53", ResourceType.CRONJOBS, m -> m.setName("c".repeat(53)), "metadata.name"),
                bad("namespace missing on namespaced kind", pods, m -> m.setNamespace(null), "metadata.namespace"),
                bad("namespace not a label", pods, m -> m.setNamespace("a.b"), "metadata.namespace"),
                bad("namespace on cluster-scoped kind", ResourceType.NODES, m -> m.setNamespace("default"),
                        "metadata.namespace"),
                bad("label key with two slashes", pods, m -> m.setLabels(Map.of("a/b/c", "v")), "metadata.labels"),
                bad("label key with bad prefix", pods, m -> m.setLabels(Map.of("Bad_Prefix/x", "v")), "metadata.labels"),
                bad("label key name too long", pods, m -> m.setLabels(Map.of("k".repeat(64), "v")), "metadata.labels"),
                bad("label value with space", pods, m -> m.setLabels(Map.of("k", "a b")), "metadata.labels"),
                bad("label value too long", pods, m -> m.setLabels(Map.of("k", "v".repeat(64))), "metadata.labels"),
                bad("annotation key invalid", pods, m -> m.setAnnotations(Map.of("bad key", "v")), "metadata.annotations"),
                bad("annotations over 256 KiB", pods, m -> m.setAnnotations(Map.of("big", "x".repeat(256 * 1024))),
                        "metadata.annotations"),
                bad("unqualified non-standard finalizer", pods, m -> m.setFinalizers(List.of("cleanup")),
                        "metadata.finalizers"),
                bad("orphan with foreground", pods, m -> m.setFinalizers(List.of("orphan", "foregroundDeletion")),
                        "metadata.finalizers"),
                bad("owner reference without version", pods, m -> m.setOwnerReferences(List.of(
                        owner("batch/", "Job", "j", "u", null))), "metadata.ownerReferences.apiVersion"),
                bad("owner reference missing everything", pods, m -> m.setOwnerReferences(List.of(owner("", "", null, null, null))),
                        "metadata.ownerReferences.apiVersion", "metadata.ownerReferences.kind",
                        "metadata.ownerReferences.name", "metadata.ownerReferences.uid"),
                bad("event as owner", pods, m -> m.setOwnerReferences(List.of(owner("v1", "Event", "e", "u", null))),
                        "metadata.ownerReferences"),
                bad("two controllers", pods, m -> m.setOwnerReferences(List.of(owner("batch/v1", "Job", "a", "u1", true),
                        owner("batch/v1", "Job", "b", "u2", true))), "metadata.ownerReferences"));
    }

    @Test
    void updateKeepsIdentityAndSkipsCreateOnlyLengthLimits() {
        ObjectMeta old = new ObjectMetaBuilder().withName("c".repeat(60)).withNamespace("default").withUid("u1")
                .withCreationTimestamp("2026-01-01T00:00:00Z").build();
        ObjectMeta same = new ObjectMetaBuilder(old).withLabels(Map.of("a", "b")).build();
        assertEquals(List.of(), TestObjects.fields(ObjectMetaValidation.validateUpdate(ResourceType.CRONJOBS, same, old)));

        ObjectMeta changed = new ObjectMetaBuilder(old).withName("other").withUid("u2")
                .withCreationTimestamp("2026-02-01T00:00:00Z").build();
        assertEquals(List.of("metadata.creationTimestamp", "metadata.name", "metadata.uid"),
                TestObjects.fields(ObjectMetaValidation.validateUpdate(ResourceType.CRONJOBS, changed, old)));
    }

    @Test
    void messagesAreWordedLikeUpstream() {
        ObjectMeta meta = new ObjectMetaBuilder().withName("Bad").withNamespace("default").build();
        assertEquals("Invalid value: \"Bad\": " + NameRules.SUBDOMAIN_ERROR,
                ObjectMetaValidation.validateCreate(ResourceType.PODS, meta).get(0).getMessage());
        meta.setName(null);
        assertEquals("Required value: name or generateName is required",
                ObjectMetaValidation.validateCreate(ResourceType.PODS, meta).get(0).getMessage());
    }

    static OwnerReference owner(String apiVersion, String kind, String name, String uid, Boolean controller) {
        return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name).withUid(uid)
                .withController(controller).build();
    }

    static Arguments ok(String name, ResourceType type, Consumer<ObjectMeta> edit) {
        return Arguments.of(name, type, edit, List.of());
    }

    static Arguments bad(String name, ResourceType type, Consumer<ObjectMeta> edit, String... fields) {
        return Arguments.of(name, type, edit, TestObjects.sorted(fields));
    }
}
