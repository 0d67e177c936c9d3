package io.batchplane.jobcontroller.shell;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a {@code metav1.LabelSelector} against labels: every matchLabels pair and every matchExpressions
 * requirement (In, NotIn, Exists, DoesNotExist) must hold. A null selector selects nothing (as upstream treats a
 * nil selector for controllers); an empty one selects everything. An unknown operator selects nothing.
 */
public final class LabelSelectors {
    private LabelSelectors() {
    }

    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> l = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(l.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                if (!holds(r, l)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(LabelSelectorRequirement r, Map<String, String> labels) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        boolean has = labels.containsKey(r.getKey());
        switch (r.getOperator() == null ? "" : r.getOperator()) {
            case "In":
                return has && values.contains(labels.get(r.getKey()));
            case "NotIn":
                return !has || !values.contains(labels.get(r.getKey()));
            case "Exists":
                return has;
            case "DoesNotExist":
                return !has;
            default:
                return false;
        }
    }
}
