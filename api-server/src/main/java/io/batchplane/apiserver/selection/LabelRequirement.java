package io.batchplane.apiserver.selection;

import io.batchplane.apiserver.registry.NameRules;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One term of a label selector: a key, an operator and (for the operators that take them) values.
 * Construction validates the term the way kube-apiserver does, so an invalid term never exists.
 */
public record LabelRequirement(String key, Operator operator, SortedSet<String> values) {

    /** The selector operators, with the spelling the string syntax uses. */
    public enum Operator {
        IN("in"), NOT_IN("notin"), EQUALS("="), DOUBLE_EQUALS("=="), NOT_EQUALS("!="),
        EXISTS("exists"), DOES_NOT_EXIST("!"), GREATER_THAN("gt"), LESS_THAN("lt");

        private final String spelling;

        Operator(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    /**
     * Validates and builds a requirement.
     *
     * @throws IllegalArgumentException when the key, the values or their number do not fit the operator;
     *     the message names the bad field as kube-apiserver does (callers turn it into a BadRequest)
     */
    public LabelRequirement {
        values = new TreeSet<>(values);
        List<String> keyErrors = NameRules.qualifiedName(key);
        if (!keyErrors.isEmpty()) {
            throw invalid("key", key, String.join("; ", keyErrors));
        }
        switch (operator) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) {
                    throw invalid("values", "", "for 'in', 'notin' operators, values set can't be empty");
                }
            }
            case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
                if (values.size() != 1) {
                    throw invalid("values", String.join(",", values), "exact-match compatibility requires one single value");
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) {
                    throw invalid("values", String.join(",", values), "values set must be empty for exists and does not exist");
                }
            }
            case GREATER_THAN, LESS_THAN -> {
                if (values.size() != 1) {
                    throw invalid("values", String.join(",", values), "for 'Gt', 'Lt' operators, exactly one value is required");
                }
                if (parseLong(values.first()) == null) {
                    throw invalid("values[0]", values.first(), "for 'Gt', 'Lt' operators, the value must be an integer");
                }
            }
            default -> throw new IllegalStateException("unknown operator " + operator);
        }
        for (String value : values) {
            List<String> valueErrors = NameRules.labelValue(value);
            if (!valueErrors.isEmpty()) {
                throw invalid("values[" + key + "]", value, String.join("; ", valueErrors));
            }
        }
        values = Collections.unmodifiableSortedSet(values);
    }

    /** Builds a requirement from any collection of values (duplicates collapse, order is irrelevant). */
    public static LabelRequirement of(String key, Operator operator, Collection<String> values) {
        return new LabelRequirement(key, operator, new TreeSet<>(values));
    }

    /** Whether a set of labels satisfies this term. */
    public boolean matches(Map<String, String> labels) {
        String actual = labels.get(key);
        boolean present = labels.containsKey(key);
        return switch (operator) {
            case IN, EQUALS, DOUBLE_EQUALS -> present && values.contains(actual);
            case NOT_IN, NOT_EQUALS -> !present || !values.contains(actual);
            case EXISTS -> present;
            case DOES_NOT_EXIST -> !present;
            case GREATER_THAN, LESS_THAN -> {
                Long have = present ? parseLong(actual) : null;
                if (have == null) {
                    yield false;
                }
                long want = parseLong(values.first());
                yield operator == Operator.GREATER_THAN ? have > want : have < want;
            }
        };
    }

    /** The term in the string syntax, e.g. {@code app in (a,b)} or {@code !tier}. */
    @Override
    public String toString() {
        return switch (operator) {
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
            case IN, NOT_IN -> key + " " + operator.spelling() + " (" + String.join(",", values) + ")";
            case GREATER_THAN -> key + ">" + values.first();
            case LESS_THAN -> key + "<" + values.first();
            default -> key + operator.spelling() + values.first();
        };
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static IllegalArgumentException invalid(String field, String value, String detail) {
        return new IllegalArgumentException(field + ": Invalid value: \"" + value + "\": " + detail);
    }
}
