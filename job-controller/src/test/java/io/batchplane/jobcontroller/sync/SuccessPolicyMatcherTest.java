package io.batchplane.jobcontroller.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRuleBuilder;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SuccessPolicyMatcherTest {

    static SuccessPolicyRule rule(String indexes, Integer count) {
        return new SuccessPolicyRuleBuilder().withSucceededIndexes(indexes).withSucceededCount(count).build();
    }

    static SuccessPolicy policy(SuccessPolicyRule... rules) {
        SuccessPolicy p = new SuccessPolicy();
        p.setRules(List.of(rules));
        return p;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no policy", null, "0-9", null),
                Arguments.of("nothing succeeded", policy(rule(null, 1)), "", null),
                Arguments.of("all listed indexes succeeded", policy(rule("0,2", null)), "0-2", "Matched rules at index 0"),
                Arguments.of("a listed index missing", policy(rule("0,3", null)), "0-2", null),
                Arguments.of("count among listed indexes met", policy(rule("0-4", 2)), "1,3", "Matched rules at index 0"),
                Arguments.of("count among listed indexes not met", policy(rule("0-4", 3)), "1,3,7", null),
                Arguments.of("count alone met", policy(rule(null, 3)), "1,5,7", "Matched rules at index 0"),
                Arguments.of("count alone not met", policy(rule(null, 4)), "1,5,7", null),
                Arguments.of("second rule matches", policy(rule("9", null), rule(null, 1)), "0", "Matched rules at index 1"),
                Arguments.of("unparsable indexes skip the rule", policy(rule("a-b", null), rule(null, 1)), "0", "Matched rules at index 1"),
                Arguments.of("indexes beyond completions skip the rule", policy(rule("20-30", null)), "0-9", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches(String name, SuccessPolicy policy, String succeeded, String message) {
        assertEquals(Optional.ofNullable(message), SuccessPolicyMatcher.match(policy, 10, IndexIntervals.parse(succeeded, 10)));
    }
}
