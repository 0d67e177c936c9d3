package io.batchplane.jobcontroller.sync;

import static io.batchplane.jobcontroller.sync.Expect.expect;
import static io.batchplane.jobcontroller.sync.Fixtures.NOW;
import static io.batchplane.jobcontroller.sync.Fixtures.condition;
import static io.batchplane.jobcontroller.sync.Fixtures.indexedJob;
import static io.batchplane.jobcontroller.sync.Fixtures.pod;
import static io.batchplane.jobcontroller.sync.Fixtures.pods;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchplane.api.Annotations;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole decision for Indexed Jobs: indexes, elastic scaling, success policy, backoffLimitPerIndex. */
class IndexedJobSyncTest {
    static final SyncState FRESH = SyncState.fresh();

    static Arguments c(String name, Job job, List<Pod> pods, Expect expect) {
        return Arguments.of(name, job, pods, expect);
    }

    static Job started(JobBuilder b) {
        return b.editStatus().withStartTime(Times.format(NOW.minusSeconds(20))).endStatus().build();
    }

    static JobBuilder perIndex(int completions, int limit, Integer maxFailed) {
        return indexedJob(completions, completions).editSpec().withBackoffLimitPerIndex(limit).withMaxFailedIndexes(maxFailed)
                .withBackoffLimit(Integer.MAX_VALUE).endSpec();
    }

