package io.batchplane.apiserver.resource;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.apiserver.storage.ObjectKey;
import io.batchplane.apiserver.storage.RevisionStore;
import io.batchplane.apiserver.storage.StoredObject;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A read-modify-write of one key that starts from the version this process saw last instead of
 * reading the database, as upstream's {@code GuaranteedUpdate} starts from the watch cache's copy,
 * and that retries on a fresh read whenever its compare-and-swap write loses to a concurrent write.
 * Almost every update follows this process's own write of the same object (a pod is bound, started,
 * finished, released by its Job), so the remembered version is almost always current and the read
 * would be a wasted round trip.
 *
 * <p>The remembered version may be stale, so the attempt based on it counts only if it ended in a
 * write: the write is a compare-and-swap on that version's revision, so it can only succeed if the
 * version was current. Every other outcome — a lost race or NotFound from the write, any 4xx raised
 * while preparing the change (validation sees the old object), a no-op, a dry run — is discarded and
 * the attempt runs again on a fresh read, whose outcome stands. A 5xx is returned as is, since the
 * write may have committed. Attempts must therefore have no effect other than their write, made
 * through {@link #write}.
 *
 * <p>A lost race on a fresh read is retried on the next fresh read (each round one writer wins, so
 * every request gets through); only the attempt's own checks — a resourceVersion or uid precondition,
 * a pod already bound — answer Conflict. Upstream retries without limit; the bound here only keeps
 * a pathological case from spinning forever.
 */
final class GuaranteedUpdate {

    /** Fresh reads after lost races before the Conflict is returned after all. */
    static final int MAX_LOST_RACES = 1000;

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
        Uni<StoredObject> fresh = Uni.createFrom().deferred(read::get).chain(current -> attempt.apply(current))
                .onFailure(LostRace.class).retry().atMost(MAX_LOST_RACES)
                .onFailure(LostRace.class).transform(Throwable::getCause);
        return Uni.createFrom().deferred(() -> {
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

    /**
     * The attempt's compare-and-swap write (an update or delete at the revision the attempt read): a
     * Conflict from it means a concurrent write won, which {@link #run} retries on a fresh read.
     */
    static Uni<StoredObject> write(Uni<StoredObject> compareAndSwap) {
        return compareAndSwap.onFailure(GuaranteedUpdate::isConflict).transform(LostRace::new);
    }

    private static boolean isConflict(Throwable e) {
        return e instanceof ApiException api && api.reason() == StatusReason.CONFLICT;
    }

    /** Rejected before or by the compare-and-swap (a client error or a lost race), so nothing committed. */
    private static boolean nothingWritten(Throwable failure) {
        return failure instanceof LostRace || failure instanceof ApiException api && api.reason().httpCode() < 500;
    }

    /** A compare-and-swap write that lost to a concurrent write; the cause is the store's Conflict. */
    private static final class LostRace extends RuntimeException {
        LostRace(Throwable conflict) {
            super(conflict.getMessage(), conflict, false, false);
        }
    }
}
