package io.batchplane.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.Finalizers;
import io.batchplane.api.ResourceType;
import io.batchplane.api.StatusReason;
import io.batchplane.api.v1.PropagationPolicy;
import io.batchplane.apiserver.resource.Admission;
import io.batchplane.apiserver.resource.DeleteOptions;
import io.batchplane.apiserver.resource.ResourceDeletes;
import io.batchplane.apiserver.resource.ResourceWrites;
import io.batchplane.apiserver.storage.ObjectKey;
import io.batchplane.apiserver.storage.RevisionStore;
import io.batchplane.apiserver.storage.StoreEvent;
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
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Owner-reference garbage collection inside the API server, as upstream's garbage collector does
 * it: dependents of a deleted owner are deleted once no owner of theirs is left; {@code orphan}
 * deletions strip the owner reference from dependents first; {@code foregroundDeletion} deletes
 * the dependents and only then lets the owner go. Changes are handled one at a time, in the order
 * the store's watches deliver them; an owner that looks absent is confirmed by a live read first.
 */
@ApplicationScoped
public class GarbageCollector {

    private static final Logger LOG = Logger.getLogger(GarbageCollector.class);

    @Inject
    RevisionStore store;
    @Inject
    ResourceWrites writes;
    @Inject
    ResourceDeletes deletes;
    @Inject
    NamespaceCleanup namespaces;
    @Inject
    GcConfig config;

