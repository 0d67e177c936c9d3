package io.batchplane.jobcontroller.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.Finalizers;
import io.batchplane.client.clock.FakeClock;
import io.batchplane.jobcontroller.sync.JobConditions;
import io.batchplane.jobcontroller.sync.JobControllerConfig;
import io.batchplane.jobcontroller.sync.PodFacts;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The I/O shell against an in-memory API server and a fake clock: ordering, expectations, retries, requeues. */
class JobControllerTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    FakeClock clock;
    FakeJobApi api;
    ExecutorService pool;
    JobController controller;
    SimpleMeterRegistry registry;

    @BeforeEach
    void setUp() {
        clock = new FakeClock(T0);
        api = new FakeJobApi();
        pool = Executors.newFixedThreadPool(4);
        registry = new SimpleMeterRegistry();
        controller = new JobController(api, api.jobs, api.pods, clock, JobControllerConfig.defaults(), pool, new JobMetrics(registry));
        api.jobHandler = controller.jobHandler();
        api.podHandler = controller.podHandler();
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    static Job job(int completions, int parallelism) {
        return new JobBuilder().withNewMetadata().withName("job").withNamespace("ns").withUid("job-uid").endMetadata()
                .withNewSpec().withCompletions(completions).withParallelism(parallelism).withBackoffLimit(6)
                .withCompletionMode("NonIndexed").withPodReplacementPolicy("TerminatingOrFailed").withSuspend(false)
                .withNewSelector().withMatchLabels(Map.of("batch.kubernetes.io/controller-uid", "job-uid")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("batch.kubernetes.io/controller-uid", "job-uid")).endMetadata()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("main").withImage("busybox").endContainer().endSpec()
                .endTemplate().endSpec().withNewStatus().endStatus().build();
    }

    void drain() {
        for (int i = 0; i < 100; i++) {
            String key = controller.queue().tryGet();
            if (key == null) {
                return;
            }
            controller.processOne(key);
        }
        throw new AssertionError("queue never drained");
    }

    Job storedJob() {
        return api.jobs.get("ns", "job").orElseThrow();
    }

    List<Pod> pods() {
        return api.pods.list();
    }

    void finish(Pod pod, String phase) {
        api.putPod(new PodBuilder(pod).editStatus().withPhase(phase).endStatus().build());
    }

    long count(String call) {
        return api.calls.stream().filter(call::equals).count();
    }

    @Test
    void runsAJobToCompletionCountingEachPodOnce() {
        api.putJob(job(2, 2));
        drain();
        assertEquals(2, pods().size());
        assertTrue(pods().stream().allMatch(PodFacts::hasTrackingFinalizer));
        assertEquals(2, storedJob().getStatus().getActive());
        assertEquals(List.of("SuccessfulCreate", "SuccessfulCreate"), api.eventReasons());

        pods().forEach(p -> finish(p, "Succeeded"));
        drain();
        Job done = storedJob();
        assertTrue(JobConditions.isTrue(done.getStatus().getConditions(), "Complete"), done.getStatus().toString());
        assertEquals(2, done.getStatus().getSucceeded());
        assertEquals(0, done.getStatus().getActive());
        assertTrue(done.getStatus().getUncountedTerminatedPods().getSucceeded().isEmpty());
        assertFalse(pods().stream().anyMatch(PodFacts::hasTrackingFinalizer));
        assertTrue(api.eventReasons().contains("Completed"));

        assertEquals(1.0, registry.get(JobMetrics.JOBS_FINISHED).tags("completion_mode", "NonIndexed", "result", "succeeded",
                "reason", "CompletionsReached").counter().count());
        assertEquals(2.0, registry.get(JobMetrics.PODS_FINISHED).tags("result", "succeeded").counter().count());
        assertEquals(2.0, registry.get(JobMetrics.POD_CREATIONS).tags("reason", "new", "status", "succeeded").counter().count());
        assertEquals(1.0, registry.get(JobMetrics.SYNCS).tags("action", "pods_created", "result", "success").counter().count());
        assertEquals(1L, registry.get(JobMetrics.SYNC_DURATION).tags("action", "pods_created").timer().count());
        assertEquals(2.0, registry.get(JobMetrics.TERMINATED_PODS_WITH_FINALIZER).tags("event", "add").counter().count());
        assertEquals(2.0, registry.get(JobMetrics.TERMINATED_PODS_WITH_FINALIZER).tags("event", "delete").counter().count());
        controller.queue().add("ns/job");
        drain();
        double syncs = registry.get(JobMetrics.SYNCS).counters().stream().mapToDouble(c -> c.count()).sum();
        controller.queue().add("ns/job");
        drain();
        assertEquals(syncs, registry.get(JobMetrics.SYNCS).counters().stream().mapToDouble(c -> c.count()).sum(),
                "syncs of a finished Job are not measured");
    }

    @Test
    void aFinishAfterAFailedFinalizerRemovalIsCountedOnce() {
        api.putJob(job(1, 1));
        drain();
        finish(pods().get(0), "Succeeded");
        api.failOn = "patch";
        drain();
        assertFalse(JobConditions.isTrue(storedJob().getStatus().getConditions(), "Complete"), "not before the pod is released");
        assertEquals(null, registry.find(JobMetrics.JOBS_FINISHED).counter());
        assertTrue(registry.get(JobMetrics.SYNCS).tags("result", "error").counter().count() >= 1);
        api.failOn = null;
        clock.advance(Duration.ofSeconds(1));
        drain();
        assertTrue(JobConditions.isTrue(storedJob().getStatus().getConditions(), "Complete"));
        assertFalse(PodFacts.hasTrackingFinalizer(pods().get(0)));
        assertEquals(1.0, registry.get(JobMetrics.JOBS_FINISHED).tags("result", "succeeded").counter().count());
        assertEquals(1.0, registry.get(JobMetrics.PODS_FINISHED).tags("result", "succeeded").counter().count());
    }

    @Test
    void aFailedSyncIsMeasuredAsAnErrorAndAFailedCreationCounted() {
        api.failOn = "create";
        api.putJob(job(1, 1));
        drain();
        assertEquals(1.0, registry.get(JobMetrics.POD_CREATIONS).tags("reason", "new", "status", "failed").counter().count());
        assertEquals(1.0, registry.get(JobMetrics.SYNCS).tags("result", "error", "action", "pods_created").counter().count());
    }

    @Test
    void doesNotCreateAgainUntilItsCreationsAreObserved() {
        api.podHandler = null;
        api.putJob(job(3, 3));
        drain();
        assertEquals(3, count("create"));
        controller.queue().add("ns/job");
        drain();
        assertEquals(3, count("create"), "expectations hold back a second round while the cache lags");
    }

    @Test
    void failedStatusWriteLeavesFinalizersAndRetries() {
        api.putJob(job(1, 1));
        drain();
        finish(pods().get(0), "Succeeded");
        api.failOn = "status";
        drain();
        assertEquals(0, count("patch"), "no finalizer removed before the pod is recorded in the status");
        assertTrue(PodFacts.hasTrackingFinalizer(pods().get(0)));
        api.failOn = null;
        clock.advance(Duration.ofSeconds(1));
        drain();
        assertTrue(JobConditions.isTrue(storedJob().getStatus().getConditions(), "Complete"));
        assertEquals(1, storedJob().getStatus().getSucceeded());
    }

    @Test
    void failedFinalizerRemovalIsRetriedAndCountedOnce() {
        api.putJob(job(1, 1));
        drain();
        finish(pods().get(0), "Succeeded");
        api.failOn = "patch";
        drain();
        assertEquals(1, storedJob().getStatus().getUncountedTerminatedPods().getSucceeded().size(), "recorded first");
        assertTrue(PodFacts.hasTrackingFinalizer(pods().get(0)));
        api.failOn = null;
        clock.advance(Duration.ofSeconds(1));
        drain();
        Job done = storedJob();
        assertEquals(1, done.getStatus().getSucceeded());
        assertTrue(JobConditions.isTrue(done.getStatus().getConditions(), "Complete"));
        assertTrue(done.getStatus().getUncountedTerminatedPods().getSucceeded().isEmpty());
    }

    @Test
    void replacementOfAFailedPodWaitsOnTheClock() {
        api.putJob(job(1, 1));
        drain();
        Pod pod = pods().get(0);
        api.putPod(new PodBuilder(pod).editStatus().withPhase("Failed").addNewContainerStatus().withName("main")
                .withNewState().withNewTerminated().withExitCode(1).withFinishedAt(T0.toString()).endTerminated().endState()
                .endContainerStatus().endStatus().build());
        drain();
        assertEquals(1, count("create"), "backoff: no replacement yet");
        assertEquals(1, storedJob().getStatus().getFailed());
        clock.advance(Duration.ofSeconds(10));
        drain();
        assertEquals(2, count("create"), "replacement once the 10 s backoff passed");
    }

    @Test
    void releasesTheFinalizerOfAPodWhoseJobIsGone() {
        Pod orphan = new PodBuilder().withNewMetadata().withName("left").withNamespace("ns").withUid("left-uid")
                .withFinalizers(Finalizers.JOB_TRACKING).addNewOwnerReference().withKind("Job").withName("gone")
                .withUid("gone-uid").withController(true).endOwnerReference().endMetadata()
                .withNewStatus().withPhase("Succeeded").endStatus().build();
        api.putPod(orphan);
        drain();
        assertFalse(PodFacts.hasTrackingFinalizer(api.pods.get("ns", "left").orElseThrow()));
    }

    @Test
    void adoptsAMatchingOrphanInsteadOfCreating() {
        api.putPod(new PodBuilder().withNewMetadata().withName("stray").withNamespace("ns").withUid("stray-uid")
                .withLabels(Map.of("batch.kubernetes.io/controller-uid", "job-uid")).endMetadata()
                .withNewStatus().withPhase("Running").endStatus().build());
        api.putJob(job(1, 1));
        drain();
        Pod adopted = api.pods.get("ns", "stray").orElseThrow();
        assertEquals("job-uid", PodClaims.controllerOf(adopted).orElseThrow().getUid());
        assertTrue(PodFacts.hasTrackingFinalizer(adopted));
        assertEquals(0, count("create"));
        assertEquals(1, storedJob().getStatus().getActive());
    }

    @Test
    void suspendingDeletesPodsWithoutCountingThem() {
        api.putJob(job(2, 2));
        drain();
        api.putJob(new JobBuilder(storedJob()).editSpec().withSuspend(true).endSpec().build());
        drain();
        assertTrue(pods().isEmpty(), "finalizer removed first, so deleted pods vanish");
        Job suspended = storedJob();
        assertEquals(0, suspended.getStatus().getFailed());
        assertTrue(JobConditions.isTrue(suspended.getStatus().getConditions(), "Suspended"));
        assertTrue(api.eventReasons().contains("Suspended"));
    }
}
