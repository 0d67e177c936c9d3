package io.batchplane.e2e.fabric8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fabric8 {@link KubernetesClient} against a packaged API server: create, get, list with
 * label and field selectors, edit (JSON patch), replace (PUT), merge and strategic patches, the
 * status subresource, delete with each propagation policy, and the errors a client reacts to
 * (409 on a stale resourceVersion, 422 with field causes on an invalid Job). Watches and
 * informers are in {@link Fabric8WatchIT}.
 */
class Fabric8IT {

    private static Fabric8Server server;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        server = Fabric8Server.start("fabric8");
        client = server.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void namespacesCreateGetListLabelAndDelete() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("f8-ns-a")
                .addToLabels("team", "a").endMetadata().build()).create();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("f8-ns-b")
                .addToLabels("team", "b").endMetadata().build()).create();

        Namespace a = client.namespaces().withName("f8-ns-a").get();
        assertEquals("a", a.getMetadata().getLabels().get("team"));
        assertNotNull(a.getMetadata().getUid());
        assertEquals(List.of("f8-ns-a"), names(client.namespaces().withLabel("team", "a").list().getItems()));
        assertTrue(names(client.namespaces().withLabelIn("team", "a", "b").list().getItems())
                .containsAll(List.of("f8-ns-a", "f8-ns-b")));
        assertEquals(List.of("f8-ns-b"), names(client.namespaces().withLabel("team").withoutLabel("team", "a")
                .list().getItems()));

        Namespace edited = client.namespaces().withName("f8-ns-a")
                .edit(n -> new NamespaceBuilder(n).editMetadata().addToLabels("edited", "yes").endMetadata().build());
        assertEquals("yes", edited.getMetadata().getLabels().get("edited"));

        assertEquals(1, client.namespaces().withName("f8-ns-b").delete().size());
        Namespace gone = client.namespaces().withName("f8-ns-b").get();
        assertTrue(gone == null || gone.getMetadata().getDeletionTimestamp() != null, "namespace still live: " + gone);
    }

    @Test
    void jobsCreateGetListEditReplacePatchAndDelete() {
        String ns = namespace("f8-jobs");
        client.batch().v1().jobs().inNamespace(ns).resource(job("alpha", Map.of("app", "one"))).create();
        client.batch().v1().jobs().inNamespace(ns).resource(job("beta", Map.of("app", "two"))).create();

        Job alpha = client.batch().v1().jobs().inNamespace(ns).withName("alpha").get();
        assertEquals(1L, alpha.getMetadata().getGeneration());
        assertNotNull(alpha.getSpec().getSelector(), "the server generates the selector");
        assertEquals(List.of("alpha"), names(client.batch().v1().jobs().inNamespace(ns).withLabel("app", "one")
                .list().getItems()));
        assertEquals(List.of("beta"), names(client.batch().v1().jobs().inNamespace(ns)
                .withField("metadata.name", "beta").list().getItems()));
        assertTrue(names(client.batch().v1().jobs().inAnyNamespace().withLabel("app").list().getItems())
                .containsAll(List.of("alpha", "beta")));

        Job edited = client.batch().v1().jobs().inNamespace(ns).withName("alpha")
                .edit(j -> new JobBuilder(j).editMetadata().addToLabels("edited", "yes").endMetadata()
                        .editSpec().withActiveDeadlineSeconds(600L).endSpec().build());
        assertEquals("yes", edited.getMetadata().getLabels().get("edited"));
        assertEquals(600L, edited.getSpec().getActiveDeadlineSeconds());
        assertEquals(2L, edited.getMetadata().getGeneration(), "a spec change bumps generation");

        Job replaced = client.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder(edited).editMetadata()
                .addToAnnotations("replaced", "yes").endMetadata().build()).update();
        assertEquals("yes", replaced.getMetadata().getAnnotations().get("replaced"));
        assertEquals(2L, replaced.getMetadata().getGeneration(), "a metadata change keeps generation");
        assertNotEquals(edited.getMetadata().getResourceVersion(), replaced.getMetadata().getResourceVersion());

        Job merged = client.batch().v1().jobs().inNamespace(ns).withName("alpha")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"edited\":null,\"m\":\"1\"}}}");
        assertNull(merged.getMetadata().getLabels().get("edited"));
        assertEquals("1", merged.getMetadata().getLabels().get("m"));
        Job strategic = client.batch().v1().jobs().inNamespace(ns).withName("alpha")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"metadata\":{\"finalizers\":[\"a/b\"]},"
                        + "\"spec\":{\"activeDeadlineSeconds\":700}}");
        assertEquals(List.of("a/b"), strategic.getMetadata().getFinalizers());
        assertEquals(700L, strategic.getSpec().getActiveDeadlineSeconds());
        KubernetesClientException immutable = assertThrows(KubernetesClientException.class,
                () -> client.batch().v1().jobs().inNamespace(ns).withName("alpha").patch(
                        PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"template\":{\"spec\":"
                                + "{\"containers\":[{\"name\":\"main\",\"image\":\"other\"}]}}}}"));
        assertEquals(422, immutable.getCode(), "a job's template is immutable");
        client.batch().v1().jobs().inNamespace(ns).withName("alpha")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");

        assertEquals(1, client.batch().v1().jobs().inNamespace(ns).withName("beta")
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete().size());
        eventually("beta gone", () -> client.batch().v1().jobs().inNamespace(ns).withName("beta").get() == null);
        assertTrue(client.batch().v1().jobs().inNamespace(ns).withName("nope").delete().isEmpty(),
                "deleting a missing job reports nothing deleted");
    }

    @Test
    void jobStatusSubresourceChangesOnlyStatus() {
        String ns = namespace("f8-status");
        Job job = client.batch().v1().jobs().inNamespace(ns).resource(job("st", Map.of())).create();
        Job withStatus = new JobBuilder(job).editSpec().withParallelism(7).endSpec()
                .withStatus(new JobStatusBuilder().withActive(1).build()).build();
        Job updated = client.batch().v1().jobs().inNamespace(ns).resource(withStatus).updateStatus();
        assertEquals(1, updated.getStatus().getActive());
        assertEquals(1, updated.getSpec().getParallelism(), "the status subresource ignores spec");
        assertEquals(1L, updated.getMetadata().getGeneration());

        Job plain = client.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder(updated)
                .withStatus(new JobStatusBuilder().withActive(5).build()).build()).update();
        assertEquals(1, plain.getStatus().getActive(), "the main resource ignores status");
    }

    @Test
    void deletePropagationOnOwnedPods() {
        String ns = namespace("f8-gc");
        Job background = client.batch().v1().jobs().inNamespace(ns).resource(job("bg", Map.of())).create();
        Job orphan = client.batch().v1().jobs().inNamespace(ns).resource(job("or", Map.of())).create();
        Job foreground = client.batch().v1().jobs().inNamespace(ns).resource(job("fg", Map.of())).create();
        client.pods().inNamespace(ns).resource(ownedPod("bg-pod", background)).create();
        client.pods().inNamespace(ns).resource(ownedPod("or-pod", orphan)).create();
        client.pods().inNamespace(ns).resource(ownedPod("fg-pod", foreground)).create();

        client.batch().v1().jobs().inNamespace(ns).withName("or").withPropagationPolicy(DeletionPropagation.ORPHAN)
                .delete();
        eventually("orphaned pod loses its owner reference", () -> {
            Pod p = client.pods().inNamespace(ns).withName("or-pod").get();
            return p != null && p.getMetadata().getOwnerReferences().isEmpty();
        });
        client.batch().v1().jobs().inNamespace(ns).withName("bg")
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        eventually("background: the pod is collected", () -> client.pods().inNamespace(ns).withName("bg-pod").get() == null);
        client.batch().v1().jobs().inNamespace(ns).withName("fg")
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        eventually("foreground: pod and job are gone", () -> client.pods().inNamespace(ns).withName("fg-pod").get() == null
                && client.batch().v1().jobs().inNamespace(ns).withName("fg").get() == null);
        assertNull(client.batch().v1().jobs().inNamespace(ns).withName("or").get());
    }

    @Test
    void podsAndCronJobsCrud() {
        String ns = namespace("f8-misc");
        Pod created = client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withGenerateName("gen-")
                .addToLabels("tier", "x").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("busybox")
                .withCommand("sleep", "1").endContainer().endSpec().build()).create();
        assertTrue(created.getMetadata().getName().startsWith("gen-"));
        assertEquals(List.of(created.getMetadata().getName()), names(client.pods().inNamespace(ns)
                .withLabel("tier", "x").list().getItems()));
        Pod labelled = client.pods().inNamespace(ns).withName(created.getMetadata().getName())
                .edit(p -> new PodBuilder(p).editMetadata().addToLabels("tier", "y").endMetadata().build());
        assertEquals("y", labelled.getMetadata().getLabels().get("tier"));
        assertTrue(client.pods().inNamespace(ns).withLabel("tier", "x").list().getItems().isEmpty());
        Pod patched = client.pods().inNamespace(ns).withName(created.getMetadata().getName())
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                        "{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox:2\"}]}}");
        assertEquals("busybox:2", patched.getSpec().getContainers().get(0).getImage());
        assertEquals(List.of("sleep", "1"), patched.getSpec().getContainers().get(0).getCommand(),
                "strategic merge keeps the container's other fields");
        client.pods().inNamespace(ns).withName(created.getMetadata().getName()).withGracePeriod(0).delete();
        eventually("pod gone", () -> client.pods().inNamespace(ns).withName(created.getMetadata().getName()).get() == null);

        CronJob cron = client.batch().v1().cronjobs().inNamespace(ns).resource(new CronJobBuilder().withNewMetadata()
                .withName("nightly").endMetadata().withNewSpec().withSchedule("0 3 * * *").withNewJobTemplate()
                .withSpec(job("t", Map.of()).getSpec()).endJobTemplate().endSpec().build()).create();
        assertEquals("Allow", cron.getSpec().getConcurrencyPolicy(), "defaulted");
        CronJob suspended = client.batch().v1().cronjobs().inNamespace(ns).withName("nightly")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":true}}");
        assertTrue(suspended.getSpec().getSuspend());
        assertEquals(1, client.batch().v1().cronjobs().inNamespace(ns).list().getItems().size());
        client.batch().v1().cronjobs().inNamespace(ns).withName("nightly").delete();
        eventually("cronjob gone", () -> client.batch().v1().cronjobs().inNamespace(ns).withName("nightly").get() == null);
    }

    @Test
    void staleResourceVersionIsConflict() {
        String ns = namespace("f8-conflict");
        Job original = client.batch().v1().jobs().inNamespace(ns).resource(job("cas", Map.of())).create();
        client.batch().v1().jobs().inNamespace(ns).withName("cas")
                .edit(j -> new JobBuilder(j).editMetadata().addToLabels("v", "2").endMetadata().build());
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
                () -> client.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder(original).editMetadata()
                        .addToLabels("v", "stale").endMetadata().build()).update());
        assertEquals(409, e.getCode());
        assertEquals("Conflict", e.getStatus().getReason());
        assertEquals("2", client.batch().v1().jobs().inNamespace(ns).withName("cas").get().getMetadata()
                .getLabels().get("v"));
        KubernetesClientException exists = assertThrows(KubernetesClientException.class,
                () -> client.batch().v1().jobs().inNamespace(ns).resource(job("cas", Map.of())).create());
        assertEquals(409, exists.getCode());
        assertEquals("AlreadyExists", exists.getStatus().getReason());
    }

    @Test
    void invalidJobIsUnprocessableWithFieldCauses() {
        String ns = namespace("f8-invalid");
        Job invalid = new JobBuilder(job("bad", Map.of())).editSpec().withParallelism(-1).withCompletions(-2)
                .editTemplate().editSpec().withRestartPolicy("Always").endSpec().endTemplate().endSpec().build();
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
                () -> client.batch().v1().jobs().inNamespace(ns).resource(invalid).create());
        assertEquals(422, e.getCode());
        assertEquals("Invalid", e.getStatus().getReason());
        List<String> fields = e.getStatus().getDetails().getCauses().stream().map(StatusCause::getField).toList();
        assertTrue(fields.containsAll(List.of("spec.parallelism", "spec.completions", "spec.template.spec.restartPolicy")),
                "causes: " + fields);
        assertNull(client.batch().v1().jobs().inNamespace(ns).withName("bad").get(), "nothing stored");
    }

    private static String namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
        return name;
    }

    static Job job(String name, Map<String, String> labels) {
        return new JobBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage("busybox").withCommand("true").endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    private static Pod ownedPod(String name, Job owner) {
        return new PodBuilder().withNewMetadata().withName(name).withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("batch/v1").withKind("Job").withName(owner.getMetadata().getName())
                        .withUid(owner.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec().build();
    }

    static List<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> items) {
        return items.stream().map(i -> i.getMetadata().getName()).sorted().toList();
    }

    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
