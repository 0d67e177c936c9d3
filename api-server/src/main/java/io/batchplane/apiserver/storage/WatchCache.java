package io.batchplane.apiserver.storage;

import io.batchplane.api.ApiException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Predicate;

/**
 * The per-process ring of recent events from which watchers are served. It holds every event with
 * {@code startRevision < revision <= lastRevision}, contiguous (revisions are dense, and
 * {@link #append} refuses a gap). A watcher whose start lies inside the ring is served from it and
 * then live; an older one first replays the log through {@link LogReader} (which fails with Expired
 * past the compacted revision) while live events wait in its own buffer. Each watcher tracks the last
 * revision it was given, so no event is delivered twice or out of order.
 *
 * <p>Events are emitted while holding this cache's lock; subscribers that do heavy work should hop
 * threads ({@code emitOn}) first.
 */
final class WatchCache {

    private final int capacity;
    private final LogReader reader;
    private final int pageSize;
    private final ArrayDeque<StoreEvent> ring = new ArrayDeque<>();
    /** Copy-on-write: the fan-out iterates it for every event, watchers come and go rarely. */
    private final Set<Watcher> watchers = new CopyOnWriteArraySet<>();
    private long startRevision;
    private long lastRevision;

    WatchCache(long startRevision, int capacity, LogReader reader, int pageSize) {
        this.startRevision = startRevision;
        this.lastRevision = startRevision;
        this.capacity = capacity;
        this.reader = reader;
        this.pageSize = pageSize;
    }

    synchronized long lastRevision() {
        return lastRevision;
    }

    synchronized int watcherCount() {
        return watchers.size();
    }

    /** Adds events that follow {@link #lastRevision()} in revision order; already seen ones are skipped. */
    synchronized void append(List<StoreEvent> events) {
        for (StoreEvent event : events) {
            if (event.revision() <= lastRevision) {
                continue;
            }
            if (event.revision() != lastRevision + 1) {
                throw new IllegalStateException("revision log gap: expected " + (lastRevision + 1)
                        + ", got " + event.revision());
            }
            ring.addLast(event);
            if (ring.size() > capacity) {
                startRevision = ring.removeFirst().revision();
            }
            lastRevision = event.revision();
            for (Watcher watcher : watchers) {
                watcher.offer(event);
            }
        }
    }

    /** Forgets all history and ends every watch with {@code reason}; the cache restarts at {@code revision}. */
    synchronized void reset(long revision, ApiException reason) {
        ring.clear();
        startRevision = revision;
        lastRevision = revision;
        for (Watcher watcher : List.copyOf(watchers)) {
            watcher.emitter.fail(reason);
        }
        watchers.clear();
    }

    /** Sends every live watcher a BOOKMARK at the newest revision it is known to have seen. */
    synchronized void bookmark() {
        for (Watcher watcher : List.copyOf(watchers)) {
            if (watcher.live) {
                watcher.emitter.emit(StoreEvent.bookmark(Math.max(lastRevision, watcher.lastDelivered)));
            }
        }
    }

    /** Every change of {@code resource} (in {@code namespace}, or all when null) after revision {@code from}. */
    Multi<StoreEvent> watch(String resource, String namespace, long from) {
        return watch(resource, namespace, from, object -> true);
    }

    /**
     * As {@link #watch(String, String, long)}, only the changes whose object passes {@code filter}.
     * Filtering here, in plain code under the lock, rather than in a reactive operator per watcher
     * keeps the fan-out of one event to many narrow watchers (say, one per node) cheap.
     */
    Multi<StoreEvent> watch(String resource, String namespace, long from, Predicate<StoredObject> filter) {
        return Multi.createFrom().emitter(emitter -> {
            Watcher watcher = new Watcher(resource, namespace, filter, from, emitter);
            emitter.onTermination(() -> remove(watcher));
            long replayUpTo = -1;
            synchronized (this) {
                watchers.add(watcher);
                if (from >= startRevision) {
                    ring.forEach(watcher::deliver);
                    watcher.live = true;
                } else {
                    watcher.pending.addAll(ring);
                    replayUpTo = startRevision;
                }
            }
            if (replayUpTo >= 0) {
                replay(watcher, replayUpTo);
            }
        }, BackPressureStrategy.BUFFER);
    }

    private synchronized void remove(Watcher watcher) {
        watchers.remove(watcher);
    }

    private void replay(Watcher watcher, long upTo) {
        long after;
        synchronized (this) {
            after = watcher.lastDelivered;
        }
        reader.read(after, upTo, pageSize).subscribe().with(events -> {
            synchronized (this) {
                events.forEach(watcher::deliver);
            }
            if (events.size() == pageSize && watcher.lastDelivered < upTo) {
                replay(watcher, upTo);
            } else {
                goLive(watcher);
            }
        }, failure -> {
            remove(watcher);
            watcher.emitter.fail(failure);
        });
    }

    private synchronized void goLive(Watcher watcher) {
        if (!watchers.contains(watcher)) {
            return;
        }
        watcher.pending.forEach(watcher::deliver);
        watcher.pending.clear();
        watcher.live = true;
    }

    /** One subscriber; all fields are guarded by the cache's lock. */
    private static final class Watcher {
        final String resource;
        final String namespace;
        final Predicate<StoredObject> filter;
        final MultiEmitter<? super StoreEvent> emitter;
        final List<StoreEvent> pending = new ArrayList<>();
        long lastDelivered;
        boolean live;

        Watcher(String resource, String namespace, Predicate<StoredObject> filter, long from,
                MultiEmitter<? super StoreEvent> emitter) {
            this.resource = resource;
            this.namespace = namespace;
            this.filter = filter;
            this.lastDelivered = from;
            this.emitter = emitter;
        }

        void offer(StoreEvent event) {
            if (live) {
                deliver(event);
            } else {
                pending.add(event);
            }
        }

        void deliver(StoreEvent event) {
            if (event.revision() <= lastDelivered) {
                return;
            }
            lastDelivered = event.revision();
            ObjectKey key = event.object().key();
            if (key.resource().equals(resource) && (namespace == null || namespace.equals(key.namespace()))
                    && filter.test(event.object())) {
                emitter.emit(event);
            }
        }
    }
}
