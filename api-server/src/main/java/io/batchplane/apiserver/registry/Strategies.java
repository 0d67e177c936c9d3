package io.batchplane.apiserver.registry;

import io.batchplane.api.ResourceType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The one {@link ResourceStrategy} of each served kind. Strategies are stateless and shared. */
public final class Strategies {

    private static final Map<ResourceType, ResourceStrategy<?>> BY_TYPE = List.<ResourceStrategy<?>>of(
                    new NamespaceStrategy(), new PodStrategy(), new NodeStrategy(), new EventStrategy(),
                    new LeaseStrategy(), new JobStrategy(), new CronJobStrategy())
            .stream().collect(Collectors.toUnmodifiableMap(ResourceStrategy::type, Function.identity()));

    private Strategies() {
    }

    /**
     * The strategy of {@code type}.
     *
     * @throws IllegalArgumentException for a kind batchplane does not serve
     */
    public static ResourceStrategy<?> forType(ResourceType type) {
        ResourceStrategy<?> s = BY_TYPE.get(type);
        if (s == null) {
            throw new IllegalArgumentException("no strategy for " + type.resource());
        }
        return s;
    }

    /**
     * The strategy of {@code type}, typed by its model class, for callers that hold a decoded object.
     *
     * @throws IllegalArgumentException when {@code modelClass} is not the kind's model class
     */
    @SuppressWarnings("unchecked")
    public static <T extends HasMetadata> ResourceStrategy<T> forType(ResourceType type, Class<T> modelClass) {
        ResourceStrategy<?> s = forType(type);
        if (!s.modelClass().equals(modelClass)) {
            throw new IllegalArgumentException(type.resource() + " objects are " + s.modelClass().getName());
        }
        return (ResourceStrategy<T>) s;
    }
}
