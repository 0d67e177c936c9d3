package io.batchplane.apiserver.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.api.StatusReason;
import io.batchplane.api.v1.PropagationPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeletionDecisionTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final PropagationPolicy DEFAULT = PropagationPolicy.PROPAGATION_POLICY_UNSPECIFIED;

    record Case(String name, ResourceType type, HasMetadata object, PropagationPolicy policy, Long grace,
            DeletionDecision.Outcome outcome, List<String> finalizers, Long gracePeriod, String deletionTimestamp) {
        @Override
        public String toString() {
            return name;
        }
    }

    static HasMetadata pod(String node, String phase, Long ownGrace, String... finalizers) {
        return new PodBuilder().withNewMetadata().withName("p").withUid("u1").withFinalizers(finalizers).endMetadata()
                .withNewSpec().withNodeName(node).withTerminationGracePeriodSeconds(ownGrace).endSpec()
                .withNewStatus().withPhase(phase).endStatus().build();
    }

    static HasMetadata deletingPod(long grace, String timestamp, String... finalizers) {
        HasMetadata pod = pod("n1", "Running", 30L, finalizers);
        pod.getMetadata().setDeletionGracePeriodSeconds(grace);
        pod.getMetadata().setDeletionTimestamp(timestamp);
        return pod;
    }

    static HasMetadata job(String... finalizers) {
        return new JobBuilder().withNewMetadata().withName("j").withUid("u2").withFinalizers(finalizers).endMetadata().build();
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("unscheduled pod goes at once", ResourceType.PODS, pod(null, "Pending", 30L), DEFAULT, null,
                        DeletionDecision.Outcome.REMOVE, null, null, null),
                new Case("running pod waits its own grace", ResourceType.PODS, pod("n1", "Running", 45L), DEFAULT, null,
                        DeletionDecision.Outcome.MARK, null, 45L, "2026-01-01T00:00:45Z"),
                new Case("running pod default grace is 30s", ResourceType.PODS, pod("n1", "Running", null), DEFAULT, null,
                        DeletionDecision.Outcome.MARK, null, 30L, "2026-01-01T00:00:30Z"),
                new Case("requested grace wins", ResourceType.PODS, pod("n1", "Running", 45L), DEFAULT, 5L,
                        DeletionDecision.Outcome.MARK, null, 5L, "2026-01-01T00:00:05Z"),
                new Case("grace 0 on a bound pod removes it", ResourceType.PODS, pod("n1", "Running", 45L), DEFAULT, 0L,
                        DeletionDecision.Outcome.REMOVE, null, null, null),
                new Case("finished pod has nothing to wait for", ResourceType.PODS, pod("n1", "Succeeded", 45L), DEFAULT, null,
                        DeletionDecision.Outcome.REMOVE, null, null, null),
                new Case("finalizer holds a finished pod", ResourceType.PODS,
                        pod("n1", "Failed", 45L, "batch.kubernetes.io/job-tracking"), DEFAULT, null,
                        DeletionDecision.Outcome.MARK, List.of("batch.kubernetes.io/job-tracking"), 0L, "2026-01-01T00:00:00Z"),
                new Case("job defaults to orphan", ResourceType.JOBS, job(), DEFAULT, null,
                        DeletionDecision.Outcome.MARK, List.of("orphan"), 0L, "2026-01-01T00:00:00Z"),
                new Case("job background goes at once", ResourceType.JOBS, job(), PropagationPolicy.BACKGROUND, null,
                        DeletionDecision.Outcome.REMOVE, null, null, null),
                new Case("job foreground waits for dependents", ResourceType.JOBS, job(), PropagationPolicy.FOREGROUND, null,
                        DeletionDecision.Outcome.MARK, List.of("foregroundDeletion"), 0L, "2026-01-01T00:00:00Z"),
                new Case("foreground replaces orphan", ResourceType.JOBS, job("orphan"), PropagationPolicy.FOREGROUND, null,
                        DeletionDecision.Outcome.MARK, List.of("foregroundDeletion"), 0L, "2026-01-01T00:00:00Z"),
                new Case("second delete with longer grace changes nothing", ResourceType.PODS,
                        deletingPod(10, "2026-01-01T00:00:10Z"), DEFAULT, 20L,
                        DeletionDecision.Outcome.UNCHANGED, null, 10L, "2026-01-01T00:00:10Z"),
                new Case("second delete shortens grace", ResourceType.PODS,
                        deletingPod(30, "2026-01-01T00:00:30Z"), DEFAULT, 5L,
                        DeletionDecision.Outcome.MARK, null, 5L, "2026-01-01T00:00:05Z"),
                new Case("kubelet's final delete removes the pod", ResourceType.PODS,
                        deletingPod(30, "2026-01-01T00:00:30Z"), DEFAULT, 0L,
                        DeletionDecision.Outcome.REMOVE, null, 0L, "2026-01-01T00:00:00Z"),
                new Case("kubelet's final delete waits for the tracking finalizer", ResourceType.PODS,
                        deletingPod(30, "2026-01-01T00:00:30Z", "batch.kubernetes.io/job-tracking"), DEFAULT, 0L,
                        DeletionDecision.Outcome.MARK, List.of("batch.kubernetes.io/job-tracking"), 0L, "2026-01-01T00:00:00Z"),
                new Case("namespace waits for its content", ResourceType.NAMESPACES,
                        new NamespaceBuilder().withNewMetadata().withName("ns").endMetadata()
                                .withNewSpec().withFinalizers("kubernetes").endSpec().build(), DEFAULT, null,
                        DeletionDecision.Outcome.MARK, null, 0L, "2026-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        DeleteOptions options = new DeleteOptions("", "", c.policy(), c.grace(), false);
        assertEquals(c.outcome(), DeletionDecision.decide(c.type(), c.object(), options, NOW));
        if (c.outcome() != DeletionDecision.Outcome.REMOVE) {
            assertEquals(c.finalizers() == null ? List.of() : c.finalizers(),
                    c.object().getMetadata().getFinalizers() == null ? List.of() : c.object().getMetadata().getFinalizers());
            assertEquals(c.gracePeriod(), c.object().getMetadata().getDeletionGracePeriodSeconds());
            assertEquals(c.deletionTimestamp(), c.object().getMetadata().getDeletionTimestamp());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preconditions")
    void preconditionMismatchIsConflict(String name, String uid, String rv) {
        HasMetadata object = job();
        object.getMetadata().setResourceVersion("7");
        ApiException e = assertThrows(ApiException.class, () -> DeletionDecision.checkPreconditions(ResourceType.JOBS,
                object.getMetadata(), new DeleteOptions(uid, rv, DEFAULT, null, false)));
        assertEquals(StatusReason.CONFLICT, e.reason());
    }

    static Stream<Arguments> preconditions() {
        return Stream.of(Arguments.of("stale uid", "other", ""), Arguments.of("stale resourceVersion", "", "6"),
                Arguments.of("both stale", "other", "6"));
    }
}
