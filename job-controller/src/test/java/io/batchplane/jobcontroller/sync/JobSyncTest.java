package io.batchplane.jobcontroller.sync;

import static io.batchplane.jobcontroller.sync.Expect.expect;
import static io.batchplane.jobcontroller.sync.Fixtures.NOW;
import static io.batchplane.jobcontroller.sync.Fixtures.condition;
import static io.batchplane.jobcontroller.sync.Fixtures.job;
import static io.batchplane.jobcontroller.sync.Fixtures.many;
import static io.batchplane.jobcontroller.sync.Fixtures.pod;
import static io.batchplane.jobcontroller.sync.Fixtures.pods;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole decision for NonIndexed Jobs, one named case per upstream rule. */
class JobSyncTest {
    static final SyncState FRESH = SyncState.fresh();

    static Arguments c(String name, Job job, List<Pod> pods, SyncState state, Expect expect) {
        return Arguments.of(name, job, pods, state, expect);
    }

    static List<Pod> plus(List<Pod> a, List<Pod> b) {
        List<Pod> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static Job started(io.fabric8.kubernetes.api.model.batch.v1.JobBuilder b) {
        return b.editStatus().withStartTime(Times.format(NOW.minusSeconds(20))).endStatus().build();
    }

    static PodFailurePolicyBuilder policy() {
        return new PodFailurePolicyBuilder()
                .addNewRule().withAction("FailJob").withNewOnExitCodes().withOperator("In").withValues(42).endOnExitCodes().endRule()
                .addNewRule().withAction("Ignore").addNewOnPodCondition().withType("DisruptionTarget").withStatus("True").endOnPodCondition().endRule()
                .addNewRule().withAction("Count").withNewOnExitCodes().withOperator("In").withValues(5).endOnExitCodes().endRule();
    }

    static Stream<Arguments> cases() {
        Pod failedRecorded = pod("Failed").exit("main", 1).build();
        Pod goneButRecorded = pod("Failed").untracked().build();
        return Stream.of(
                c("non-parallel: creates one pod and starts the Job", job().build(), List.of(), FRESH,
                        expect().creates(1).deletes(0, true).counts(1, 0, 0, 0, 0).conditions().events()
                                .and(p -> assertEquals(Times.format(NOW), p.status().get().getStartTime()))
                                .and(p -> assertTrue(p.podsManaged(), "pods managed"))),
                c("parallel fixed completions: creates parallelism pods",
                        job().editSpec().withCompletions(5).withParallelism(2).endSpec().build(), List.of(), FRESH,
                        expect().creates(2).counts(2, 0, 0, 0, 0)),
                c("fixed completions: never more than the remaining completions",
                        started(job().editSpec().withCompletions(5).withParallelism(10).endSpec().editStatus().withSucceeded(3).endStatus()),
                        List.of(), FRESH, expect().creates(2).counts(2, 0, 0, 3, 0)),
                c("work queue: creates parallelism pods",
                        job().editSpec().withCompletions(null).withParallelism(3).endSpec().build(), List.of(), FRESH,
                        expect().creates(3)),
                c("work queue: no new pod once one succeeded; success recorded then released",
                        started(job().editSpec().withCompletions(null).withParallelism(2).endSpec()),
                        pods(pod("Running"), pod("Succeeded")), FRESH,
                        expect().creates(0).deletes(0, true).releases(1).counts(1, 0, 0, 0, 0).uncounted(1, 0).conditions()),
                c("work queue: complete once all pods ended and one succeeded",
                        started(job().editSpec().withCompletions(null).withParallelism(2).endSpec().editStatus().withSucceeded(1).withFailed(1).endStatus()),
                        List.of(), FRESH,
                        expect().creates(0).counts(0, 0, 0, 1, 1).events("Completed").noRequeue()
                                .conditions("SuccessCriteriaMet=True/CompletionsReached", "Complete=True/CompletionsReached")
                                .and(p -> assertEquals(Times.format(NOW), p.status().get().getCompletionTime()))),
                c("completions 0: complete at once",
                        job().editSpec().withCompletions(0).endSpec().build(), List.of(), FRESH,
                        expect().creates(0).events("Completed")
                                .conditions("SuccessCriteriaMet=True/CompletionsReached", "Complete=True/CompletionsReached")),
                c("parallelism 0 pauses: active pods deleted without counting them",
                        started(job().editSpec().withParallelism(0).endSpec()), many(2, "Running", true), FRESH,
                        expect().creates(0).deletes(2, false).counts(0, 0, 2, 0, 0).releases(0)),
                c("too many active: surplus deleted, not-ready first",
                        started(job()), pods(pod("Running").ready().name("keep"), pod("Running").name("drop")), FRESH,
                        expect().deletes(1, false).counts(1, 1, 1, 0, 0)
                                .and(p -> assertEquals("drop", p.deletions().get(0).pod().name()))),
                c("steady state: nothing to do, no status write",
                        job().editStatus().withStartTime(Times.format(NOW.minusSeconds(20))).withActive(1).withReady(1)
                                .withTerminating(0).withSucceeded(0).withFailed(0).withNewUncountedTerminatedPods().endUncountedTerminatedPods()
                                .endStatus().build(),
                        many(1, "Running", true), FRESH, expect().creates(0).deletes(0, true).releases(0).noStatusWrite()),
                c("failed pod: recorded as uncounted, released, replaced after the backoff passed",
                        started(job()), List.of(failedRecorded), FRESH,
                        expect().creates(1).releases(1).uncounted(0, 1).counts(1, 0, 0, 0, 0)
                                .and(p -> assertEquals(new BackoffRecord(1, NOW.minusSeconds(30)), p.backoff()))),
                c("failed pod 2s ago: replacement waits for the 10s backoff",
                        started(job()), pods(pod("Failed").exitAt("main", 1, NOW.minusSeconds(2))), FRESH,
                        expect().creates(0).releases(1).requeue(Duration.ofSeconds(8))),
                c("backoff doubles with the remembered failures",
                        started(job()), List.of(),
                        new SyncState(true, Set.of(), new BackoffRecord(3, NOW.minusSeconds(15))),
                        expect().creates(0).requeue(Duration.ofSeconds(25))),
                c("recorded uncounted failure whose pod lost its finalizer is counted",
                        started(job().editStatus().withNewUncountedTerminatedPods().withFailed(goneButRecorded.getMetadata().getUid())
                                .endUncountedTerminatedPods().endStatus()),
                        List.of(goneButRecorded), new SyncState(true, Set.of(), new BackoffRecord(1, NOW.minusSeconds(60))),
                        expect().creates(1).uncounted(0, 0).counts(1, 0, 0, 0, 1)),
                c("recorded uncounted success whose pod is gone is counted",
                        started(job().editSpec().withCompletions(2).endSpec().editStatus().withNewUncountedTerminatedPods()
                                .withSucceeded("gone-uid").endUncountedTerminatedPods().endStatus()),
                        List.of(), FRESH, expect().creates(1).uncounted(0, 0).counts(1, 0, 0, 1, 0)),
                c("finalizer removal in flight counts as removed",
                        started(job().editStatus().withNewUncountedTerminatedPods().withFailed(failedRecorded.getMetadata().getUid())
                                .endUncountedTerminatedPods().endStatus()),
                        List.of(failedRecorded), new SyncState(true, Set.of(failedRecorded.getMetadata().getUid()), BackoffRecord.NONE),
                        expect().releases(0).uncounted(0, 0).counts(1, 0, 0, 0, 1)),
                c("backoffLimit exceeded: FailureTarget, active pods deleted keeping finalizers, every pod counted failed",
                        started(job().editSpec().withBackoffLimit(1).endSpec().editStatus().withFailed(1).endStatus()),
                        plus(pods(pod("Failed")), many(1, "Running", true)), FRESH,
                        expect().creates(0).deletes(1, true).releases(2).uncounted(0, 2).counts(0, 0, 1, 0, 1)
                                .conditions("FailureTarget=True/BackoffLimitExceeded").events()),
                c("FailureTarget recorded and no pod left: Failed with the same reason",
                        started(job().editStatus().withFailed(7).withConditions(condition("FailureTarget", "True", "BackoffLimitExceeded")).endStatus()),
                        List.of(), FRESH,
                        expect().creates(0).counts(0, 0, 0, 0, 7).events("BackoffLimitExceeded")
                                .conditions("FailureTarget=True/BackoffLimitExceeded", "Failed=True/BackoffLimitExceeded")
                                .and(p -> assertNull(p.status().get().getCompletionTime()))),
                c("FailureTarget recorded but a pod still terminating: Failed waits",
                        started(job().editStatus().withFailed(7).withConditions(condition("FailureTarget", "True", "BackoffLimitExceeded")).endStatus()),
                        pods(pod("Running").deleting().untracked()), FRESH,
                        expect().counts(0, 0, 1, 0, 7).events().conditions("FailureTarget=True/BackoffLimitExceeded")),
                c("restartPolicy OnFailure: restarts reaching backoffLimit fail the Job",
                        started(job().editSpec().withBackoffLimit(2).editTemplate().editSpec().withRestartPolicy("OnFailure").endSpec().endTemplate().endSpec()),
                        pods(pod("Running").restarts(2)), FRESH,
                        expect().deletes(1, true).conditions("FailureTarget=True/BackoffLimitExceeded")),
                c("restartPolicy OnFailure: restarts below backoffLimit go on",
                        started(job().editSpec().withBackoffLimit(3).editTemplate().editSpec().withRestartPolicy("OnFailure").endSpec().endTemplate().endSpec()),
                        pods(pod("Running").restarts(2)), FRESH, expect().deletes(0, true).creates(0)),
                c("restartPolicy OnFailure with backoffLimit 0: one restart fails",
                        started(job().editSpec().withBackoffLimit(0).editTemplate().editSpec().withRestartPolicy("OnFailure").endSpec().endTemplate().endSpec()),
                        pods(pod("Running").restarts(1)), FRESH, expect().conditions("FailureTarget=True/BackoffLimitExceeded")),
                c("activeDeadlineSeconds passed: DeadlineExceeded though backoffLimit is not reached",
                        job().editSpec().withActiveDeadlineSeconds(10L).endSpec().editStatus().withStartTime(Times.format(NOW.minusSeconds(11))).endStatus().build(),
                        many(2, "Running", false), FRESH,
                        expect().deletes(2, true).creates(0).conditions("FailureTarget=True/DeadlineExceeded").counts(0, 0, 2, 0, 0)
                                .and(p -> assertFalse(p.podsManaged(), "a finishing Job's deletions are clean-up"))),
                c("activeDeadlineSeconds ahead: sync again when it passes",
                        job().editSpec().withActiveDeadlineSeconds(60L).endSpec().editStatus().withStartTime(Times.format(NOW.minusSeconds(20))).endStatus().build(),
                        many(1, "Running", false), FRESH, expect().requeue(Duration.ofSeconds(40)).conditions()),
                c("podFailurePolicy FailJob: FailureTarget with the rule's message",
                        started(job().editSpec().withPodFailurePolicy(policy().build()).withParallelism(2).withCompletions(2).endSpec()),
                        pods(pod("Failed").name("p").exit("main", 42), pod("Running")), FRESH,
                        expect().deletes(1, true).conditions("FailureTarget=True/PodFailurePolicy").and(p -> assertEquals(
                                "Container main for pod ns/p failed with exit code 42 matching FailJob rule at index 0",
                                p.status().get().getConditions().get(0).getMessage()))),
                c("podFailurePolicy Ignore: disruption not counted even with backoffLimit 0",
                        started(job().editSpec().withPodFailurePolicy(policy().build()).withBackoffLimit(0).endSpec()),
                        pods(pod("Failed").exit("main", 137).condition("DisruptionTarget", "True")), FRESH,
                        expect().creates(1).releases(1).uncounted(0, 0).counts(1, 0, 0, 0, 0).conditions()),
                c("podFailurePolicy Count: counted towards backoffLimit 0",
                        started(job().editSpec().withPodFailurePolicy(policy().build()).withBackoffLimit(0).endSpec()),
                        pods(pod("Failed").exit("main", 5)), FRESH,
                        expect().creates(0).uncounted(0, 1).conditions("FailureTarget=True/BackoffLimitExceeded")),
                c("podReplacementPolicy Failed: a terminating pod is not replaced yet",
                        started(job().editSpec().withPodReplacementPolicy("Failed").endSpec()),
                        pods(pod("Running").deleting()), FRESH, expect().creates(0).releases(0).counts(0, 0, 1, 0, 0)),
                c("podReplacementPolicy TerminatingOrFailed: a terminating pod counts as failed and is replaced at once",
                        started(job()), pods(pod("Running").deleting()), FRESH,
                        expect().creates(1).releases(1).uncounted(0, 1).counts(1, 0, 1, 0, 0).noRequeue()),
                c("created suspended: no pods, no startTime, Suspended condition",
                        job().editSpec().withSuspend(true).endSpec().build(), List.of(), FRESH,
                        expect().creates(0).conditions("Suspended=True/JobSuspended").events("Suspended")
                                .and(p -> assertNull(p.status().get().getStartTime()))),
                c("suspending deletes active pods without counting them and clears startTime",
                        started(job().editSpec().withSuspend(true).withParallelism(2).withCompletions(4).endSpec()),
                        many(2, "Running", true), FRESH,
                        expect().creates(0).deletes(2, false).counts(0, 0, 2, 0, 0).conditions("Suspended=True/JobSuspended")
                                .events("Suspended").and(p -> assertNull(p.status().get().getStartTime()))),
                c("resuming restarts startTime and creates pods",
                        job().editStatus().withConditions(condition("Suspended", "True", "JobSuspended")).endStatus().build(),
                        List.of(), FRESH,
                        expect().creates(1).conditions("Suspended=False/JobResumed").events("Resumed")
                                .and(p -> assertEquals(Times.format(NOW), p.status().get().getStartTime()))),
                c("Job failing while suspended gets a startTime with its Failed condition",
                        job().editSpec().withSuspend(true).endSpec().editStatus().withFailed(7)
                                .withConditions(condition("FailureTarget", "True", "BackoffLimitExceeded")).endStatus().build(),
                        List.of(), FRESH, expect().conditions("FailureTarget=True/BackoffLimitExceeded", "Failed=True/BackoffLimitExceeded")
                                .and(p -> assertEquals(Times.format(NOW), p.status().get().getStartTime()))),
                c("suspended Job ignores its active deadline",
                        job().editSpec().withSuspend(true).withActiveDeadlineSeconds(1L).endSpec().build(), List.of(), FRESH,
                        expect().conditions("Suspended=True/JobSuspended").noRequeue()),
                c("expectations pending: no pods created or deleted, status still tracked",
                        started(job().editSpec().withParallelism(3).withCompletions(3).endSpec()), pods(pod("Succeeded")),
                        new SyncState(false, Set.of(), BackoffRecord.NONE),
                        expect().creates(0).deletes(0, true).releases(1).uncounted(1, 0)
                                .and(p -> assertFalse(p.podsManaged(), "not managed while expectations are pending"))),
                c("Job being deleted: no new pods, every finalizer released",
                        started(job().editMetadata().withDeletionTimestamp(NOW.toString()).endMetadata().editSpec().withParallelism(3).endSpec()),
                        many(2, "Running", false), FRESH, expect().creates(0).deletes(0, true).releases(2).uncounted(0, 0)
                                .and(p -> assertFalse(p.podsManaged(), "not managed while being deleted"))),
                c("managed by another controller: left alone",
                        job().editSpec().withManagedBy("example.com/other").endSpec().build(), List.of(), FRESH,
                        expect().creates(0).noStatusWrite().events().releases(0)),
                c("managed by the job controller explicitly: synced",
                        job().editSpec().withManagedBy("kubernetes.io/job-controller").endSpec().build(), List.of(), FRESH,
                        expect().creates(1)),
                c("finished Job: leftover finalizers released, nothing else",
                        started(job().editStatus().withConditions(condition("Complete", "True", "CompletionsReached")).endStatus()),
                        pods(pod("Succeeded"), pod("Succeeded").untracked()), FRESH,
                        expect().creates(0).releases(1).noStatusWrite().events()),
                c("unknown completion mode: warning, nothing else",
                        job().editSpec().withCompletionMode("Sometimes").endSpec().build(), List.of(), FRESH,
                        expect().creates(0).noStatusWrite().events("UnknownCompletionMode")),
                c("max uncounted per sync: the rest waits for the next sync",
                        started(job().editSpec().withCompletions(10).withParallelism(10).endSpec()), many(3, "Succeeded", false),
                        FRESH, expect().creates(7).releases(2).uncounted(2, 0)),
                c("last success: SuccessCriteriaMet first, Complete after the count is settled",
                        started(job()), pods(pod("Succeeded")), FRESH,
                        expect().releases(1).uncounted(1, 0).conditions("SuccessCriteriaMet=True/CompletionsReached").events()),
                c("more successes than completions: warning on completion",
                        started(job().editSpec().withCompletions(1).endSpec().editStatus().withSucceeded(2).endStatus()),
                        List.of(), FRESH, expect().events("TooManySucceededPods", "Completed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, Job job, List<Pod> pods, SyncState state, Expect expect) {
        JobControllerConfig cfg = name.startsWith("max uncounted")
                ? new JobControllerConfig(java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(6), 500, 2)
                : JobControllerConfig.defaults();
        expect.verify(JobSync.decide(job, pods, NOW, cfg, state));
    }
}
