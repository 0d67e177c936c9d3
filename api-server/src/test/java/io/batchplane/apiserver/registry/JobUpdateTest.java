package io.batchplane.apiserver.registry;

import static io.batchplane.apiserver.registry.TestObjects.podSpec;
import static io.batchplane.apiserver.registry.TestObjects.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Job update rules: each case creates a Job (optionally edited by {@code setup}, optionally started),
 * applies {@code change} to a copy, and expects exactly the listed field paths from validateUpdate.
 */
class JobUpdateTest {

    private final JobStrategy strategy = new JobStrategy();

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validateUpdate(String name, Consumer<Job> setup, boolean started, Consumer<Job> change, List<String> expected) {
        Job old = TestObjects.job();
        setup.accept(old);
        strategy.prepareForCreate(old);
        if (started) {
            old.setStatus(new JobStatusBuilder().withStartTime("2026-01-01T00:00:00Z").build());
        }
        Job updated = Copies.deepCopy(old, Job.class);
        change.accept(updated);
        strategy.prepareForUpdate(updated, old);
        assertEquals(expected, TestObjects.fields(strategy.validateUpdate(updated, old)),
                () -> strategy.validateUpdate(updated, old).toString());
    }

    static Stream<Arguments> cases() {
        Consumer<Job> none = j -> { };
        Consumer<Job> suspended = j -> spec(j).setSuspend(true);
        Consumer<Job> elastic = j -> {
            JobValidationTest.indexed(j, 4);
            spec(j).setParallelism(4);
        };
        return Stream.of(
                Arguments.of("no change", none, false, none, List.of()),
                Arguments.of("parallelism is mutable", none, true, (Consumer<Job>) j -> spec(j).setParallelism(3), List.of()),
                Arguments.of("suspend is mutable", none, true, (Consumer<Job>) j -> spec(j).setSuspend(true), List.of()),
                Arguments.of("activeDeadlineSeconds is mutable", none, true,
                        (Consumer<Job>) j -> spec(j).setActiveDeadlineSeconds(10L), List.of()),
                Arguments.of("completions immutable for NonIndexed", none, false,
                        (Consumer<Job>) j -> spec(j).setCompletions(3), List.of("spec.completions")),
                Arguments.of("elastic Indexed: completions with parallelism", elastic, true, (Consumer<Job>) j -> {
                    spec(j).setCompletions(6);
                    spec(j).setParallelism(6);
                }, List.of()),
                Arguments.of("elastic Indexed: completions alone", elastic, true,
                        (Consumer<Job>) j -> spec(j).setCompletions(6), List.of("spec.completions")),
                Arguments.of("selector immutable", none, false, (Consumer<Job>) j -> spec(j).setSelector(
                        new LabelSelectorBuilder().withMatchLabels(Map.of("batch.kubernetes.io/controller-uid",
                                TestObjects.UID, "job-name", "myjob")).build()), List.of("spec.selector")),
                Arguments.of("completionMode immutable", none, false, (Consumer<Job>) j -> {
                    spec(j).setCompletionMode("Indexed");
                }, List.of("spec.completionMode")),
                Arguments.of("podFailurePolicy immutable", none, false, (Consumer<Job>) j -> {
                    podSpec(j).setRestartPolicy("Never");
                    spec(j).setPodFailurePolicy(new PodFailurePolicyBuilder().withRules(
                            JobValidationTest.onExit("FailJob", null, "In", 1)).build());
                    spec(j).setPodReplacementPolicy("Failed");
                }, List.of("spec.podFailurePolicy", "spec.template")),
                Arguments.of("backoffLimitPerIndex immutable", elastic, false,
                        (Consumer<Job>) j -> spec(j).setBackoffLimitPerIndex(2), List.of("spec.backoffLimitPerIndex")),
                Arguments.of("managedBy immutable", none, false,
                        (Consumer<Job>) j -> spec(j).setManagedBy("example.com/foo"), List.of("spec.managedBy")),
                Arguments.of("successPolicy immutable", elastic, false, (Consumer<Job>) j -> spec(j).setSuccessPolicy(
                        new io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyBuilder()
                                .withRules(JobValidationTest.rule(1, null)).build()), List.of("spec.successPolicy")),
                Arguments.of("template image immutable", none, false,
                        (Consumer<Job>) j -> podSpec(j).getContainers().get(0).setImage("other"), List.of("spec.template")),
                Arguments.of("nodeSelector immutable for running job", none, true,
                        (Consumer<Job>) j -> podSpec(j).setNodeSelector(Map.of("zone", "a")), List.of("spec.template")),
                Arguments.of("nodeSelector immutable for unsuspended job", none, false,
                        (Consumer<Job>) j -> podSpec(j).setNodeSelector(Map.of("zone", "a")), List.of("spec.template")),
                Arguments.of("nodeSelector mutable while suspended and never started", suspended, false,
                        (Consumer<Job>) j -> podSpec(j).setNodeSelector(Map.of("zone", "a")), List.of()),
                Arguments.of("nodeSelector immutable once a suspended job has started", suspended, true,
                        (Consumer<Job>) j -> podSpec(j).setNodeSelector(Map.of("zone", "a")), List.of("spec.template")),
                Arguments.of("tolerations, gates, annotations, labels mutable while suspended", suspended, false,
                        (Consumer<Job>) j -> {
                            podSpec(j).setTolerations(List.of(new Toleration("NoSchedule", "k", "Exists", null, null)));
                            podSpec(j).setSchedulingGates(List.of(new PodSchedulingGate("gate")));
                            j.getSpec().getTemplate().getMetadata().setAnnotations(Map.of("a", "b"));
                            j.getSpec().getTemplate().getMetadata().getLabels().put("queue", "q1");
                        }, List.of()),
                Arguments.of("node affinity mutable while suspended", suspended, false, (Consumer<Job>) j ->
                        podSpec(j).setAffinity(new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("zone").withOperator("In")
                                .withValues("a").endMatchExpression().endNodeSelectorTerm()
                                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build()),
                        List.of()),
                Arguments.of("pod affinity immutable even while suspended", suspended, false, (Consumer<Job>) j ->
                        podSpec(j).setAffinity(new AffinityBuilder().withNewPodAffinity()
                                .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(1).withNewPodAffinityTerm()
                                .withTopologyKey("zone").endPodAffinityTerm().endPreferredDuringSchedulingIgnoredDuringExecution()
                                .endPodAffinity().build()), List.of("spec.template")),
                Arguments.of("image immutable even while suspended", suspended, false,
                        (Consumer<Job>) j -> podSpec(j).getContainers().get(0).setImage("other"), List.of("spec.template")),
                Arguments.of("removing generated prefixed label", none, false, (Consumer<Job>) j ->
                        j.getSpec().getTemplate().getMetadata().getLabels().remove("batch.kubernetes.io/job-name"),
                        List.of("spec.template", "spec.template.metadata.labels[batch.kubernetes.io/job-name]")),
                Arguments.of("update still validates the spec", none, false,
                        (Consumer<Job>) j -> spec(j).setBackoffLimit(-1), List.of("spec.backoffLimit")));
    }

