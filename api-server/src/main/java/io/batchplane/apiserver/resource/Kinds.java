package io.batchplane.apiserver.resource;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.api.StatusReason;
import io.batchplane.apiserver.registry.ResourceStrategy;
import io.batchplane.apiserver.registry.Strategies;
import io.batchplane.apiserver.storage.ObjectKey;

/** Resolves the resource names and keys requests carry into served kinds and store keys. */
public final class Kinds {

    private Kinds() {
    }

    /** The served kind for a plural resource name; anything else is a 404 as kube-apiserver answers. */
    public static ResourceType resolve(String resource) {
        return ResourceType.byResource(resource).orElseThrow(() -> ApiException.of(StatusReason.NOT_FOUND,
                "the server could not find the requested resource (resource \"" + resource + "\")"));
    }

    @SuppressWarnings("unchecked")
    public static ResourceStrategy<io.fabric8.kubernetes.api.model.HasMetadata> strategy(ResourceType type) {
        return (ResourceStrategy<io.fabric8.kubernetes.api.model.HasMetadata>) Strategies.forType(type);
    }

    /**
     * The store key of one object. Namespaced kinds need a namespace; cluster-scoped kinds ignore
     * one. A name is required.
     */
    public static ObjectKey key(ResourceType type, String namespace, String name) {
        if (name == null || name.isEmpty()) {
            throw ApiException.badRequest("resource name may not be empty");
        }
        return new ObjectKey(type.resource(), namespaceOf(type, namespace), name);
    }

    /** The namespace part of a key: required for namespaced kinds, always empty for the others. */
    public static String namespaceOf(ResourceType type, String namespace) {
        if (!type.namespaced()) {
            return "";
        }
        if (namespace == null || namespace.isEmpty()) {
            throw ApiException.badRequest("a namespace is required for " + type.resource());
        }
        return namespace;
    }
}
