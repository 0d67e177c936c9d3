package io.batchplane.apiserver.gc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.Finalizers;
import io.batchplane.api.ResourceType;
import io.batchplane.api.v1.PropagationPolicy;
import io.batchplane.apiserver.resource.Admission;
import io.batchplane.apiserver.resource.DeleteOptions;
import io.batchplane.apiserver.resource.ResourceDeletes;
import io.batchplane.apiserver.storage.ObjectKey;
import io.batchplane.apiserver.storage.RevisionStore;
import io.batchplane.apiserver.storage.StoredObject;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Empties namespaces that are being deleted, as upstream's namespace controller: every object in
 * them is deleted (pods gracefully), and once nothing is left the {@code kubernetes} finalizer is
 * dropped and the namespace itself goes. Swept periodically until done.
 */
@ApplicationScoped
public class NamespaceCleanup {

    private static final Logger LOG = Logger.getLogger(NamespaceCleanup.class);

    @Inject
    RevisionStore store;
    @Inject
    ResourceDeletes deletes;
    @Inject
    Vertx vertx;

    private final Set<String> terminating = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private long timer = -1;

    void start(Duration interval) {
        timer = vertx.setPeriodic(Math.max(100, interval.toMillis()), id -> sweep());
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Notes a namespace that has a deletionTimestamp; the next sweep empties it. */
    void terminating(String namespace) {
        terminating.add(namespace);
    }

    private void sweep() {
        if (terminating.isEmpty() || !sweeping.compareAndSet(false, true)) {
            return;
        }
        Multi.createFrom().iterable(List.copyOf(terminating))
                .onItem().transformToUniAndConcatenate(ns -> empty(ns)
                        .onFailure().invoke(f -> LOG.warnf("cleaning namespace %s: %s", ns, f.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().last()
                .subscribe().with(ignored -> sweeping.set(false), f -> sweeping.set(false));
    }

    /** Deletes what is left in the namespace; finalizes it when nothing is. */
    private Uni<Void> empty(String namespace) {
        List<ResourceType> kinds = ResourceType.ALL.stream().filter(ResourceType::namespaced).toList();
        return Multi.createFrom().iterable(kinds)
                .onItem().transformToUniAndConcatenate(type -> store.list(type.resource(), namespace, o -> true, 0, null))
                .onItem().transformToMultiAndConcatenate(list -> Multi.createFrom().iterable(list.items()))
                .onItem().transformToUniAndConcatenate(this::deleteUnlessDeleting)
                .collect().asList()
                .chain(remaining -> remaining.isEmpty() ? finalizeNamespace(namespace) : Uni.createFrom().voidItem());
    }

    private Uni<StoredObject> deleteUnlessDeleting(StoredObject object) {
        if (object.object().path("metadata").hasNonNull("deletionTimestamp")) {
            return Uni.createFrom().item(object);
        }
        DeleteOptions background = new DeleteOptions("", "", PropagationPolicy.BACKGROUND, null, false);
        return deletes.delete(Admission.SYSTEM, object.key(), background)
                .onFailure(GarbageCollector::notFound).recoverWithItem(object);
    }

    /** Drops the {@code kubernetes} finalizer; with no metadata finalizers left the namespace is removed. */
    private Uni<Void> finalizeNamespace(String namespace) {
        ObjectKey key = new ObjectKey(ResourceType.NAMESPACES.resource(), "", namespace);
        return store.get(key).chain(current -> {
            ObjectNode updated = current.object().deepCopy();
            ArrayNode kept = updated.arrayNode();
            updated.path("spec").path("finalizers").forEach(f -> {
                if (!Finalizers.KUBERNETES.equals(f.asText())) {
                    kept.add(f);
                }
            });
            updated.with("spec").set("finalizers", kept);
            boolean metadataFinalizers = updated.path("metadata").path("finalizers").size() > 0;
            if (kept.isEmpty() && !metadataFinalizers) {
                return store.delete(key, current.revision());
            }
            return store.update(key, current.revision(), updated);
        }).invoke(() -> terminating.remove(namespace))
                .onFailure(GarbageCollector::notFound).invoke(() -> terminating.remove(namespace))
                .onFailure(GarbageCollector::notFound).recoverWithNull()
                .replaceWithVoid();
    }
}
