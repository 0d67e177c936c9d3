package io.batchplane.apiserver.resource;

import io.batchplane.api.ApiException;
import io.batchplane.apiserver.storage.ObjectKey;
import io.batchplane.apiserver.storage.RevisionStore;
import io.batchplane.apiserver.storage.StoredObject;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A read-modify-write of one key that starts from the version this process saw last instead of
 * reading the database, as upstream's {@code GuaranteedUpdate} starts from the watch cache's copy.
 * Almost every update follows this process's own write of the same object (a pod is bound, started,
 * finished, released by its Job), so the remembered version is almost always current and the read
 * would be a wasted round trip.
 *
 * <p>The remembered version may be stale, so the attempt based on it counts only if it ended in a
 * write: the write is a compare-and-swap on that version's revision, so it can only succeed if the
 * version was current. Every other outcome — a Conflict or NotFound from the write, any 4xx raised
 * while preparing the change (validation sees the old object), a no-op, a dry run — is discarded and
 * the attempt runs again on a fresh read, whose outcome stands. A 5xx is returned as is, since the
 * write may have committed. Attempts must therefore have no effect other than their write.
 */
final class GuaranteedUpdate {

    private GuaranteedUpdate() {
    }

    /**
     * Runs {@code attempt} on the current version of {@code key}; the attempt returns the written
     * object (a revision above its input's) or, when nothing was written, anything at its input's
     * revision.
     */
    static Uni<StoredObject> run(RevisionStore store, ObjectKey key, Function<StoredObject, Uni<StoredObject>> attempt) {
        return run(() -> store.recent(key), () -> store.get(key), attempt);
    }

    /**
     * As {@link #run(RevisionStore, ObjectKey, Function)}, with the remembered version (null = none)
     * and the database read given as functions, looked up anew on every subscription.
     */
    static Uni<StoredObject> run(Supplier<StoredObject> remembered, Supplier<Uni<StoredObject>> read,
            Function<StoredObject, Uni<StoredObject>> attempt) {
        return Uni.createFrom().deferred(() -> {
            Uni<StoredObject> fresh = Uni.createFrom().deferred(read::get).chain(current -> attempt.apply(current));
            StoredObject hint = remembered.get();
            if (hint == null) {
                return fresh;
            }
            return Uni.createFrom().deferred(() -> attempt.apply(hint))
                    .map(result -> result.revision() > hint.revision() ? result : null)
                    .onFailure(GuaranteedUpdate::nothingWritten).recoverWithNull()
                    .chain(written -> written != null ? Uni.createFrom().item(written) : fresh);
        });
    }

    /** A client error: the attempt was rejected before or by the compare-and-swap, so nothing committed. */
    private static boolean nothingWritten(Throwable failure) {
        return failure instanceof ApiException api && api.reason().httpCode() < 500;
    }
}
