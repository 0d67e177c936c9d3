package io.batchplane.apiserver.registry;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validation and matching of {@code metav1.LabelSelector}: matchLabels are ANDed with
 * matchExpressions. A null selector matches nothing and an empty one everything, as upstream's
 * {@code LabelSelectorAsSelector} does.
 */
public final class LabelSelectors {

    private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

    private LabelSelectors() {
    }

    public static List<StatusCause> validate(LabelSelector selector, String path) {
        List<StatusCause> errs = new ArrayList<>();
        if (selector == null) {
            return errs;
        }
        errs.addAll(ObjectMetaValidation.validateLabels(selector.getMatchLabels(), path + ".matchLabels"));
        List<LabelSelectorRequirement> exprs = selector.getMatchExpressions();
        for (int i = 0; exprs != null && i < exprs.size(); i++) {
            LabelSelectorRequirement r = exprs.get(i);
            String p = path + ".matchExpressions[" + i + "]";
            String op = r.getOperator() == null ? "" : r.getOperator();
            int values = r.getValues() == null ? 0 : r.getValues().size();
            switch (op) {
                case "In", "NotIn" -> {
                    if (values == 0) {
                        errs.add(FieldErrors.required(p + ".values",
                                "must be specified when `operator` is 'In' or 'NotIn'"));
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (values > 0) {
                        errs.add(FieldErrors.forbidden(p + ".values",
                                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    }
                }
                default -> errs.add(FieldErrors.invalid(p + ".operator", op, "not a valid selector operator"));
            }
            String key = r.getKey() == null ? "" : r.getKey();
            for (String msg : NameRules.qualifiedName(key)) {
                errs.add(FieldErrors.invalid(p + ".key", key, msg));
            }
        }
        return errs;
    }

    /** Whether the selector is well-formed enough to evaluate (upstream's conversion succeeds). */
    public static boolean convertible(LabelSelector selector) {
        if (selector == null) {
            return true;
        }
        for (LabelSelectorRequirement r : nullSafe(selector.getMatchExpressions())) {
            if (r.getOperator() == null || !OPERATORS.contains(r.getOperator())) {
                return false;
            }
        }
        return true;
    }

    /** Whether the selector selects {@code labels}; the matching itself is {@code selection.LabelSelector}'s. */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        return io.batchplane.apiserver.selection.LabelSelector.from(selector).matches(labels == null ? Map.of() : labels);
    }

    private static <E> List<E> nullSafe(List<E> list) {
        return list == null ? List.of() : list;
    }
}
