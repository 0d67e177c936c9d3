package io.batchplane.apiserver.registry;

import static io.batchplane.apiserver.registry.TestObjects.podSpec;
import static io.batchplane.apiserver.registry.TestObjects.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchplane.api.Labels;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPatternBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Job create validation: each case edits a valid Job before ({@code in}) and/or after
 * ({@code out}) create preparation, and expects exactly the listed field paths. Cases follow
 * upstream's batch validation tests.
 */
class JobValidationTest {

    private final JobStrategy strategy = new JobStrategy();

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validate(String name, Consumer<Job> in, Consumer<Job> out, List<String> expected) {
        Job job = TestObjects.job();
        in.accept(job);
        strategy.prepareForCreate(job);
        out.accept(job);
        assertEquals(expected, TestObjects.fields(strategy.validate(job)), () -> strategy.validate(job).toString());
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                ok("minimal job", j -> { }),
                ok("work queue: parallelism without completions", j -> spec(j).setParallelism(5)),
                ok("valid success policy", j -> {
                    indexed(j, 10);
                    podSpec(j).setRestartPolicy("Never");
                    spec(j).setSuccessPolicy(new SuccessPolicyBuilder().withRules(
                            rule(1, "0,2,4"), rule(null, "1,3,5-9")).build());
                }),
                ok("valid pod failure policy", j -> {
                    podSpec(j).setRestartPolicy("Never");
                    spec(j).setPodFailurePolicy(new PodFailurePolicyBuilder().withRules(
                            onCondition("Ignore", "DisruptionTarget", "True"),
                            onCondition("FailJob", "CustomConditionType", "False"),
                            onExit("Count", "abc", "In", 1, 2, 3),
                            onExit("Ignore", "def", "In", 4),
                            onExit("FailJob", null, "NotIn", 5, 6, 7)).build());
                }),
                ok("FailIndex with backoffLimitPerIndex", j -> {
                    indexed(j, 2);
                    spec(j).setBackoffLimitPerIndex(1);
                    podSpec(j).setRestartPolicy("Never");
                    spec(j).setPodFailurePolicy(new PodFailurePolicyBuilder()
                            .withRules(onExit("FailIndex", null, "In", 10)).build());
                }),
                ok("valid manual selector", j -> manual(j, Map.of("a", "b"), Map.of("a", "b"))),
                ok("podReplacementPolicy Failed", j -> spec(j).setPodReplacementPolicy("Failed")),
                ok("Indexed with parallelism at the limit", j -> {
                    indexed(j, 2);
                    spec(j).setParallelism(100_000);
                }),
                ok("high completions with backoffLimitPerIndex and bounded parallelism", j -> {
                    indexed(j, 1_000_000_000);
                    spec(j).setParallelism(10_000);
                    spec(j).setMaxFailedIndexes(10_000);
                    spec(j).setBackoffLimitPerIndex(1);
                }),
                ok("valid managedBy", j -> spec(j).setManagedBy("example.com/foo")),
                ok("user template labels kept", j -> podTemplateLabels(j, Map.of("app", "x"))),

                bad("managedBy too long", j -> spec(j).setManagedBy("example.com/" + "x".repeat(60)), "spec.managedBy"),
                bad("managedBy not a domain-prefixed path", j -> spec(j).setManagedBy("invalid custom controller name"),
                        "spec.managedBy"),
                bad("successPolicy requires Indexed", j -> spec(j).setSuccessPolicy(new SuccessPolicyBuilder().build()),
                        "spec.successPolicy"),
                bad("successPolicy without rules", j -> success(j), "spec.successPolicy.rules"),
                bad("success rule with neither field", j -> success(j, rule(null, null)), "spec.successPolicy.rules[0]"),
                bad("succeededIndexes malformed", j -> success(j, rule(null, "invalid-format")),
                        "spec.successPolicy.rules[0].succeededIndexes"),
                bad("succeededIndexes index too large", j -> success(j, rule(null, "5")),
                        "spec.successPolicy.rules[0].succeededIndexes"),
                bad("succeededIndexes out of order", j -> success(j, rule(null, "3,1")),
                        "spec.successPolicy.rules[0].succeededIndexes"),
                bad("succeededIndexes too long", j -> success(j, rule(null, "1".repeat(64 * 1024 + 1))),
                        "spec.successPolicy.rules[0].succeededIndexes", "spec.successPolicy.rules[0].succeededIndexes"),
                bad("succeededCount negative", j -> success(j, rule(-1, null)), "spec.successPolicy.rules[0].succeededCount"),
                bad("succeededCount above completions", j -> success(j, rule(6, null)),
                        "spec.successPolicy.rules[0].succeededCount"),
                bad("succeededCount above its indexes", j -> success(j, rule(4, "0-2")),
                        "spec.successPolicy.rules[0].succeededCount"),
                bad("too many success rules", j -> success(j, IntStream.range(0, 21).mapToObj(i -> rule(5, null))
                        .toArray(SuccessPolicyRule[]::new)), "spec.successPolicy.rules"),

                bad("explicit null lists in a decoded policy", j -> {
                    PodFailurePolicyRule r = onExit("FailJob", null, "In", 1);
                    r.setOnPodConditions(null);
                    r.getOnExitCodes().setValues(null);
                    pfp(j, r);
                }, "spec.podFailurePolicy.rules[0].onExitCodes.values"),
                bad("pod failure rule without requirement", j -> pfp(j, new PodFailurePolicyRuleBuilder()
                        .withAction("FailJob").build()), "spec.podFailurePolicy.rules[0]"),
                bad("duplicate exit code", j -> pfp(j, onExit("FailJob", null, "In", 11, 11)),
                        "spec.podFailurePolicy.rules[0].onExitCodes.values[1]"),
                bad("too many exit codes", j -> pfp(j, onExit("FailJob", null, "In",
                        IntStream.range(0, 256).toArray())),
                        "spec.podFailurePolicy.rules[0].onExitCodes.values",
                        "spec.podFailurePolicy.rules[0].onExitCodes.values[0]"),
                bad("too many pod failure rules", j -> pfp(j, IntStream.range(1, 22)
                        .mapToObj(i -> onExit("FailJob", null, "In", i)).toArray(PodFailurePolicyRule[]::new)),
                        "spec.podFailurePolicy.rules"),
                bad("too many condition patterns", j -> pfp(j, new PodFailurePolicyRuleBuilder().withAction("FailJob")
                        .withOnPodConditions(IntStream.range(0, 21).mapToObj(i ->
                                new PodFailurePolicyOnPodConditionsPatternBuilder().withType("Custom" + i)
                                        .withStatus("True").build()).toList()).build()),
                        "spec.podFailurePolicy.rules[0].onPodConditions"),
                bad("repeated duplicates", j -> pfp(j, onExit("FailJob", null, "In", 12, 13, 13, 13)),
                        "spec.podFailurePolicy.rules[0].onExitCodes.values[2]",
                        "spec.podFailurePolicy.rules[0].onExitCodes.values[3]"),
                bad("unordered exit codes", j -> pfp(j, onExit("FailJob", null, "In", 19, 11)),
                        "spec.podFailurePolicy.rules[0].onExitCodes.values"),
                bad("no exit codes", j -> pfp(j, onExit("FailJob", null, "In")),
                        "spec.podFailurePolicy.rules[0].onExitCodes.values"),
                bad("missing action", j -> pfp(j, onExit("", null, "In", 1)), "spec.podFailurePolicy.rules[0].action"),
                bad("missing operator", j -> pfp(j, onExit("FailJob", null, "", 1)),
                        "spec.podFailurePolicy.rules[0].onExitCodes.operator"),
                bad("both requirements", j -> pfp(j, new PodFailurePolicyRuleBuilder(onExit("FailJob", "abc", "In", 1))
                        .withOnPodConditions(new PodFailurePolicyOnPodConditionsPatternBuilder()
                                .withType("DisruptionTarget").withStatus("True").build()).build()),
                        "spec.podFailurePolicy.rules[0]"),
                bad("zero with In", j -> pfp(j, onExit("Ignore", null, "In", 1, 0, 2)),
                        "spec.podFailurePolicy.rules[0].onExitCodes.values[1]",
                        "spec.podFailurePolicy.rules[0].onExitCodes.values"),
                bad("unknown container", j -> pfp(j, onExit("Ignore", "abc", "In", 1), onExit("FailJob", "xyz", "In", 5)),
                        "spec.podFailurePolicy.rules[1].onExitCodes.containerName"),
                bad("unknown action", j -> pfp(j, onExit("UnknownAction", "abc", "In", 1)),
                        "spec.podFailurePolicy.rules[0].action"),
                bad("FailIndex without backoffLimitPerIndex", j -> pfp(j, onExit("FailIndex", null, "In", 1)),
                        "spec.podFailurePolicy.rules[0].action"),
                bad("unknown operator", j -> pfp(j, onExit("Ignore", null, "UnknownOperator", 1)),
                        "spec.podFailurePolicy.rules[0].onExitCodes.operator"),
                bad("unknown condition status", j -> pfp(j, onCondition("Ignore", "DisruptionTarget", "UnknownStatus")),
                        "spec.podFailurePolicy.rules[0].onPodConditions[0].status"),
                bad("empty condition type", j -> pfp(j, onCondition("Ignore", "", "True")),
                        "spec.podFailurePolicy.rules[0].onPodConditions[0].type",
                        "spec.podFailurePolicy.rules[0].onPodConditions[0].type"),
                bad("invalid condition type", j -> pfp(j, onCondition("Ignore", "Invalid Condition Type", "True")),
                        "spec.podFailurePolicy.rules[0].onPodConditions[0].type"),
                bad("TerminatingOrFailed with podFailurePolicy", j -> {
                    pfp(j, onCondition("Ignore", "DisruptionTarget", "True"));
                    spec(j).setPodReplacementPolicy("TerminatingOrFailed");
                }, "spec.podReplacementPolicy"),
                bad("empty podReplacementPolicy", j -> spec(j).setPodReplacementPolicy(""), "spec.podReplacementPolicy"),
                bad("OnFailure with podFailurePolicy", j -> spec(j).setPodFailurePolicy(new PodFailurePolicyBuilder().build()),
                        "spec.template.spec.restartPolicy"),

                bad("negative parallelism", j -> spec(j).setParallelism(-1), "spec.parallelism"),
                bad("negative completions", j -> spec(j).setCompletions(-1), "spec.completions"),
                bad("negative backoffLimit", j -> spec(j).setBackoffLimit(-1), "spec.backoffLimit"),
                bad("negative activeDeadlineSeconds", j -> spec(j).setActiveDeadlineSeconds(-1L),
                        "spec.activeDeadlineSeconds"),
                bad("negative ttlSecondsAfterFinished", j -> spec(j).setTtlSecondsAfterFinished(-1),
                        "spec.ttlSecondsAfterFinished"),
                bad("backoffLimitPerIndex requires Indexed", j -> spec(j).setBackoffLimitPerIndex(1),
                        "spec.backoffLimitPerIndex"),
                badAfter("negative backoffLimitPerIndex, Indexed without completions", j -> {
                    spec(j).setCompletionMode("Indexed");
                    spec(j).setBackoffLimitPerIndex(-1);
                    spec(j).setCompletions(null);
                }, "spec.backoffLimitPerIndex", "spec.completions"),
                bad("maxFailedIndexes above completions", j -> {
                    indexed(j, 10);
                    spec(j).setBackoffLimitPerIndex(1);
                    spec(j).setMaxFailedIndexes(11);
                }, "spec.maxFailedIndexes"),
                bad("maxFailedIndexes required above 100000 completions", j -> {
                    indexed(j, 100_001);
                    spec(j).setBackoffLimitPerIndex(1);
                }, "spec.maxFailedIndexes"),
                bad("parallelism bounded above 100000 completions", j -> {
                    indexed(j, 100_001);
                    spec(j).setParallelism(50_000);
                    spec(j).setBackoffLimitPerIndex(1);
                    spec(j).setMaxFailedIndexes(1);
                }, "spec.parallelism"),
                bad("maxFailedIndexes above both limits", j -> {
                    indexed(j, 100_001);
                    spec(j).setBackoffLimitPerIndex(1);
                    spec(j).setMaxFailedIndexes(100_001);
                }, "spec.maxFailedIndexes", "spec.maxFailedIndexes"),
                bad("maxFailedIndexes above the high-completions limit", j -> {
                    indexed(j, 100_001);
                    spec(j).setBackoffLimitPerIndex(1);
                    spec(j).setMaxFailedIndexes(50_000);
                }, "spec.maxFailedIndexes"),
                bad("negative maxFailedIndexes", j -> {
                    indexed(j, 10);
                    spec(j).setBackoffLimitPerIndex(1);
                    spec(j).setMaxFailedIndexes(-1);
                }, "spec.maxFailedIndexes"),
                bad("maxFailedIndexes without backoffLimitPerIndex", j -> {
                    indexed(j, 10);
                    spec(j).setMaxFailedIndexes(1);
                }, "spec.backoffLimitPerIndex"),
                badAfter("Indexed without completions", j -> {
                    spec(j).setCompletionMode("Indexed");
                    spec(j).setCompletions(null);
                }, "spec.completions"),
                bad("Indexed parallelism above 100000", j -> {
                    indexed(j, 2);
                    spec(j).setParallelism(100_001);
                }, "spec.parallelism"),
                bad("unknown completionMode", j -> spec(j).setCompletionMode("Bogus"), "spec.completionMode"),
                bad("Indexed pod hostname not a DNS label", j -> {
                    j.getMetadata().setName("x".repeat(60));
                    indexed(j, 1000);
                }, "metadata.name"),
                bad("name too long for the job-name label values", j -> j.getMetadata().setName("x".repeat(64)),
                        "spec.template.labels", "spec.template.labels"),

                badAfter("selector missing", j -> spec(j).setSelector(null),
                        "spec.selector", "spec.template.metadata.labels"),
                bad("manual selector not matching template", j -> manual(j, Map.of("a", "b"), Map.of("y", "z")),
                        "spec.template.metadata.labels"),
                bad("manual selector with bad operator", j -> {
                    manual(j, Map.of("a", "b"), Map.of("a", "b"));
                    spec(j).getSelector().setMatchExpressions(List.of(new io.fabric8.kubernetes.api.model
                            .LabelSelectorRequirementBuilder().withKey("a").withOperator("Like").build()));
                }, "spec.selector.matchExpressions[0].operator"),
                badAfter("selector not auto-generated", j -> spec(j).setSelector(new LabelSelectorBuilder()
                        .withMatchLabels(Map.of("a", "b")).build()), "spec.selector", "spec.template.metadata.labels"),
                badAfter("legacy controller-uid label missing", j -> podTemplateLabelsRemove(j, Labels.LEGACY_CONTROLLER_UID),
                        "spec.template.metadata.labels[controller-uid]"),
                badAfter("prefixed controller-uid label missing", j -> podTemplateLabelsRemove(j, Labels.CONTROLLER_UID),
                        "spec.template.metadata.labels[batch.kubernetes.io/controller-uid]",
                        "spec.template.metadata.labels"),
                bad("user label conflicts with generated job-name", j ->
                        podTemplateLabels(j, Map.of(Labels.LEGACY_JOB_NAME, "other")),
                        "spec.template.metadata.labels[job-name]"),
                bad("uid missing", j -> j.getMetadata().setUid(""), "metadata.uid"),

                bad("restartPolicy Always", j -> podSpec(j).setRestartPolicy("Always"), "spec.template.spec.restartPolicy"),
                bad("restartPolicy unset defaults to Always", j -> podSpec(j).setRestartPolicy(null),
                        "spec.template.spec.restartPolicy"),
                bad("restartPolicy unknown", j -> podSpec(j).setRestartPolicy("Invalid"),
                        "spec.template.spec.restartPolicy", "spec.template.spec.restartPolicy"),
                bad("container without image", j -> podSpec(j).getContainers().get(0).setImage(null),
                        "spec.template.spec.containers[0].image"),
                bad("no containers", j -> podSpec(j).setContainers(new ArrayList<>()), "spec.template.spec.containers"),
                bad("init container name clashes with a container", j -> podSpec(j).getInitContainers().get(0).setName("abc"),
                        "spec.template.spec.initContainers[0].name"),
                bad("mount of an unknown volume", j -> podSpec(j).getContainers().get(0).setVolumeMounts(List.of(
                        new VolumeMountBuilder().withName("data").withMountPath("/data").build())),
                        "spec.template.spec.containers[0].volumeMounts[0].name"),
                bad("ephemeral containers in template", j -> podSpec(j).setEphemeralContainers(List.of(
                        new io.fabric8.kubernetes.api.model.EphemeralContainerBuilder().withName("dbg").withImage("x")
                                .withTerminationMessagePolicy("File").withImagePullPolicy("Always").build())),
                        "spec.template.spec.ephemeralContainers"));
    }

    static Arguments ok(String name, Consumer<Job> in) {
        return Arguments.of(name, in, (Consumer<Job>) j -> { }, List.of());
    }

    static Arguments bad(String name, Consumer<Job> in, String... fields) {
        return Arguments.of(name, in, (Consumer<Job>) j -> { }, TestObjects.sorted(fields));
    }

    static Arguments badAfter(String name, Consumer<Job> out, String... fields) {
        return Arguments.of(name, (Consumer<Job>) j -> { }, out, TestObjects.sorted(fields));
    }

    static void indexed(Job j, int completions) {
        spec(j).setCompletionMode("Indexed");
        spec(j).setCompletions(completions);
    }

    static void manual(Job j, Map<String, String> selector, Map<String, String> labels) {
        spec(j).setManualSelector(true);
        spec(j).setSelector(new LabelSelectorBuilder().withMatchLabels(selector).build());
        podTemplateLabels(j, labels);
    }

    static void podTemplateLabels(Job j, Map<String, String> labels) {
        j.getSpec().getTemplate().setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withLabels(new java.util.HashMap<>(labels)).build());
    }

    static void podTemplateLabelsRemove(Job j, String key) {
        j.getSpec().getTemplate().getMetadata().getLabels().remove(key);
    }

    static void success(Job j, SuccessPolicyRule... rules) {
        indexed(j, 5);
        podSpec(j).setRestartPolicy("Never");
        spec(j).setSuccessPolicy(new SuccessPolicyBuilder().withRules(rules).build());
    }

    static void pfp(Job j, PodFailurePolicyRule... rules) {
        podSpec(j).setRestartPolicy("Never");
        spec(j).setPodFailurePolicy(new PodFailurePolicyBuilder().withRules(rules).build());
    }

    static SuccessPolicyRule rule(Integer count, String indexes) {
        return new SuccessPolicyRuleBuilder().withSucceededCount(count).withSucceededIndexes(indexes).build();
    }

    static PodFailurePolicyRule onExit(String action, String container, String operator, int... values) {
        return new PodFailurePolicyRuleBuilder().withAction(action).withNewOnExitCodes().withContainerName(container)
                .withOperator(operator).withValues(IntStream.of(values).boxed().toList()).endOnExitCodes().build();
    }

    static PodFailurePolicyRule onCondition(String action, String type, String status) {
        return new PodFailurePolicyRuleBuilder().withAction(action).withOnPodConditions(
                new PodFailurePolicyOnPodConditionsPatternBuilder().withType(type).withStatus(status).build()).build();
    }
}
