package io.batchplane.scheduler.decision;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;

/**
 * Whether a node satisfies a pod's {@code nodeSelector} and its required node affinity
 * ({@code requiredDuringSchedulingIgnoredDuringExecution}); both must hold. Kubernetes' rules:
 * <ul>
 * <li>{@code nodeSelector}: every key/value must be among the node's labels;</li>
 * <li>the required selector's terms are ORed; a term's requirements are ANDed; a term with no
 * requirements matches nothing; a selector with no terms matches nothing;</li>
 * <li>label operators: {@code In}/{@code NotIn} (a missing label is "not in"), {@code Exists},
 * {@code DoesNotExist}, {@code Gt}/{@code Lt} (one integer value, compared with the label parsed as an
 * integer; a missing or non-integer label fails);</li>
 * <li>{@code matchFields} supports only {@code metadata.name} with {@code In}/{@code NotIn}.</li>
 * </ul>
 * An unknown operator or field never matches.
 */
public final class NodeAffinity {

    private NodeAffinity() {
    }

    /** Whether {@code node} satisfies both the pod's nodeSelector and its required node affinity. */
    public static boolean matches(Pod pod, Node node) {
        PodSpec spec = pod.getSpec();
        if (spec == null) {
            return true;
        }
        Map<String, String> labels = labels(node);
        Map<String, String> selector = spec.getNodeSelector();
        if (selector != null) {
            for (Map.Entry<String, String> e : selector.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        NodeSelector required = spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null ? null
                : spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        return required == null || matches(required, node);
    }

    /** Whether {@code node} matches {@code selector} (its terms ORed). */
    public static boolean matches(NodeSelector selector, Node node) {
        List<NodeSelectorTerm> terms = selector.getNodeSelectorTerms();
        if (terms == null) {
            return false;
        }
        Map<String, String> labels = labels(node);
        String name = node.getMetadata().getName();
        return terms.stream().anyMatch(t -> termMatches(t, labels, name));
    }

    private static boolean termMatches(NodeSelectorTerm term, Map<String, String> labels, String name) {
        List<NodeSelectorRequirement> exprs = term.getMatchExpressions() == null ? List.of() : term.getMatchExpressions();
        List<NodeSelectorRequirement> fields = term.getMatchFields() == null ? List.of() : term.getMatchFields();
        if (exprs.isEmpty() && fields.isEmpty()) {
            return false;
        }
        return exprs.stream().allMatch(r -> labelMatches(r, labels))
                && fields.stream().allMatch(r -> fieldMatches(r, name));
    }

    private static boolean labelMatches(NodeSelectorRequirement r, Map<String, String> labels) {
        String value = labels.get(r.getKey());
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        switch (r.getOperator() == null ? "" : r.getOperator()) {
            case "In":
                return value != null && values.contains(value);
            case "NotIn":
                return value == null || !values.contains(value);
            case "Exists":
                return value != null;
            case "DoesNotExist":
                return value == null;
            case "Gt":
            case "Lt":
                if (value == null || values.size() != 1) {
                    return false;
                }
                try {
                    long have = Long.parseLong(value);
                    long want = Long.parseLong(values.get(0));
                    return "Gt".equals(r.getOperator()) ? have > want : have < want;
                } catch (NumberFormatException e) {
                    return false;
                }
            default:
                return false;
        }
    }

    private static boolean fieldMatches(NodeSelectorRequirement r, String nodeName) {
        if (!"metadata.name".equals(r.getKey())) {
            return false;
        }
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        return switch (r.getOperator() == null ? "" : r.getOperator()) {
            case "In" -> values.contains(nodeName);
            case "NotIn" -> !values.contains(nodeName);
            default -> false;
        };
    }

    private static Map<String, String> labels(Node node) {
        Map<String, String> l = node.getMetadata().getLabels();
        return l == null ? Map.of() : l;
    }
}