    static String annotation(SyncPlan plan, int i, String key) {
        return plan.creations().get(i).pod().getMetadata().getAnnotations().get(key);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("first sync creates the lowest indexes", indexedJob(5, 3).build(), List.of(),
                        expect().createsIndexes(0, 1, 2).counts(3, 0, 0, 0, 0).indexes("", null)),
                c("succeeded index recorded in completedIndexes, next pending index created",
                        started(indexedJob(5, 2)), pods(pod("Succeeded").index(0), pod("Running").index(1)),
                        expect().createsIndexes(2).releases(1).uncounted(0, 0).counts(2, 0, 0, 1, 0).indexes("0", null)),
                c("one success per index: a second success of an index is not counted",
                        started(indexedJob(3, 3).editStatus().withCompletedIndexes("0").withSucceeded(1).endStatus()),
                        pods(pod("Succeeded").index(0), pod("Running").index(1), pod("Running").index(2)),
                        expect().creates(0).releases(1).counts(2, 0, 0, 1, 0).indexes("0", null)),
                c("all indexes succeeded: SuccessCriteriaMet now, Complete waits for the last finalizer release",
                        started(indexedJob(3, 3).editStatus().withCompletedIndexes("0,1").withSucceeded(2).endStatus()),
                        pods(pod("Succeeded").index(2)),
                        expect().releases(1).counts(0, 0, 0, 3, 0).indexes("0-2", null).events()
                                .conditions("SuccessCriteriaMet=True/CompletionsReached")),
                c("all indexes counted and every finalizer released: Complete",
                        started(indexedJob(3, 3).editStatus().withCompletedIndexes("0-2").withSucceeded(3).endStatus()),
                        pods(pod("Succeeded").index(2).untracked()),
                        expect().releases(0).counts(0, 0, 0, 3, 0).indexes("0-2", null).events("Completed")
                                .conditions("SuccessCriteriaMet=True/CompletionsReached", "Complete=True/CompletionsReached")),
                c("failed index is re-created with the same index",
                        started(indexedJob(2, 2)), pods(pod("Failed").index(0).exit("main", 1), pod("Running").index(1)),
                        expect().createsIndexes(0).releases(1).uncounted(0, 1).counts(2, 0, 0, 0, 0)
                                .and(p -> assertEquals("job-0-", p.creations().get(0).pod().getMetadata().getGenerateName()))),
                c("pod without an index is deleted",
                        started(indexedJob(2, 2)), pods(pod("Running").name("stray"), pod("Running").index(0), pod("Running").index(1)),
                        expect().creates(0).deletes(1, false).and(p -> assertEquals("stray", p.deletions().get(0).pod().name()))),
                c("duplicate index: the less advanced pod is deleted, nothing created in the same sync",
                        started(indexedJob(3, 3)), pods(pod("Running").index(0).ready(), pod("Pending").index(0).name("dup"),
                                pod("Running").index(1)),
                        expect().creates(0).deletes(1, false).counts(2, 1, 1, 0, 0)
                                .and(p -> assertEquals("dup", p.deletions().get(0).pod().name()))),
                c("elastic scale-down removes the highest indexes",
                        started(indexedJob(2, 2)), pods(pod("Running").index(0), pod("Running").index(1),
                                pod("Running").index(2).name("i2"), pod("Running").index(3).name("i3")),
                        expect().deletes(2, false).and(p -> assertEquals(List.of("i2", "i3"),
                                p.deletions().stream().map(d -> d.pod().name()).sorted().toList()))),
                c("elastic scale-down keeps only completed indexes below completions",
                        started(indexedJob(2, 2).editStatus().withCompletedIndexes("0,3").withSucceeded(2).endStatus()),
                        pods(pod("Running").index(1)), expect().counts(1, 0, 0, 1, 0).indexes("0", null)),
                c("podReplacementPolicy Failed: a terminating index is not re-created yet",
                        started(indexedJob(2, 2).editSpec().withPodReplacementPolicy("Failed").endSpec()),
                        pods(pod("Running").index(0).deleting(), pod("Running").index(1)),
                        expect().creates(0).counts(1, 0, 1, 0, 0)),
                c("successPolicy met: SuccessCriteriaMet, remaining pods deleted keeping finalizers",
                        started(indexedJob(5, 5).editSpec().withNewSuccessPolicy().addNewRule().withSucceededIndexes("0")
                                .endRule().endSuccessPolicy().endSpec()),
                        pods(pod("Succeeded").index(0), pod("Running").index(1)),
                        expect().deletes(1, true).releases(2).counts(0, 0, 1, 1, 0).indexes("0", null)
                                .conditions("SuccessCriteriaMet=True/SuccessPolicy").events()),
                c("SuccessCriteriaMet recorded and pods gone: Complete with the success-policy reason",
                        started(indexedJob(5, 5).editStatus().withCompletedIndexes("0").withSucceeded(1)
                                .withConditions(condition("SuccessCriteriaMet", "True", "SuccessPolicy")).endStatus()),
                        List.of(), expect().conditions("SuccessCriteriaMet=True/SuccessPolicy", "Complete=True/SuccessPolicy")
                                .events("Completed")),
                c("backoffLimitPerIndex: failed pod keeps its finalizer until its replacement carries failure count 1",
                        started(perIndex(2, 2, null)), pods(pod("Failed").index(0).failureCount(0).exit("main", 1), pod("Running").index(1)),
                        expect().createsIndexes(0).releases(0).uncounted(0, 0).counts(2, 0, 0, 0, 0).indexes("", "")
                                .and(p -> assertEquals("1", annotation(p, 0, Annotations.JOB_INDEX_FAILURE_COUNT)))),
                c("backoffLimitPerIndex: once replaced, the failed pod is recorded and released",
                        started(perIndex(2, 2, null)), pods(pod("Failed").index(0).failureCount(0).exit("main", 1),
                                pod("Running").index(0).failureCount(1), pod("Running").index(1)),
                        expect().creates(0).releases(1).uncounted(0, 1).counts(2, 0, 0, 0, 0)),
                c("backoffLimitPerIndex: per-index backoff delays the replacement",
                        started(perIndex(2, 2, null)), pods(pod("Failed").index(0).failureCount(1)
                                .exitAt("main", 1, NOW.minusSeconds(5)), pod("Running").index(1)),
                        expect().creates(0).requeue(Duration.ofSeconds(15))),
                c("backoffLimitPerIndex: index over its limit is failed, not re-created",
                        started(perIndex(3, 1, null)), pods(pod("Failed").index(0).failureCount(1).exit("main", 1),
                                pod("Running").index(1), pod("Running").index(2)),
                        expect().creates(0).releases(1).uncounted(0, 1).indexes("", "0").conditions()),
                c("backoffLimitPerIndex: maxFailedIndexes exceeded fails the Job",
                        started(perIndex(4, 0, 0)), pods(pod("Failed").index(0).exit("main", 1), pod("Running").index(1)),
                        expect().deletes(1, true).indexes("", "0").conditions("FailureTarget=True/MaxFailedIndexesExceeded")),
                c("backoffLimitPerIndex: every index finished, some failed → FailedIndexes",
                        started(perIndex(2, 0, null).editStatus().withCompletedIndexes("1").withSucceeded(1).endStatus()),
                        pods(pod("Failed").index(0).exit("main", 1)),
                        expect().indexes("1", "0").conditions("FailureTarget=True/FailedIndexes")),
                c("podFailurePolicy FailIndex fails the index at its first failure",
                        started(perIndex(3, 5, null).editSpec().withPodFailurePolicy(new PodFailurePolicyBuilder().addNewRule()
                                .withAction("FailIndex").withNewOnExitCodes().withOperator("In").withValues(9).endOnExitCodes()
                                .endRule().build()).endSpec()),
                        pods(pod("Failed").index(2).exit("main", 9), pod("Running").index(0), pod("Running").index(1)),
                        expect().creates(0).indexes("", "2").conditions()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, Job job, List<Pod> pods, Expect expect) {
        expect.verify(JobSync.decide(job, pods, NOW, JobControllerConfig.defaults(), FRESH));
    }
}
