package io.batchplane.client;

import io.batchplane.api.ResourceType;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** Finds the served {@link ResourceType} of a fabric8 model class from its group/version/kind annotations. */
public final class ResourceTypes {

    private static final ClassValue<ResourceType> BY_CLASS = new ClassValue<>() {
        @Override
        protected ResourceType computeValue(Class<?> type) {
            @SuppressWarnings("unchecked")
            Class<? extends HasMetadata> c = (Class<? extends HasMetadata>) type;
            String apiVersion = HasMetadata.getApiVersion(c);
            String kind = HasMetadata.getKind(c);
            return ResourceType.byKind(apiVersion, kind).orElseThrow(() -> new IllegalArgumentException(
                    "batchplane does not serve " + apiVersion + " " + kind + " (" + type.getName() + ")"));
        }
    };

    private ResourceTypes() {
    }

    /** The served kind of {@code type}; IllegalArgumentException when batchplane does not serve it. */
    public static ResourceType of(Class<? extends HasMetadata> type) {
        return BY_CLASS.get(type);
    }
}
