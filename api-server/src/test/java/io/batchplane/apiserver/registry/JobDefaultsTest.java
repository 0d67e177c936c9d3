package io.batchplane.apiserver.registry;

import static io.batchplane.apiserver.registry.TestObjects.podSpec;
import static io.batchplane.apiserver.registry.TestObjects.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.Labels;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Job defaulting and create preparation, compared field by field with upstream's defaults. */
class JobDefaultsTest {

    private final JobStrategy strategy = new JobStrategy();

    /** Columns: completions, parallelism, backoffLimit, podReplacementPolicy after defaulting. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("countCases")
    void countsAndPolicies(String name, Consumer<Job> in, Integer completions, Integer parallelism,
            Integer backoffLimit, String replacement) {
        Job job = TestObjects.job();
        in.accept(job);
        strategy.prepareForCreate(job);
        assertEquals(completions, spec(job).getCompletions(), "completions");
        assertEquals(parallelism, spec(job).getParallelism(), "parallelism");
        assertEquals(backoffLimit, spec(job).getBackoffLimit(), "backoffLimit");
        assertEquals(replacement, spec(job).getPodReplacementPolicy(), "podReplacementPolicy");
    }

    static Stream<Arguments> countCases() {
        return Stream.of(
                Arguments.of("nothing set: one pod", (Consumer<Job>) j -> { }, 1, 1, 6, "TerminatingOrFailed"),
                Arguments.of("parallelism only: work queue", (Consumer<Job>) j -> spec(j).setParallelism(3),
                        null, 3, 6, "TerminatingOrFailed"),
                Arguments.of("completions only", (Consumer<Job>) j -> spec(j).setCompletions(5), 5, 1, 6,
                        "TerminatingOrFailed"),
                Arguments.of("both set", (Consumer<Job>) j -> {
                    spec(j).setCompletions(5);
                    spec(j).setParallelism(2);
                }, 5, 2, 6, "TerminatingOrFailed"),
                Arguments.of("backoffLimitPerIndex makes backoffLimit unlimited",
                        (Consumer<Job>) j -> spec(j).setBackoffLimitPerIndex(1), 1, 1, Integer.MAX_VALUE,
                        "TerminatingOrFailed"),
                Arguments.of("explicit backoffLimit kept", (Consumer<Job>) j -> spec(j).setBackoffLimit(0), 1, 1, 0,
                        "TerminatingOrFailed"),
                Arguments.of("podFailurePolicy makes replacement Failed", (Consumer<Job>) j -> spec(j)
                        .setPodFailurePolicy(new PodFailurePolicyBuilder().build()), 1, 1, 6, "Failed"),
                Arguments.of("explicit replacement kept", (Consumer<Job>) j -> spec(j).setPodReplacementPolicy("Failed"),
                        1, 1, 6, "Failed"));
    }

    @Test
    void scalarDefaultsAndPodTemplateDefaults() {
        Job job = TestObjects.job();
        strategy.prepareForCreate(job);
        assertEquals("NonIndexed", spec(job).getCompletionMode());
        assertEquals(false, spec(job).getSuspend());
        assertEquals(false, spec(job).getManualSelector());
        assertEquals("ClusterFirst", podSpec(job).getDnsPolicy());
        assertEquals("default-scheduler", podSpec(job).getSchedulerName());
        assertEquals(30L, podSpec(job).getTerminationGracePeriodSeconds());
        assertNull(podSpec(job).getEnableServiceLinks(), "enableServiceLinks is a pod default, not a template one");
        assertTrue(podSpec(job).getTolerations().isEmpty(), "toleration seconds are added to pods, not templates");
        assertEquals("File", podSpec(job).getContainers().get(0).getTerminationMessagePolicy());
        assertEquals("/dev/termination-log", podSpec(job).getContainers().get(0).getTerminationMessagePath());
        assertEquals("Always", podSpec(job).getContainers().get(0).getImagePullPolicy());
    }

    @Test
    void generatedSelectorAndLabels() {
        Job job = TestObjects.job();
        strategy.prepareForCreate(job);
        assertEquals(Map.of(Labels.CONTROLLER_UID, TestObjects.UID), spec(job).getSelector().getMatchLabels());
        assertEquals(Map.of(Labels.CONTROLLER_UID, TestObjects.UID, Labels.LEGACY_CONTROLLER_UID, TestObjects.UID,
                Labels.JOB_NAME, "myjob", Labels.LEGACY_JOB_NAME, "myjob"),
                job.getSpec().getTemplate().getMetadata().getLabels());
    }

    @Test
    void jobTakesTemplateLabelsOnlyWhenItHasNone() {
        Job bare = TestObjects.job();
        bare.getSpec().getTemplate().setMetadata(new ObjectMetaBuilder().withLabels(new HashMap<>(Map.of("app", "x"))).build());
        strategy.prepareForCreate(bare);
        assertEquals(Map.of("app", "x"), bare.getMetadata().getLabels());

        Job labelled = TestObjects.job();
        labelled.getMetadata().setLabels(new HashMap<>(Map.of("team", "a")));
        labelled.getSpec().getTemplate().setMetadata(new ObjectMetaBuilder().withLabels(new HashMap<>(Map.of("app", "x"))).build());
        strategy.prepareForCreate(labelled);
        assertEquals(Map.of("team", "a"), labelled.getMetadata().getLabels());
    }

    @Test
    void manualSelectorIsLeftAlone() {
        Job job = TestObjects.job();
        JobValidationTest.manual(job, Map.of("a", "b"), Map.of("a", "b"));
        strategy.prepareForCreate(job);
        assertEquals(Map.of("a", "b"), spec(job).getSelector().getMatchLabels());
        assertEquals(Map.of("a", "b"), job.getSpec().getTemplate().getMetadata().getLabels());
    }

    @Test
    void conditionPatternStatusDefaultsToTrue() {
        Job job = TestObjects.job();
        JobValidationTest.pfp(job, JobValidationTest.onCondition("Ignore", "DisruptionTarget", null));
        strategy.prepareForCreate(job);
        assertEquals("True", spec(job).getPodFailurePolicy().getRules().get(0).getOnPodConditions().get(0).getStatus());
    }

    @Test
    void createResetsStatus() {
        Job job = TestObjects.job();
        job.setStatus(new JobStatusBuilder().withActive(3).withSucceeded(2).build());
        strategy.prepareForCreate(job);
        assertNull(job.getStatus().getActive());
        assertNull(job.getStatus().getSucceeded());
    }
}