    private final OwnerGraph graph = new OwnerGraph();
    private Cancellable subscription;

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        subscription = Multi.createFrom().deferred(this::events)
                .onItem().transformToUniAndConcatenate(e -> handle(e)
                        .onFailure().invoke(f -> LOG.warnf("garbage collection of %s failed: %s", describe(e), f.getMessage()))
                        .onFailure().recoverWithNull())
                .onFailure().invoke(f -> LOG.warn("garbage collector watch ended; restarting", f))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .subscribe().with(ignored -> { }, f -> LOG.error("garbage collector stopped", f));
        namespaces.start(config.namespaceSweepInterval());
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
        namespaces.stop();
    }

    /** Lists every kind, then watches each from the revision of its list. */
    private Multi<StoreEvent> events() {
        List<Multi<StoreEvent>> watches = new ArrayList<>();
        for (ResourceType type : ResourceType.ALL) {
            watches.add(store.list(type.resource(), null, o -> true, 0, null).toMulti().onItem().transformToMultiAndConcatenate(list -> {
                List<StoreEvent> initial = list.items().stream()
                        .map(o -> new StoreEvent(WatchEventType.ADDED, o.revision(), o)).toList();
                return Multi.createBy().concatenating().streams(Multi.createFrom().iterable(initial),
                        store.watch(type.resource(), null, list.revision()));
            }));
        }
        return Multi.createBy().merging().streams(watches);
    }

    private Uni<Void> handle(StoreEvent event) {
        if (event.type() == WatchEventType.BOOKMARK) {
            return Uni.createFrom().voidItem();
        }
        ObjectKey key = event.object().key();
        ObjectNode object = event.object().object();
        String uid = object.path("metadata").path("uid").asText("");
        if (event.type() == WatchEventType.DELETED) {
            List<OwnerGraph.Owner> owners = graph.ownersOf(key);
            graph.remove(key, object);
            return Multi.createFrom().iterable(graph.dependentsOf(uid))
                    .onItem().transformToUniAndConcatenate(dependent -> ownerGone(dependent, uid))
                    .collect().last()
                    .chain(() -> recheckForegroundOwners(owners)).replaceWithVoid();
        }
        graph.upsert(key, object);
        JsonNode metadata = object.path("metadata");
        List<Uni<Void>> steps = new ArrayList<>();
        if (metadata.hasNonNull("deletionTimestamp")) {
            List<String> finalizers = textList(metadata.path("finalizers"));
            if (finalizers.contains(Finalizers.ORPHAN)) {
                steps.add(orphanDependents(key, uid));
            }
            if (finalizers.contains(Finalizers.FOREGROUND_DELETION)) {
                steps.add(deleteDependentsThenRelease(key, uid));
            }
            if (key.resource().equals(ResourceType.NAMESPACES.resource())) {
                namespaces.terminating(key.name());
            }
        }
        for (OwnerGraph.Owner owner : graph.ownersOf(key)) {
            if (!graph.isLive(owner.uid())) {
                steps.add(ownerGone(key, owner.uid()));
            }
        }
        return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(u -> u)
                .collect().last().replaceWithVoid();
    }

    /** An owner of {@code dependent} seems gone: confirm, then drop the reference or the dependent. */
    private Uni<Void> ownerGone(ObjectKey dependent, String ownerUid) {
        OwnerGraph.Owner owner = graph.ownersOf(dependent).stream().filter(o -> o.uid().equals(ownerUid))
                .findFirst().orElse(null);
        if (owner == null) {
            return Uni.createFrom().voidItem();
        }
        return ownerExists(dependent, owner).chain(exists -> {
            if (exists) {
                return Uni.createFrom().voidItem();
            }
            boolean anotherOwnerAlive = graph.ownersOf(dependent).stream()
                    .anyMatch(o -> !o.uid().equals(ownerUid) && graph.isLive(o.uid()));
            return anotherOwnerAlive ? removeOwnerReference(dependent, ownerUid) : delete(dependent);
        });
    }

    private Uni<Boolean> ownerExists(ObjectKey dependent, OwnerGraph.Owner owner) {
        ResourceType type = ResourceType.byKind(owner.apiVersion(), owner.kind()).orElse(null);
        if (type == null) {
            return Uni.createFrom().item(false);
        }
        ObjectKey ownerKey = new ObjectKey(type.resource(), type.namespaced() ? dependent.namespace() : "", owner.name());
        return store.get(ownerKey)
                .map(o -> owner.uid().equals(o.object().path("metadata").path("uid").asText()))
                .onFailure(GarbageCollector::notFound).recoverWithItem(false);
    }

    private Uni<Void> orphanDependents(ObjectKey owner, String uid) {
        return Multi.createFrom().iterable(graph.dependentsOf(uid))
                .onItem().transformToUniAndConcatenate(d -> removeOwnerReference(d, uid))
                .collect().last()
                .chain(() -> removeFinalizer(owner, Finalizers.ORPHAN));
    }

    private Uni<Void> deleteDependentsThenRelease(ObjectKey owner, String uid) {
        if (graph.dependentsOf(uid).isEmpty()) {
            return removeFinalizer(owner, Finalizers.FOREGROUND_DELETION);
        }
        return Multi.createFrom().iterable(graph.dependentsOf(uid))
                .onItem().transformToUniAndConcatenate(this::delete)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> recheckForegroundOwners(List<OwnerGraph.Owner> owners) {
        return Multi.createFrom().iterable(owners)
                .filter(o -> graph.isLive(o.uid()) && graph.dependentsOf(o.uid()).isEmpty())
                .onItem().transformToUniAndConcatenate(o -> store.get(graph.keyOf(o.uid()))
                        .chain(current -> textList(current.object().path("metadata").path("finalizers"))
                                .contains(Finalizers.FOREGROUND_DELETION)
                                ? removeFinalizer(current.key(), Finalizers.FOREGROUND_DELETION)
                                : Uni.createFrom().voidItem())
                        .onFailure(GarbageCollector::notFound).recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> removeOwnerReference(ObjectKey dependent, String ownerUid) {
        return writes.change(Admission.SYSTEM, ResourceType.byResource(dependent.resource()).orElseThrow(), dependent,
                "patch", "", 0, false, false, stored -> {
                    ObjectNode current = stored.deepCopy();
                    JsonNode refs = current.path("metadata").path("ownerReferences");
                    com.fasterxml.jackson.databind.node.ArrayNode kept = current.arrayNode();
                    refs.forEach(ref -> {
                        if (!ownerUid.equals(ref.path("uid").asText())) {
                            kept.add(ref);
                        }
                    });
                    if (kept.isEmpty()) {
                        current.with("metadata").remove("ownerReferences");
                    } else {
                        current.with("metadata").set("ownerReferences", kept);
                    }
                    return current;
                }).replaceWithVoid().onFailure(GarbageCollector::notFound).recoverWithNull();
    }

    private Uni<Void> removeFinalizer(ObjectKey key, String finalizer) {
        return writes.change(Admission.SYSTEM, ResourceType.byResource(key.resource()).orElseThrow(), key,
                "patch", "", 0, false, false, stored -> {
                    ObjectNode current = stored.deepCopy();
                    List<String> finalizers = textList(current.path("metadata").path("finalizers"));
                    finalizers.remove(finalizer);
                    if (finalizers.isEmpty()) {
                        current.with("metadata").remove("finalizers");
                    } else {
                        com.fasterxml.jackson.databind.node.ArrayNode array = current.with("metadata").putArray("finalizers");
                        finalizers.forEach(array::add);
                    }
                    return current;
                }).replaceWithVoid().onFailure(GarbageCollector::notFound).recoverWithNull();
    }

    private Uni<Void> delete(ObjectKey key) {
        DeleteOptions background = new DeleteOptions("", "", PropagationPolicy.BACKGROUND, null, false);
        return deletes.delete(Admission.SYSTEM, key, background).replaceWithVoid()
                .onFailure(GarbageCollector::notFound).recoverWithNull();
    }

    static boolean notFound(Throwable t) {
        return t instanceof ApiException api && api.reason() == StatusReason.NOT_FOUND;
    }

    static List<String> textList(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String describe(StoreEvent e) {
        return e.object() == null ? e.type().name() : e.type() + " " + e.object().key();
    }
}
