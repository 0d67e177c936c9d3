package io.batchplane.apiserver.selection;

import io.batchplane.api.ApiException;
import io.batchplane.apiserver.selection.LabelRequirement.Operator;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector: a conjunction of {@link LabelRequirement}s matched against an object's
 * labels. Built from the string syntax of {@code ?labelSelector=} / gRPC {@code label_selector}
 * ({@link #parse}) or from the structured selector of a Job spec ({@link #from}).
 *
 * <p>As in Kubernetes, the empty selector matches everything, while a missing structured selector
 * ({@code from(null)}) matches nothing.
 */
public final class LabelSelector {

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), true);
    private static final LabelSelector NOTHING = new LabelSelector(List.of(), false);

    private final List<LabelRequirement> requirements;
    private final boolean matchesWhenEmpty;

    private LabelSelector(List<LabelRequirement> requirements, boolean matchesWhenEmpty) {
        List<LabelRequirement> sorted = new ArrayList<>(requirements);
        sorted.sort(Comparator.comparing(LabelRequirement::key));
        this.requirements = List.copyOf(sorted);
        this.matchesWhenEmpty = matchesWhenEmpty;
    }

    /** The selector that matches every object. */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** The selector that matches no object (what a missing structured selector means). */
    public static LabelSelector nothing() {
        return NOTHING;
    }

    /**
     * Parses the string syntax ({@code a=b,c!=d,e in (x,y),f notin (z),g,!h}); {@code null} or blank
     * means everything.
     *
     * @throws ApiException BadRequest with kube-apiserver's wording when the string is not valid
     */
    public static LabelSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        return new LabelSelector(LabelSelectorParser.parse(selector), true);
    }

    /**
     * Converts a structured selector (matchLabels and matchExpressions with In, NotIn, Exists,
     * DoesNotExist): {@code null} matches nothing, an empty one matches everything.
     *
     * @throws ApiException BadRequest when an operator is unknown or a key or value is invalid
     */
    public static LabelSelector from(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        if (selector == null) {
            return NOTHING;
        }
        List<LabelRequirement> requirements = new ArrayList<>();
        try {
            Map<String, String> matchLabels = selector.getMatchLabels();
            if (matchLabels != null) {
                matchLabels.forEach((k, v) -> requirements.add(LabelRequirement.of(k, Operator.EQUALS, Set.of(v))));
            }
            List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
            if (expressions != null) {
                for (LabelSelectorRequirement e : expressions) {
                    Set<String> values = e.getValues() == null ? Set.of() : Set.copyOf(e.getValues());
                    requirements.add(LabelRequirement.of(e.getKey(), operatorOf(e.getOperator()), values));
                }
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return new LabelSelector(requirements, true);
    }

    private static Operator operatorOf(String op) {
        return switch (op == null ? "" : op) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
            default -> throw new IllegalArgumentException("\"" + op + "\" is not a valid label selector operator");
        };
    }

    /** Whether {@code labels} (null reads as no labels) satisfies every requirement. */
    public boolean matches(Map<String, String> labels) {
        if (requirements.isEmpty()) {
            return matchesWhenEmpty;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        for (LabelRequirement r : requirements) {
            if (!r.matches(actual)) {
                return false;
            }
        }
        return true;
    }

    /** True for the selector that matches everything (no requirements). */
    public boolean isEmpty() {
        return requirements.isEmpty() && matchesWhenEmpty;
    }

    /** The requirements, sorted by key. */
    public List<LabelRequirement> requirements() {
        return requirements;
    }

    /** The selector in the string syntax, requirements sorted by key. */
    @Override
    public String toString() {
        return requirements.stream().map(LabelRequirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSelector other && other.requirements.equals(requirements)
                && other.matchesWhenEmpty == matchesWhenEmpty;
    }

    @Override
    public int hashCode() {
        return requirements.hashCode() * 31 + Boolean.hashCode(matchesWhenEmpty);
    }
}
