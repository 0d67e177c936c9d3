package io.batchplane.client.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/** The index functions controllers share, with the index names they are registered under by convention. */
public final class Indexers {

    public static final String NAMESPACE = "namespace";
    public static final String OWNER_UID = "ownerUid";
    public static final String POD_NODE_NAME = "spec.nodeName";

    private Indexers() {
    }

    /** Objects by {@code metadata.namespace}. */
    public static <T extends HasMetadata> IndexFunction<T> byNamespace() {
        return o -> {
            String ns = o.getMetadata().getNamespace();
            return ns == null || ns.isEmpty() ? List.of() : List.of(ns);
        };
    }

    /** Objects by the uid of each of their owners (owner references). */
    public static <T extends HasMetadata> IndexFunction<T> byOwnerUid() {
        return o -> {
            List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
            return refs == null ? List.of() : refs.stream().map(OwnerReference::getUid).toList();
        };
    }

    /** Pods by {@code spec.nodeName}; unbound pods are not indexed. */
    public static IndexFunction<Pod> podsByNodeName() {
        return p -> {
            String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
            return node == null || node.isEmpty() ? List.of() : List.of(node);
        };
    }

    /** Objects by the value of label {@code key}; objects without the label are not indexed. */
    public static <T extends HasMetadata> IndexFunction<T> byLabel(String key) {
        return o -> {
            Map<String, String> labels = o.getMetadata().getLabels();
            String v = labels == null ? null : labels.get(key);
            return v == null ? List.of() : List.of(v);
        };
    }
}