    @Test
    void jobsWithoutPrefixedLabelsStayUpdatable() {
        Job old = TestObjects.job();
        strategy.prepareForCreate(old);
        old.getSpec().getTemplate().getMetadata().getLabels().remove("batch.kubernetes.io/job-name");
        old.getSpec().getTemplate().getMetadata().getLabels().remove("batch.kubernetes.io/controller-uid");
        old.getSpec().getSelector().setMatchLabels(Map.of("controller-uid", TestObjects.UID));
        Job updated = Copies.deepCopy(old, Job.class);
        spec(updated).setParallelism(2);
        strategy.prepareForUpdate(updated, old);
        assertEquals(List.of(), TestObjects.fields(strategy.validateUpdate(updated, old)));

        updated.getSpec().getTemplate().getMetadata().getLabels().remove("controller-uid");
        assertEquals(List.of("spec.template", "spec.template.metadata.labels",
                "spec.template.metadata.labels[controller-uid]"),
                TestObjects.fields(strategy.validateUpdate(updated, old)));
    }

    @Test
    void mainUpdateKeepsStatusAndStatusUpdateKeepsSpec() {
        Job old = TestObjects.job();
        strategy.prepareForCreate(old);
        old.setStatus(new JobStatusBuilder().withActive(1).build());

        Job main = Copies.deepCopy(old, Job.class);
        main.setStatus(new JobStatusBuilder().withActive(9).build());
        spec(main).setParallelism(4);
        strategy.prepareForUpdate(main, old);
        assertEquals(1, main.getStatus().getActive());
        assertTrue(strategy.specChanged(main, old));

        Job status = Copies.deepCopy(old, Job.class);
        status.setStatus(new JobStatusBuilder().withActive(2).build());
        spec(status).setParallelism(7);
        strategy.prepareForStatusUpdate(status, old);
        assertEquals(2, status.getStatus().getActive());
        assertEquals(1, spec(status).getParallelism());
        assertFalse(strategy.specChanged(status, old));
    }
}
