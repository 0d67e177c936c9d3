package io.batchplane.apiserver.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorTest {

    private static final Map<String, String> LABELS = Map.of(
            "app", "web", "tier", "front", "batch.kubernetes.io/job-name", "pi", "count", "5", "empty", "");

    static Stream<Arguments> matching() {
        return Stream.of(
                arguments("empty string matches all", "", true),
                arguments("blank string matches all", "   ", true),
                arguments("equals hit", "app=web", true),
                arguments("equals miss", "app=db", false),
                arguments("double equals", "app==web", true),
                arguments("not equals on other value", "app!=db", true),
                arguments("not equals on same value", "app!=web", false),
                arguments("not equals on absent key", "zone!=a", true),
                arguments("prefixed key", "batch.kubernetes.io/job-name=pi", true),
                arguments("in hit", "tier in (back,front)", true),
                arguments("in miss", "tier in (back)", false),
                arguments("in on absent key", "zone in (a)", false),
                arguments("notin hit", "tier notin (back)", true),
                arguments("notin miss", "tier notin (front,back)", false),
                arguments("notin on absent key", "zone notin (a)", true),
                arguments("exists", "app", true),
                arguments("exists absent", "zone", false),
                arguments("does not exist", "!zone", true),
                arguments("does not exist present", "!app", false),
                arguments("comma is and: both hold", "app=web,tier=front", true),
                arguments("comma is and: one fails", "app=web,tier=back", false),
                arguments("whitespace tolerated", "  app = web ,  tier in ( front , back ) , ! zone ", true),
                arguments("empty value equals empty label", "empty=", true),
                arguments("empty value does not equal absent", "zone=", false),
                arguments("empty set member", "empty in (,x)", true),
                arguments("empty parens mean empty value", "empty in ()", true),
                arguments("in and notin as values", "app notin (in,notin)", true),
                arguments("key named in", "in", false),
                arguments("greater than", "count>4", true),
                arguments("greater than miss", "count>5", false),
                arguments("less than", "count<6", true),
                arguments("greater than on non-number label", "app>1", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matching")
    void matchesLabels(String name, String selector, boolean expected) {
        assertEquals(expected, LabelSelector.parse(selector).matches(LABELS));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("missing value after in", "a in", "unable to parse requirement: found '' expected: '('"),
                arguments("unclosed set", "a in (x", "unable to parse requirement: found '', expected: ',', or identifier"),
                arguments("two values without comma", "a in (x y)", "unable to parse requirement: found 'y', expected: ',' or ')'"),
                arguments("unknown operator word", "a foo b", "unable to parse requirement: found 'foo', expected: in, notin, =, ==, !=, gt, lt"),
                arguments("trailing comma", "a=b,", "found '', expected: identifier after ','"),
                arguments("two terms without comma", "a=b c=d", "found 'c', expected: ',' or 'end of string'"),
                arguments("leading operator", "=a", "found '=', expected: !, identifier, or 'end of string'"),
                arguments("bang with operator", "!a=b", "found '=', expected: ',' or 'end of string'"),
                arguments("unknown symbol run", "a=!b", "unable to parse requirement: found '!', expected: identifier"),
                arguments("invalid key", "-a=b", "unable to parse requirement: key: Invalid value: \"-a\": name part must consist of"),
                arguments("empty prefix", "/a", "unable to parse requirement: key: Invalid value: \"/a\": prefix part must be non-empty"),
                arguments("invalid value", "a=b$", "unable to parse requirement: values[a]: Invalid value: \"b$\": a valid label must be"),
                arguments("value too long", "a=" + "x".repeat(64), "must be no more than 63 characters"),
                arguments("doubled bang", "a!!b", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"),
                arguments("non-integer gt", "a>b", "for 'Gt', 'Lt' operators, the value must be an integer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsInvalidSyntax(String name, String selector, String messageStart) {
        ApiException e = assertThrows(ApiException.class, () -> LabelSelector.parse(selector));
        assertEquals(StatusReason.BAD_REQUEST, e.reason());
        assertTrue(e.getMessage().startsWith(messageStart) || e.getMessage().contains(messageStart),
                () -> "message was: " + e.getMessage());
    }

    @Test
    void everythingIsEmptyAndMatchesAll() {
        assertTrue(LabelSelector.everything().isEmpty());
        assertTrue(LabelSelector.everything().matches(null));
        assertFalse(LabelSelector.parse("a").isEmpty());
    }

    @Test
    void printsCanonicalForm() {
        assertEquals("a in (x,y),!b,c=d", LabelSelector.parse(" c = d , a in (y,x), !b ").toString());
        assertEquals(LabelSelector.parse("a=b,c"), LabelSelector.parse("c , a=b"));
    }

    static Stream<Arguments> structured() {
        return Stream.of(
                arguments("matchLabels hit", new LabelSelectorBuilder().addToMatchLabels("app", "web").build(), true),
                arguments("matchLabels miss", new LabelSelectorBuilder().addToMatchLabels("app", "db").build(), false),
                arguments("In", expr("tier", "In", "front", "back"), true),
                arguments("NotIn", expr("tier", "NotIn", "front"), false),
                arguments("Exists", expr("app", "Exists"), true),
                arguments("DoesNotExist", expr("app", "DoesNotExist"), false),
                arguments("labels and expressions together", new LabelSelectorBuilder().addToMatchLabels("app", "web")
                        .addNewMatchExpression().withKey("zone").withOperator("DoesNotExist").endMatchExpression().build(), true),
                arguments("empty selector matches all", new LabelSelectorBuilder().build(), true),
                arguments("null selector matches nothing", null, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structured")
    void convertsStructuredSelector(String name, io.fabric8.kubernetes.api.model.LabelSelector selector, boolean expected) {
        assertEquals(expected, LabelSelector.from(selector).matches(LABELS));
    }

    static Stream<Arguments> invalidStructured() {
        return Stream.of(
                arguments("unknown operator", expr("a", "Gt", "1"), "\"Gt\" is not a valid label selector operator"),
                arguments("In without values", expr("a", "In"), "values set can't be empty"),
                arguments("Exists with values", expr("a", "Exists", "x"), "values set must be empty"),
                arguments("bad key", expr("a b", "Exists"), "key: Invalid value: \"a b\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidStructured")
    void rejectsInvalidStructuredSelector(String name, io.fabric8.kubernetes.api.model.LabelSelector selector, String fragment) {
        ApiException e = assertThrows(ApiException.class, () -> LabelSelector.from(selector));
        assertEquals(StatusReason.BAD_REQUEST, e.reason());
        assertTrue(e.getMessage().contains(fragment), () -> "message was: " + e.getMessage());
    }

    @Test
    void nullStructuredSelectorIsNotEmpty() {
        assertFalse(LabelSelector.from(null).isEmpty());
        assertTrue(LabelSelector.from(new LabelSelectorBuilder().build()).isEmpty());
    }

    private static io.fabric8.kubernetes.api.model.LabelSelector expr(String key, String op, String... values) {
        return new LabelSelectorBuilder().addNewMatchExpression().withKey(key).withOperator(op)
                .withValues(values).endMatchExpression().build();
    }
}
