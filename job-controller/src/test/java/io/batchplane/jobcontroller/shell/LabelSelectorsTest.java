package io.batchplane.jobcontroller.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorsTest {

    static LabelSelector expr(String key, String op, String... values) {
        return new LabelSelectorBuilder().addNewMatchExpression().withKey(key).withOperator(op).withValues(values).endMatchExpression().build();
    }

    static Stream<Arguments> cases() {
        Map<String, String> labels = Map.of("app", "web", "tier", "front");
        return Stream.of(
                Arguments.of("null selector selects nothing", null, labels, false),
                Arguments.of("empty selector selects everything", new LabelSelector(), labels, true),
                Arguments.of("matchLabels equal", new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build(), labels, true),
                Arguments.of("matchLabels differ", new LabelSelectorBuilder().withMatchLabels(Map.of("app", "db")).build(), labels, false),
                Arguments.of("matchLabels missing key", new LabelSelectorBuilder().withMatchLabels(Map.of("x", "y")).build(), labels, false),
                Arguments.of("In matches", expr("app", "In", "db", "web"), labels, true),
                Arguments.of("In needs the key", expr("zone", "In", "a"), labels, false),
                Arguments.of("NotIn matches other value", expr("app", "NotIn", "db"), labels, true),
                Arguments.of("NotIn matches absent key", expr("zone", "NotIn", "a"), labels, true),
                Arguments.of("NotIn rejects listed value", expr("app", "NotIn", "web"), labels, false),
                Arguments.of("Exists", expr("tier", "Exists"), labels, true),
                Arguments.of("DoesNotExist", expr("tier", "DoesNotExist"), labels, false),
                Arguments.of("unknown operator selects nothing", expr("tier", "Gt", "1"), labels, false),
                Arguments.of("no labels on the pod", new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build(), null, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches(String name, LabelSelector selector, Map<String, String> labels, boolean expected) {
        assertEquals(expected, LabelSelectors.matches(selector, labels));
    }
}
