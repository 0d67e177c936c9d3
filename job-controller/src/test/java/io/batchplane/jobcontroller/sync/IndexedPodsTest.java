package io.batchplane.jobcontroller.sync;

import static io.batchplane.jobcontroller.sync.Fixtures.NOW;
import static io.batchplane.jobcontroller.sync.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IndexedPodsTest {

    static Stream<Arguments> pendingCases() {
        return Stream.of(
                Arguments.of("from zero", 3, 5, "", List.of(0, 1, 2)),
                Arguments.of("skips taken", 3, 5, "0,2", List.of(1, 3, 4)),
                Arguments.of("fewer than asked", 3, 5, "0-3", List.of(4)),
                Arguments.of("none left", 2, 3, "0-2", List.of()),
                Arguments.of("count zero", 0, 3, "", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pendingCases")
    void firstPending(String name, int count, int completions, String taken, List<Integer> expected) {
        assertEquals(expected, IndexedPods.firstPending(count, completions, IndexIntervals.parse(taken, completions)));
    }

    static Stream<Arguments> surplusCases() {
        Pod readyIdx0 = pod("Running").ready().index(0).name("ready-0").build();
        Pod pendingIdx0 = pod("Pending").index(0).name("pending-0").build();
        Pod idx1 = pod("Running").index(1).name("run-1").build();
        Pod noIndex = pod("Running").name("no-index").build();
        Pod idx7 = pod("Running").index(7).name("run-7").build();
        return Stream.of(
                Arguments.of("distinct valid indexes keep all", List.of(idx1, readyIdx0), List.of()),
                Arguments.of("duplicate keeps the most advanced", List.of(readyIdx0, pendingIdx0, idx1), List.of("pending-0")),
                Arguments.of("missing index removed", List.of(noIndex, idx1), List.of("no-index")),
                Arguments.of("index beyond completions removed (elastic scale-down)", List.of(idx7, idx1), List.of("run-7")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("surplusCases")
    void surplus(String name, List<Pod> active, List<String> removed) {
        List<Pod> keep = new ArrayList<>();
        List<Pod> rm = IndexedPods.surplus(active, 5, keep);
        assertEquals(removed, rm.stream().map(PodFacts::name).toList());
        assertEquals(active.size() - removed.size(), keep.size());
    }

    static Job perIndexJob(boolean ignoreExit3) {
        var b = Fixtures.indexedJob(4, 4).editSpec().withBackoffLimitPerIndex(1).endSpec();
        if (ignoreExit3) {
            b = b.editSpec().withPodFailurePolicy(new PodFailurePolicyBuilder()
                    .addNewRule().withAction("Ignore").withNewOnExitCodes().withOperator("In").withValues(3).endOnExitCodes().endRule()
                    .addNewRule().withAction("FailIndex").withNewOnExitCodes().withOperator("In").withValues(4).endOnExitCodes().endRule()
                    .build()).endSpec();
        }
        return b.build();
    }

    static Stream<Arguments> replacementCountCases() {
        return Stream.of(
                Arguments.of("no replaced pod", perIndexJob(false), null, new int[] {0, 0}),
                Arguments.of("counted failure adds one", perIndexJob(false), pod("Failed").index(0).failureCount(1).exit("main", 1).build(), new int[] {2, 0}),
                Arguments.of("ignored failure adds to ignored", perIndexJob(true),
                        pod("Failed").index(0).failureCount(1).annotation("batch.kubernetes.io/job-index-ignored-failure-count", "2")
                                .exit("main", 3).build(), new int[] {1, 3}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replacementCountCases")
    void replacementFailureCounts(String name, Job job, Pod replaced, int[] expected) {
        assertArrayEquals(expected, IndexedPods.replacementFailureCounts(job, replaced));
    }

    static Stream<Arguments> failsIndexCases() {
        return Stream.of(
                Arguments.of("first failure within limit", perIndexJob(false), pod("Failed").index(0).failureCount(0).exit("main", 1).build(), false),
                Arguments.of("failure at the limit fails the index", perIndexJob(false), pod("Failed").index(0).failureCount(1).exit("main", 1).build(), true),
                Arguments.of("ignored failure never fails the index", perIndexJob(true), pod("Failed").index(0).failureCount(5).exit("main", 3).build(), false),
                Arguments.of("FailIndex rule fails at once", perIndexJob(true), pod("Failed").index(0).failureCount(0).exit("main", 4).build(), true),
                Arguments.of("running pod does not", perIndexJob(false), pod("Running").index(0).failureCount(9).build(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failsIndexCases")
    void failsIndex(String name, Job job, Pod pod, boolean expected) {
        assertEquals(expected, IndexedPods.failsIndex(job, pod));
    }

    static Stream<Arguments> awaitingCases() {
        Pod older = pod("Failed").index(1).failureCount(0).exitAt("main", 1, NOW.minusSeconds(100)).name("older").build();
        Pod newer = pod("Failed").index(1).failureCount(0).exitAt("main", 1, NOW.minusSeconds(10)).name("newer").build();
        Pod idx2 = pod("Failed").index(2).failureCount(0).exit("main", 1).name("idx2").build();
        Pod active2 = pod("Running").index(2).failureCount(1).name("active2").build();
        return Stream.of(
                Arguments.of("one failed pod awaits its replacement", List.of(idx2), Map.of(2, "idx2")),
                Arguments.of("newest failure per index", List.of(older, newer), Map.of(1, "newer")),
                Arguments.of("index already replaced", List.of(idx2, active2), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awaitingCases")
    void awaitingReplacement(String name, List<Pod> pods, Map<Integer, String> expected) {
        Job job = perIndexJob(false);
        Map<Integer, Pod> got = IndexedPods.awaitingReplacement(job, pods, pods.stream().filter(PodFacts::isActive).toList(),
                IndexIntervals.empty(), IndexIntervals.empty());
        Map<Integer, String> names = new java.util.HashMap<>();
        got.forEach((k, v) -> names.put(k, PodFacts.name(v)));
        assertEquals(expected, names);
    }
}
