package io.batchplane.jobcontroller.sync;

import static io.batchplane.jobcontroller.sync.Fixtures.NOW;
import static io.batchplane.jobcontroller.sync.Fixtures.job;
import static io.batchplane.jobcontroller.sync.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When a pod's finalizer may go, and what the interim and terminal conditions look like in one write. */
class FinishedPodTrackerTest {

    static Stream<Arguments> releaseCases() {
        Job running = job().build();
        Job deleting = job().editMetadata().withDeletionTimestamp(NOW.toString()).endMetadata().build();
        Job perIndex = Fixtures.indexedJob(3, 3).editSpec().withBackoffLimitPerIndex(2).endSpec().build();
        Pod failedIdx0 = pod("Failed").index(0).name("f0").build();
        JobCondition target = JobConditions.newCondition("FailureTarget", true, "BackoffLimitExceeded", "", NOW);
        return Stream.of(
                Arguments.of("succeeded pod", running, pod("Succeeded").build(), null, Map.of(), true),
                Arguments.of("failed pod", running, pod("Failed").build(), null, Map.of(), true),
                Arguments.of("running pod of a running Job", running, pod("Running").build(), null, Map.of(), false),
                Arguments.of("running pod of a Job being deleted", deleting, pod("Running").build(), null, Map.of(), true),
                Arguments.of("running pod of a failing Job", running, pod("Running").build(), target, Map.of(), true),
                Arguments.of("failed pod awaiting its replacement", perIndex, failedIdx0, null, Map.of(0, failedIdx0), false),
                Arguments.of("older failed pod of a replaced index", perIndex, pod("Failed").index(0).build(), null,
                        Map.of(0, failedIdx0), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releaseCases")
    void canRelease(String name, Job job, Pod pod, JobCondition finished, Map<Integer, Pod> awaiting, boolean expected) {
        assertEquals(expected, FinishedPodTracker.canRelease(job, pod, PodCounting.isFailed(pod, job), finished, awaiting));
    }

    static Stream<Arguments> conditionCases() {
        return Stream.of(
                Arguments.of("FailureTarget written with Failed when nothing is pending",
                        JobConditions.newCondition("FailureTarget", true, "DeadlineExceeded", "m", NOW), 0,
                        List.of("FailureTarget/DeadlineExceeded", "Failed/DeadlineExceeded"), true),
                Arguments.of("FailureTarget alone while a pod terminates",
                        JobConditions.newCondition("FailureTarget", true, "DeadlineExceeded", "m", NOW), 1,
                        List.of("FailureTarget/DeadlineExceeded"), false),
                Arguments.of("SuccessCriteriaMet then Complete",
                        JobConditions.newCondition("SuccessCriteriaMet", true, "CompletionsReached", "m", NOW), 0,
                        List.of("SuccessCriteriaMet/CompletionsReached", "Complete/CompletionsReached"), true),
                Arguments.of("no criterion, no condition", null, 0, List.of(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditionCases")
    void conditions(String name, JobCondition finished, int terminating, List<String> expected, boolean finishedNow) {
        Job job = job().editStatus().withSucceeded(1).endStatus().build();
        JobStatus status = new JobStatusBuilder(job.getStatus()).withTerminating(terminating).build();
        status.setConditions(new ArrayList<>());
        PodCounting.Census census = PodCounting.census(job, List.of(), Set.of());
        FinishedPodTracker.Result r = FinishedPodTracker.track(job, List.of(), census, Set.of(), finished, null, null,
                Map.of(), status, NOW, JobControllerConfig.defaults());
        assertEquals(expected, status.getConditions().stream().map(c -> c.getType() + "/" + c.getReason()).toList());
        assertEquals(finishedNow, r.finishedNow());
        assertEquals(finishedNow && finished.getType().equals("SuccessCriteriaMet"), status.getCompletionTime() != null);
    }

    static Stream<Arguments> releasingCases() {
        Pod tracked = pod("Succeeded").name("a").build();
        Pod released = pod("Succeeded").name("b").untracked().build();
        SyncPlan.PodRef removal = SyncPlan.PodRef.of(tracked);
        String uid = tracked.getMetadata().getUid();
        return Stream.of(
                Arguments.of("nothing holds the finalizer", List.of(released), List.of(), Set.of(), false),
                Arguments.of("this sync releases a pod", List.of(tracked), List.of(removal), Set.of(), true),
                Arguments.of("a release is in flight and not yet seen", List.of(tracked), List.of(), Set.of(uid), true),
                Arguments.of("an in-flight release already seen", List.of(released), List.of(), Set.of(uid), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasingCases")
    void theTerminalConditionWaitsForReleases(String name, List<Pod> pods, List<SyncPlan.PodRef> removals,
                                              Set<String> inFlight, boolean expected) {
        assertEquals(expected, FinishedPodTracker.releasing(pods, removals, inFlight));
    }
}
