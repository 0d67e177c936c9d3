package io.batchplane.jobcontroller.sync;

import static io.batchplane.jobcontroller.sync.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRuleBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodFailurePolicyMatcherTest {

    static PodFailurePolicyRule exitRule(String action, String operator, String container, Integer... codes) {
        return new PodFailurePolicyRuleBuilder().withAction(action).withNewOnExitCodes()
                .withOperator(operator).withContainerName(container).withValues(List.of(codes)).endOnExitCodes().build();
    }

    static PodFailurePolicyRule conditionRule(String action, String type, String status) {
        return new PodFailurePolicyRuleBuilder().withAction(action)
                .addNewOnPodCondition().withType(type).withStatus(status).endOnPodCondition().build();
    }

    static PodFailurePolicy policy(PodFailurePolicyRule... rules) {
        return new PodFailurePolicyBuilder().withRules(List.of(rules)).build();
    }

    static Stream<Arguments> cases() {
        Pod exit42 = pod("Failed").name("p").exit("main", 42).build();
        Pod exit1 = pod("Failed").name("p").exit("main", 1).build();
        Pod sidecar42 = pod("Failed").name("p").exit("main", 0).exit("sidecar", 42).build();
        Pod disrupted = pod("Failed").name("p").exit("main", 137).condition("DisruptionTarget", "True").build();
        Pod running = pod("Running").name("p").build();
        return Stream.of(
                Arguments.of("no policy counts", null, exit42, null, true, null),
                Arguments.of("FailJob on exit code In",
                        policy(exitRule("FailJob", "In", null, 42)), exit42, "FailJob", true,
                        "Container main for pod ns/p failed with exit code 42 matching FailJob rule at index 0"),
                Arguments.of("exit code not listed falls through",
                        policy(exitRule("FailJob", "In", null, 42)), exit1, null, true, null),
                Arguments.of("NotIn matches other codes",
                        policy(exitRule("Ignore", "NotIn", null, 42)), exit1, "Ignore", false, null),
                Arguments.of("NotIn does not match listed codes",
                        policy(exitRule("Ignore", "NotIn", null, 42)), exit42, null, true, null),
                Arguments.of("exit code 0 never matches NotIn",
                        policy(exitRule("Ignore", "NotIn", "main", 42)), sidecar42, null, true, null),
                Arguments.of("containerName restricts the match",
                        policy(exitRule("Count", "In", "main", 42)), sidecar42, null, true, null),
                Arguments.of("containerName selects the sidecar",
                        policy(exitRule("Count", "In", "sidecar", 42)), sidecar42, "Count", true, null),
                Arguments.of("first matching rule wins",
                        policy(exitRule("Ignore", "In", null, 42), exitRule("FailJob", "In", null, 42)), exit42, "Ignore", false, null),
                Arguments.of("later rule used when earlier does not match",
                        policy(exitRule("Ignore", "In", null, 7), exitRule("FailIndex", "In", null, 42)), exit42, "FailIndex", true, null),
                Arguments.of("Ignore on DisruptionTarget",
                        policy(conditionRule("Ignore", "DisruptionTarget", "True")), disrupted, "Ignore", false, null),
                Arguments.of("condition status must match",
                        policy(conditionRule("Ignore", "DisruptionTarget", "False")), disrupted, null, true, null),
                Arguments.of("FailJob on condition has a message",
                        policy(conditionRule("FailJob", "DisruptionTarget", "True")), disrupted, "FailJob", true,
                        "Pod ns/p has condition DisruptionTarget matching FailJob rule at index 0"),
                Arguments.of("running container has no exit code",
                        policy(exitRule("FailJob", "NotIn", null, 0)), running, null, true, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches(String name, PodFailurePolicy policy, Pod pod, String action, boolean counts, String message) {
        PodFailurePolicyMatcher.Match match = PodFailurePolicyMatcher.match(policy, pod);
        assertEquals(action, match.action());
        assertEquals(counts, match.countsAsFailure());
        assertEquals(message, match.failJobMessage());
    }
}
