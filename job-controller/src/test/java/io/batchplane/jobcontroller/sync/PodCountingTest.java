package io.batchplane.jobcontroller.sync;

import static io.batchplane.jobcontroller.sync.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodCountingTest {

    static Job jobWith(String replacement, boolean policy) {
        var b = Fixtures.job().editSpec().withPodReplacementPolicy(replacement).endSpec();
        if (policy) {
            b = b.editSpec().withPodFailurePolicy(new PodFailurePolicyBuilder().addNewRule().withAction("Ignore")
                    .withNewOnExitCodes().withOperator("In").withValues(3).endOnExitCodes().endRule().build()).endSpec();
        }
        return b.build();
    }

    static Stream<Arguments> failedCases() {
        return Stream.of(
                Arguments.of("phase Failed", pod("Failed").build(), jobWith("TerminatingOrFailed", false), true),
                Arguments.of("running", pod("Running").build(), jobWith("TerminatingOrFailed", false), false),
                Arguments.of("deleted running pod counts as failed", pod("Running").deleting().build(), jobWith("TerminatingOrFailed", false), true),
                Arguments.of("deleted succeeded pod does not", pod("Succeeded").deleting().build(), jobWith("TerminatingOrFailed", false), false),
                Arguments.of("replacement policy Failed waits for phase", pod("Running").deleting().build(), jobWith("Failed", false), false),
                Arguments.of("pod failure policy waits for phase", pod("Running").deleting().build(), jobWith("TerminatingOrFailed", true), false),
                Arguments.of("pod failure policy: phase Failed", pod("Failed").deleting().build(), jobWith("TerminatingOrFailed", true), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failedCases")
    void isFailed(String name, Pod pod, Job job, boolean expected) {
        assertEquals(expected, PodCounting.isFailed(pod, job));
    }

    static Stream<Arguments> censusCases() {
        Pod running = pod("Running").ready().build();
        Pod pending = pod("Pending").build();
        Pod terminating = pod("Running").deleting().build();
        Pod succeededTracked = pod("Succeeded").build();
        Pod succeededCounted = pod("Succeeded").untracked().build();
        Pod failedTracked = pod("Failed").exit("main", 1).build();
        Pod failedIgnored = pod("Failed").exit("main", 3).build();
        Pod failedUncounted = pod("Failed").build();
        Pod failedExpected = pod("Failed").build();
        return Stream.of(
                Arguments.of("active, ready and terminating", jobWith("TerminatingOrFailed", false),
                        List.of(running, pending, terminating), Set.of(), 2, 1, 1, 0, 1, 0, 1),
                Arguments.of("new and recorded pods add to the counters", Fixtures.job()
                                .editStatus().withSucceeded(3).withFailed(1).withNewUncountedTerminatedPods()
                                .withFailed(failedUncounted.getMetadata().getUid()).endUncountedTerminatedPods().endStatus().build(),
                        List.of(succeededTracked, succeededCounted, failedTracked, failedUncounted), Set.of(),
                        0, 0, 0, 1, 1, 4, 3),
                Arguments.of("expected finalizer removal is not new", jobWith("TerminatingOrFailed", false),
                        List.of(failedExpected), Set.of(failedExpected.getMetadata().getUid()), 0, 0, 0, 0, 0, 0, 0),
                Arguments.of("ignored failure is new but not counted", jobWith("TerminatingOrFailed", true),
                        List.of(failedIgnored, failedTracked), Set.of(), 0, 0, 0, 0, 2, 0, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("censusCases")
    void census(String name, Job job, List<Pod> pods, Set<String> expected, int active, int ready, int terminating,
                int newSucceeded, int newFailed, int succeeded, int failed) {
        PodCounting.Census c = PodCounting.census(job, pods, expected);
        assertEquals(active, c.active().size(), "active");
        assertEquals(ready, c.ready(), "ready");
        assertEquals(terminating, c.terminating(), "terminating");
        assertEquals(newSucceeded, c.newSucceeded().size(), "newSucceeded");
        assertEquals(newFailed, c.newFailed().size(), "newFailed");
        assertEquals(succeeded, c.succeeded(), "succeeded");
        assertEquals(failed, c.failed(), "failed");
    }

    static Stream<Arguments> indexCases() {
        return Stream.of(
                Arguments.of("recorded plus tracked successes", "0,1", List.of(pod("Succeeded").index(3).build()), "0,1,3"),
                Arguments.of("untracked success is already recorded or lost", "", List.of(pod("Succeeded").index(3).untracked().build()), ""),
                Arguments.of("out of range index ignored", "", List.of(pod("Succeeded").index(9).build()), ""),
                Arguments.of("running pods ignored", "2", List.of(pod("Running").index(3).build()), "2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indexCases")
    void succeededIndexes(String name, String recorded, List<Pod> pods, String expected) {
        Job job = Fixtures.indexedJob(5, 5).editStatus().withCompletedIndexes(recorded).endStatus().build();
        assertEquals(expected, PodCounting.succeededIndexes(job, pods).toString());
    }
}
