package io.batchplane.apiserver.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, without I/O, what a batch of writes does given the objects' current revisions: each
 * write's compare-and-swap is checked on its own, in batch order, against the state left by the
 * writes before it; each write that passes gets the next revision after {@code baseRevision}; a
 * write that fails gets its error and changes nothing. The result is the rows to write: the final
 * state of every touched key and one log row per successful write.
 */
final class BatchPlan {

    /** An object's state as stored: its revision and JSON (already stamped with that revision). */
    record Current(long revision, String json) {
    }

    /** One log row to insert. */
    record LogRow(long revision, ObjectKey key, WatchEventType type, String json) {
    }

    /** What a write returns: the stored object, or the error that rejected it. */
    record Outcome(StoredObject result, ApiException error) {
    }

    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<LogRow> log = new ArrayList<>();
    /** Final state per touched key; a null value means the key ends up deleted. */
    private final Map<ObjectKey, Current> finalState = new LinkedHashMap<>();
    private long lastRevision;

    private BatchPlan(long baseRevision) {
        this.lastRevision = baseRevision;
    }

    /**
     * Plans {@code ops} in order. {@code current} holds the stored state of the keys that exist
     * (a key absent from the map does not exist).
     */
    static BatchPlan plan(long baseRevision, List<WriteOp> ops, Map<ObjectKey, Current> current) {
        BatchPlan plan = new BatchPlan(baseRevision);
        Map<ObjectKey, Current> state = new HashMap<>(current);
        for (WriteOp op : ops) {
            plan.outcomes.add(plan.apply(op, state));
        }
        return plan;
    }

    private Outcome apply(WriteOp op, Map<ObjectKey, Current> state) {
        ObjectKey key = op.key();
        Current existing = state.get(key);
        ApiException error = check(op, existing);
        if (error != null) {
            return new Outcome(null, error);
        }
        long revision = ++lastRevision;
        ObjectNode stamped = ObjectJson.stamp(op.kind() == WriteOp.Kind.DELETE
                ? ObjectJson.read(existing.json()) : op.object(), revision);
        String json = ObjectJson.write(stamped);
        WatchEventType type = switch (op.kind()) {
            case CREATE -> WatchEventType.ADDED;
            case UPDATE -> WatchEventType.MODIFIED;
            case DELETE -> WatchEventType.DELETED;
        };
        Current next = type == WatchEventType.DELETED ? null : new Current(revision, json);
        if (next == null) {
            state.remove(key);
        } else {
            state.put(key, next);
        }
        finalState.put(key, next);
        log.add(new LogRow(revision, key, type, json));
        return new Outcome(new StoredObject(key, revision, stamped, json), null);
    }

    private static ApiException check(WriteOp op, Current existing) {
        ObjectKey key = op.key();
        ResourceType type = typeOf(key.resource());
        if (op.kind() == WriteOp.Kind.CREATE) {
            return existing == null ? null : ApiException.alreadyExists(type, key.name());
        }
        if (existing == null) {
            return ApiException.notFound(type, key.name());
        }
        if (op.expectedRevision() != 0 && op.expectedRevision() != existing.revision()) {
            return ApiException.conflict(type, key.name(), op.kind() == WriteOp.Kind.UPDATE
                    ? "the object has been modified; please apply your changes to the latest version and try again"
                    : "the ResourceVersion in the precondition (" + op.expectedRevision()
                            + ") does not match the ResourceVersion in record (" + existing.revision()
                            + "). The object might have been modified");
        }
        return null;
    }

    /** The served kind for error messages; an unknown resource is named as given. */
    static ResourceType typeOf(String resource) {
        return ResourceType.byResource(resource)
                .orElseGet(() -> new ResourceType(resource, "", "v1", resource, true));
    }

    List<Outcome> outcomes() {
        return outcomes;
    }

    List<LogRow> log() {
        return log;
    }

    /** The final state of every key the batch changed; null = deleted. */
    Map<ObjectKey, Current> finalState() {
        return finalState;
    }

    /** The revision of the batch's last successful write (the base revision if none succeeded). */
    long lastRevision() {
        return lastRevision;
    }
}
