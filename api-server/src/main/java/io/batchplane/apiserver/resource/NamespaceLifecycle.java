package io.batchplane.apiserver.resource;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.api.StatusReason;
import io.batchplane.apiserver.storage.ObjectKey;
import io.batchplane.apiserver.storage.RevisionStore;
import io.batchplane.apiserver.storage.StoreEvent;
import io.batchplane.apiserver.storage.StoredObject;
import io.batchplane.apiserver.storage.WatchEventType;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Namespace lifecycle admission, as upstream's plugin: no new content in a namespace that does not
 * exist or is being deleted. Answers from a cache of namespaces fed by the store's watch (like
 * upstream's informer), so the hot create path costs no extra read; a namespace the cache does not
 * know yet is read from the store.
 */
@ApplicationScoped
public class NamespaceLifecycle {

    private static final Logger LOG = Logger.getLogger(NamespaceLifecycle.class);

    @Inject
    RevisionStore store;

    /** Known namespaces: name → being deleted. */
    private final Map<String, Boolean> terminating = new ConcurrentHashMap<>();
    private Cancellable subscription;

    void start(@Observes StartupEvent event) {
        subscription = Multi.createFrom().deferred(this::namespaceEvents)
                .onFailure().invoke(f -> LOG.debugf("namespace watch ended (%s); relisting", f.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .subscribe().with(this::apply, f -> LOG.error("namespace cache stopped", f));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    /** Fails unless the namespace exists and is not being deleted. */
    public Uni<Void> acceptsContent(ResourceType type, String namespace) {
        if (!type.namespaced()) {
            return Uni.createFrom().voidItem();
        }
        Boolean deleting = terminating.get(namespace);
        if (Boolean.FALSE.equals(deleting)) {
            return Uni.createFrom().voidItem();
        }
        if (Boolean.TRUE.equals(deleting)) {
            return Uni.createFrom().failure(beingTerminated(type, namespace));
        }
        return store.get(new ObjectKey(ResourceType.NAMESPACES.resource(), "", namespace))
                .onFailure(ApiException.class).transform(e -> ((ApiException) e).reason() == StatusReason.NOT_FOUND
                        ? ApiException.notFound(ResourceType.NAMESPACES, namespace) : e)
                .map(ns -> {
                    if (isDeleting(ns)) {
                        throw beingTerminated(type, namespace);
                    }
                    return null;
                });
    }

    private Multi<StoreEvent> namespaceEvents() {
        return store.list(ResourceType.NAMESPACES.resource(), null, o -> true, 0, null).toMulti()
                .onItem().transformToMultiAndConcatenate(list -> {
                    terminating.clear();
                    list.items().forEach(ns -> terminating.put(ns.key().name(), isDeleting(ns)));
                    return store.watch(ResourceType.NAMESPACES.resource(), null, list.revision());
                });
    }

    private void apply(StoreEvent event) {
        if (event.type() == WatchEventType.BOOKMARK) {
            return;
        }
        String name = event.object().key().name();
        if (event.type() == WatchEventType.DELETED) {
            terminating.remove(name);
        } else {
            terminating.put(name, isDeleting(event.object()));
        }
    }

    private static boolean isDeleting(StoredObject namespace) {
        return namespace.object().path("metadata").hasNonNull("deletionTimestamp");
    }

    private static ApiException beingTerminated(ResourceType type, String namespace) {
        return ApiException.of(StatusReason.FORBIDDEN, type.resource() + " is forbidden: unable to create new "
                + "content in namespace " + namespace + " because it is being terminated");
    }
}
