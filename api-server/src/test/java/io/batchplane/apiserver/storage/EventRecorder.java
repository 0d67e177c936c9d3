package io.batchplane.apiserver.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.ArrayList;
import java.util.List;

/** Subscribes to a watch and records what it delivers, for assertions. */
final class EventRecorder implements AutoCloseable {

    private final List<StoreEvent> events = new ArrayList<>();
    private final Cancellable subscription;
    private volatile Throwable failure;

    EventRecorder(Multi<StoreEvent> watch) {
        subscription = watch.subscribe().with(this::add, f -> failure = f);
    }

    private synchronized void add(StoreEvent event) {
        events.add(event);
    }

    synchronized List<StoreEvent> changes() {
        return events.stream().filter(e -> e.type() != WatchEventType.BOOKMARK).toList();
    }

    synchronized List<StoreEvent> bookmarks() {
        return events.stream().filter(e -> e.type() == WatchEventType.BOOKMARK).toList();
    }

    List<Long> revisions() {
        return changes().stream().map(StoreEvent::revision).toList();
    }

    Throwable failure() {
        return failure;
    }

    /** Waits until a change at or after {@code revision} arrived; fails the test on timeout or watch failure. */
    void awaitRevision(long revision) {
        long deadline = System.nanoTime() + StoreTesting.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (failure != null) {
                fail("watch failed", failure);
            }
            List<Long> seen = revisions();
            if (!seen.isEmpty() && seen.get(seen.size() - 1) >= revision) {
                return;
            }
            sleep(20);
        }
        fail("watch did not reach revision " + revision + "; saw " + revisions().size() + " events");
    }

    /** Waits until the watch failed and returns the failure. */
    Throwable awaitFailure() {
        long deadline = System.nanoTime() + StoreTesting.TIMEOUT.toNanos();
        while (failure == null && System.nanoTime() < deadline) {
            sleep(20);
        }
        assertTrue(failure != null, "watch did not fail");
        return failure;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        subscription.cancel();
    }
}
