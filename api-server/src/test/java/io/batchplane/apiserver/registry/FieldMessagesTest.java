package io.batchplane.apiserver.registry;

import static io.batchplane.apiserver.registry.TestObjects.podSpec;
import static io.batchplane.apiserver.registry.TestObjects.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact reason and message of representative causes, as kube-apiserver words them (kubectl
 * prints them verbatim, so users and scripts depend on the wording).
 */
class FieldMessagesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void message(String name, Consumer<Job> in, String reason, String field, String message) {
        JobStrategy strategy = new JobStrategy();
        Job job = TestObjects.job();
        in.accept(job);
        strategy.prepareForCreate(job);
        List<StatusCause> causes = strategy.validate(job);
        assertEquals(1, causes.size(), causes::toString);
        assertEquals(reason, causes.get(0).getReason());
        assertEquals(field, causes.get(0).getField());
        assertEquals(message, causes.get(0).getMessage());
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("non-negative", (Consumer<Job>) j -> spec(j).setParallelism(-1), FieldErrors.INVALID,
                        "spec.parallelism", "Invalid value: -1: must be greater than or equal to 0"),
                Arguments.of("restartPolicy Always", (Consumer<Job>) j -> podSpec(j).setRestartPolicy("Always"),
                        FieldErrors.REQUIRED, "spec.template.spec.restartPolicy",
                        "Required value: valid values: \"OnFailure\", \"Never\""),
                Arguments.of("completionMode", (Consumer<Job>) j -> spec(j).setCompletionMode("Bogus"),
                        FieldErrors.NOT_SUPPORTED, "spec.completionMode",
                        "Unsupported value: \"Bogus\": supported values: \"NonIndexed\", \"Indexed\""),
                Arguments.of("managedBy", (Consumer<Job>) j -> spec(j).setManagedBy("example.com/" + "x".repeat(60)),
                        FieldErrors.TOO_LONG, "spec.managedBy", "Too long: may not be longer than 63"),
                Arguments.of("Indexed completions", (Consumer<Job>) j -> {
                    spec(j).setCompletionMode("Indexed");
                    spec(j).setParallelism(2);
                }, FieldErrors.REQUIRED, "spec.completions", "Required value: when completion mode is Indexed"),
                Arguments.of("pod failure action", (Consumer<Job>) j -> JobValidationTest.pfp(j,
                        JobValidationTest.onExit("", null, "In", 1)), FieldErrors.REQUIRED,
                        "spec.podFailurePolicy.rules[0].action",
                        "Required value: valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]"),
                Arguments.of("duplicate exit code", (Consumer<Job>) j -> JobValidationTest.pfp(j,
                        JobValidationTest.onExit("FailJob", null, "In", 11, 11)), FieldErrors.DUPLICATE,
                        "spec.podFailurePolicy.rules[0].onExitCodes.values[1]", "Duplicate value: 11"),
                Arguments.of("too many rules", (Consumer<Job>) j -> JobValidationTest.success(j,
                        java.util.stream.IntStream.range(0, 21).mapToObj(i -> JobValidationTest.rule(1, null))
                                .toArray(io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRule[]::new)),
                        FieldErrors.TOO_MANY, "spec.successPolicy.rules", "Too many: 21: must have at most 20 items"),
                Arguments.of("succeededIndexes", (Consumer<Job>) j -> JobValidationTest.success(j,
                        JobValidationTest.rule(null, "invalid-format")), FieldErrors.INVALID,
                        "spec.successPolicy.rules[0].succeededIndexes", "Invalid value: \"invalid-format\": error parsing "
                                + "succeededIndexes: cannot convert string to integer for index: \"invalid\""),
                Arguments.of("label conflict", (Consumer<Job>) j -> JobValidationTest.podTemplateLabels(j,
                        java.util.Map.of("job-name", "other")), FieldErrors.REQUIRED,
                        "spec.template.metadata.labels[job-name]", "Required value: must be 'myjob'"),
                Arguments.of("container name", (Consumer<Job>) j -> podSpec(j).getContainers().get(0).setName("A"),
                        FieldErrors.INVALID, "spec.template.spec.containers[0].name",
                        "Invalid value: \"A\": " + NameRules.LABEL_ERROR),
                Arguments.of("rule without requirement", (Consumer<Job>) j -> JobValidationTest.pfp(j,
                        new io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRuleBuilder().withAction("Ignore")
                                .build()), FieldErrors.INVALID, "spec.podFailurePolicy.rules[0]",
                        "Invalid value: specifying one of OnExitCodes and OnPodConditions is required"));
    }
}
