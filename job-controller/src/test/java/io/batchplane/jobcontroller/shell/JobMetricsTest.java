package io.batchplane.jobcontroller.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.Finalizers;
import io.batchplane.jobcontroller.sync.BackoffRecord;
import io.batchplane.jobcontroller.sync.JobConditions;
import io.batchplane.jobcontroller.sync.SyncPlan;
import io.batchplane.jobcontroller.sync.SyncPlan.PodCreation;
import io.batchplane.jobcontroller.sync.SyncPlan.PodDeletion;
import io.batchplane.jobcontroller.sync.SyncPlan.PodRef;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the shell records, from a sync's plan and from pod events, against a plain Micrometer registry. */
class JobMetricsTest {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    SimpleMeterRegistry registry;
    JobMetrics metrics;

    @BeforeEach
    void setUp() {
        registry = new SimpleMeterRegistry();
        metrics = new JobMetrics(registry);
    }

    static Job job(String mode, String replacement) {
        return new JobBuilder().withNewMetadata().withName("job").withNamespace("ns").withUid("job-uid").endMetadata()
                .withNewSpec().withCompletionMode(mode).withPodReplacementPolicy(replacement).endSpec()
                .withNewStatus().endStatus().build();
    }

    static Pod pod(String uid, String phase, boolean finalizer) {
        return new PodBuilder().withNewMetadata().withName("p-" + uid).withNamespace("ns").withUid(uid)
                .withFinalizers(finalizer ? List.of(Finalizers.JOB_TRACKING) : List.of()).endMetadata()
                .withNewStatus().withPhase(phase).endStatus().build();
    }

    static Pod exited(String uid, int code) {
        return new PodBuilder(pod(uid, "Failed", true)).editStatus().withContainerStatuses(new ContainerStatusBuilder()
                .withName("main").withState(new ContainerStateBuilder().withNewTerminated().withExitCode(code).endTerminated()
                        .build()).build()).endStatus().build();
    }

    static SyncPlan plan(boolean managed, int creations, int deletions) {
        List<PodCreation> c = Stream.generate(() -> new PodCreation(-1, pod("x", "Pending", true))).limit(creations).toList();
        List<PodDeletion> d = Stream.generate(() -> new PodDeletion(new PodRef("ns", "p", "u"), false, "why")).limit(deletions).toList();
        return new SyncPlan(c, d, Optional.empty(), List.of(), List.of(), Optional.empty(), BackoffRecord.NONE, managed);
    }

    static Stream<Arguments> actions() {
        return Stream.of(
                Arguments.of("pods not managed (expectations, deletion, finishing)", plan(false, 0, 2), "reconciling"),
                Arguments.of("managed, nothing to change", plan(true, 0, 0), "tracking"),
                Arguments.of("managed, pods created", plan(true, 2, 0), "pods_created"),
                Arguments.of("managed, surplus pods deleted", plan(true, 0, 1), "pods_deleted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void theSyncActionFollowsThePlan(String name, SyncPlan plan, String action) {
        assertEquals(action, JobMetrics.action(plan));
    }

    static JobStatus status(int failed, int uncountedFailed, int terminating) {
        return new JobStatusBuilder().withFailed(failed).withTerminating(terminating).withNewUncountedTerminatedPods()
                .withFailed(Stream.generate(() -> "u").limit(uncountedFailed).toList()).endUncountedTerminatedPods().build();
    }

    static Stream<Arguments> creationReasons() {
        return Stream.of(
                Arguments.of("first pods", "TerminatingOrFailed", status(0, 0, 0), "new"),
                Arguments.of("after a counted failure", "TerminatingOrFailed", status(1, 0, 0), "recreate_terminating_or_failed"),
                Arguments.of("after an uncounted failure", "TerminatingOrFailed", status(0, 1, 0), "recreate_terminating_or_failed"),
                Arguments.of("while pods terminate", "TerminatingOrFailed", status(0, 0, 2), "recreate_terminating_or_failed"),
                Arguments.of("policy Failed, after a failure", "Failed", status(1, 0, 0), "recreate_failed"),
                Arguments.of("policy Failed, only terminating pods", "Failed", status(0, 0, 1), "recreate_terminating_or_failed"),
                Arguments.of("policy Failed, first pods", "Failed", status(0, 0, 0), "new"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("creationReasons")
    void podCreationReason(String name, String replacement, JobStatus status, String reason) {
        assertEquals(reason, JobMetrics.creationReason(job("NonIndexed", replacement), status));
    }

    static Stream<Arguments> podEvents() {
        Pod running = pod("a", "Running", true);
        Pod succeeded = pod("a", "Succeeded", true);
        Pod released = pod("a", "Succeeded", false);
        return Stream.of(
                Arguments.of("added running", null, running, null),
                Arguments.of("added already finished with the finalizer", null, succeeded, "add"),
                Arguments.of("finished while holding the finalizer", running, succeeded, "add"),
                Arguments.of("finalizer removed from a finished pod", succeeded, released, "delete"),
                Arguments.of("finished pod with the finalizer deleted", succeeded, null, "delete"),
                Arguments.of("resync of a finished pod", succeeded, succeeded, null),
                Arguments.of("finished without the finalizer", running, pod("a", "Failed", false), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("podEvents")
    void terminatedPodsHoldingTheFinalizer(String name, Pod old, Pod pod, String event) {
        metrics.podObserved(old, pod);
        Counter counter = registry.find(JobMetrics.TERMINATED_PODS_WITH_FINALIZER).counter();
        if (event == null) {
            assertNull(counter);
        } else {
            assertEquals(1.0, registry.get(JobMetrics.TERMINATED_PODS_WITH_FINALIZER).tags("event", event).counter().count());
        }
    }

    @Test
    void aJobFailedByItsPodFailurePolicyCountsTheFinishAndEachHandledFailure() {
        Job job = new JobBuilder(job("Indexed", "TerminatingOrFailed")).editSpec().withNewPodFailurePolicy()
                .addNewRule().withAction("FailJob").withNewOnExitCodes().withContainerName("main").withOperator("In").withValues(42)
                .endOnExitCodes().endRule()
                .addNewRule().withAction("Ignore").addNewOnPodCondition().withType("DisruptionTarget").withStatus("True")
                .endOnPodCondition().endRule()
                .endPodFailurePolicy().endSpec().build();
        Pod fatal = exited("u1", 42);
        Pod disrupted = new PodBuilder(pod("u2", "Failed", true)).editStatus().addNewCondition().withType("DisruptionTarget")
                .withStatus("True").endCondition().endStatus().build();
        Pod ordinary = exited("u3", 1);
        Pod notReleased = exited("u4", 42);
        JobStatus status = new JobStatusBuilder().withFailed(2).withConditions(
                JobConditions.newCondition("FailureTarget", true, "PodFailurePolicy", "", NOW),
                JobConditions.newCondition("Failed", true, "PodFailurePolicy", "", NOW)).build();
        SyncPlan plan = new SyncPlan(List.of(), List.of(), Optional.of(status),
                List.of(PodRef.of(fatal), PodRef.of(disrupted), PodRef.of(ordinary)), List.of(), Optional.empty(), BackoffRecord.NONE, false);

        metrics.statusWritten(job, status);
        metrics.planCarriedOut(job, List.of(fatal, disrupted, ordinary, notReleased), plan);

        assertEquals(1.0, registry.get(JobMetrics.JOBS_FINISHED).tags("completion_mode", "Indexed", "result", "failed",
                "reason", "PodFailurePolicy").counter().count());
        assertEquals(1.0, registry.get(JobMetrics.POD_FAILURES_BY_POLICY).tags("action", "FailJob").counter().count());
        assertEquals(1.0, registry.get(JobMetrics.POD_FAILURES_BY_POLICY).tags("action", "Ignore").counter().count());
        assertEquals(2, registry.find(JobMetrics.POD_FAILURES_BY_POLICY).counters().size(), "a pod no rule matched has no action");
        assertEquals(2.0, registry.get(JobMetrics.PODS_FINISHED).tags("result", "failed").counter().count());
        assertNull(registry.find(JobMetrics.PODS_FINISHED).tags("result", "succeeded").counter());

        Job finished = new JobBuilder(job).withStatus(status).build();
        metrics.statusWritten(finished, status);
        metrics.planCarriedOut(finished, List.of(fatal), plan);
        assertEquals(1.0, registry.get(JobMetrics.JOBS_FINISHED).counter().count(), "a finished Job's leftovers count nothing");
        assertEquals(1.0, registry.get(JobMetrics.POD_FAILURES_BY_POLICY).tags("action", "FailJob").counter().count());
    }

    @Test
    void syncsAreTimedIntoUpstreamsBuckets() {
        metrics.syncDone(job("NonIndexed", "TerminatingOrFailed"), "tracking", false, Duration.ofMillis(10));
        metrics.syncDone(job("NonIndexed", "TerminatingOrFailed"), "tracking", true, Duration.ofMillis(30));
        var timer = registry.get(JobMetrics.SYNC_DURATION).tags("completion_mode", "NonIndexed", "result", "success",
                "action", "tracking").timer();
        assertEquals(1L, timer.count());
        assertEquals(1.0, registry.get(JobMetrics.SYNCS).tags("result", "error").counter().count());
        assertEquals(15, JobMetrics.SYNC_BUCKETS.length);
        assertEquals(Duration.ofMillis(4), JobMetrics.SYNC_BUCKETS[0]);
        assertEquals(Duration.ofMillis(4L << 14), JobMetrics.SYNC_BUCKETS[14]);
        assertTrue(timer.takeSnapshot().histogramCounts().length > 0, "the histogram has buckets");
    }
}
