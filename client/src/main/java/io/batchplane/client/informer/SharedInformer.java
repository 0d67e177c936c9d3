package io.batchplane.client.informer;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.client.ListOptions;
import io.batchplane.client.ResourceClient;
import io.batchplane.client.WatchEvent;
import io.batchplane.client.clock.Clock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps an {@link Indexer} in step with the API server for one kind and selection, and tells
 * handlers about every change, as client-go's shared informer does:
 * <ul>
 * <li>lists (page by page, one snapshot), then watches from the list's revision;</li>
 * <li>after a dropped watch, resumes from the last revision it saw (events or bookmarks), so no
 * change is missed or repeated; consecutive failures back off per {@link WatchBackoff};</li>
 * <li>when the server says the revision is too old (Expired/Gone), relists and reconciles: objects
 * that vanished in the gap are reported with {@code onDelete(last, finalStateUnknown=true)};</li>
 * <li>every {@code resyncPeriod} (if positive) replays {@code onUpdate(o, o)} for every cached object.</li>
 * </ul>
 * All cache writes and handler calls happen on one thread per informer, in revision order; the cache
 * is updated before handlers run. {@link #hasSynced()} turns true once the first list is applied.
 */
public final class SharedInformer<T extends HasMetadata> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SharedInformer.class);
    private static final long PAGE_SIZE = 500;

    private final ResourceClient client;
    private final Class<T> type;
    private final ListOptions selection;
    private final Duration resyncPeriod;
    private final Clock clock;
    private final WatchBackoff backoff;
    private final Indexer<T> indexer = new Indexer<>();
    private final List<ResourceEventHandler<T>> handlers = new CopyOnWriteArrayList<>();
    private final ExecutorService thread;
    private final CountDownLatch synced = new CountDownLatch(1);

    // Confined to `thread`.
    private long lastResourceVersion;
    private int failures;
    private long generation;
    private Cancellable watch;
    private Clock.Timer retryTimer;
    private Clock.Timer resyncTimer;
    private volatile boolean started;
    private volatile boolean stopped;

    public SharedInformer(ResourceClient client, Class<T> type, ListOptions selection, Duration resyncPeriod,
            Clock clock, WatchBackoff backoff) {
        this.client = client;
        this.type = type;
        this.selection = selection;
        this.resyncPeriod = resyncPeriod;
        this.clock = clock;
        this.backoff = backoff;
        String name = "informer-" + type.getSimpleName().toLowerCase();
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** An informer over all objects of {@code type} with no resync and default backoff. */
    public SharedInformer(ResourceClient client, Class<T> type, Clock clock) {
        this(client, type, ListOptions.all(), Duration.ZERO, clock, WatchBackoff.DEFAULT);
    }

    /** The cache this informer fills; register indexes before {@link #start()}. */
    public Indexer<T> indexer() {
        return indexer;
    }

    /** Adds a handler; added after start, it first receives {@code onAdd} for every cached object. */
    public synchronized void addEventHandler(ResourceEventHandler<T> handler) {
        if (!started) {
            handlers.add(handler);
            return;
        }
        post(() -> {
            indexer.list().forEach(o -> call(() -> handler.onAdd(o)));
            handlers.add(handler);
        });
    }

    /** Starts listing and watching in the background; returns at once. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("informer already started");
        }
        started = true;
        thread.execute(this::list);
    }

    /** Whether the first list has been applied to the cache and handed to handlers. */
    public boolean hasSynced() {
        return synced.getCount() == 0;
    }

    /** Waits until {@link #hasSynced()}; false on timeout. */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        return synced.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The revision the cache reflects (the last list, event or bookmark applied). */
    public long lastSyncResourceVersion() {
        return onThread(() -> lastResourceVersion);
    }

    private void list() {
        if (stopped) {
            return;
        }
        long gen = ++generation;
        client.listAll(type, selection, PAGE_SIZE).subscribe().with(
                result -> post(() -> {
                    if (gen == generation && !stopped) {
                        replace(result.items(), result.resourceVersion());
                        startWatch();
                    }
                }),
                err -> post(() -> {
                    if (gen == generation && !stopped) {
                        LOG.warnf("list of %s failed: %s", type.getSimpleName(), err.getMessage());
                        retry(this::list);
                    }
                }));
    }

    private void replace(List<T> items, long resourceVersion) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            seen.add(Indexer.key(item));
            Optional<T> old = indexer.put(item);
            handlers.forEach(h -> call(() -> {
                if (old.isPresent()) {
                    h.onUpdate(old.get(), item);
                } else {
                    h.onAdd(item);
                }
            }));
        }
        for (String key : indexer.keys()) {
            if (!seen.contains(key)) {
                indexer.remove(key).ifPresent(gone -> handlers.forEach(h -> call(() -> h.onDelete(gone, true))));
            }
        }
        lastResourceVersion = resourceVersion;
        if (synced.getCount() > 0) {
            synced.countDown();
            scheduleResync();
        }
    }

    private void startWatch() {
        if (stopped) {
            return;
        }
        long gen = ++generation;
        ListOptions opts = selection.withResourceVersion(lastResourceVersion).withAllowBookmarks(true);
        watch = client.watch(type, opts).subscribe().with(
                ev -> post(() -> {
                    if (gen == generation && !stopped) {
                        apply(ev);
                    }
                }),
                err -> post(() -> {
                    if (gen == generation && !stopped) {
                        watchEnded(err);
                    }
                }),
                () -> post(() -> {
                    if (gen == generation && !stopped) {
                        watchEnded(null);
                    }
                }));
    }

    private void apply(WatchEvent<T> ev) {
        failures = 0;
        lastResourceVersion = Math.max(lastResourceVersion, ev.resourceVersion());
        T o = ev.object();
        switch (ev.type()) {
            case ADDED, MODIFIED -> {
                Optional<T> old = indexer.put(o);
                handlers.forEach(h -> call(() -> {
                    if (old.isPresent()) {
                        h.onUpdate(old.get(), o);
                    } else {
                        h.onAdd(o);
                    }
                }));
            }
            case DELETED -> {
                indexer.remove(Indexer.key(o));
                handlers.forEach(h -> call(() -> h.onDelete(o, false)));
            }
            case BOOKMARK -> {
                // Only the revision advances.
            }
        }
    }

    private void watchEnded(Throwable err) {
        generation++;
        watch = null;
        if (err instanceof ApiException api
                && (api.reason() == StatusReason.EXPIRED || api.reason() == StatusReason.GONE)) {
            LOG.infof("watch of %s expired at revision %d; relisting", type.getSimpleName(), lastResourceVersion);
            retry(this::list);
            return;
        }
        if (err != null) {
            LOG.debugf("watch of %s dropped: %s", type.getSimpleName(), err.getMessage());
        }
        retry(this::startWatch);
    }

    private void retry(Runnable action) {
        failures++;
        Duration delay = backoff.delay(failures);
        if (delay.isZero()) {
            post(action);
        } else {
            retryTimer = clock.schedule(delay, () -> post(action));
        }
    }

    private void scheduleResync() {
        if (resyncPeriod.isZero() || resyncPeriod.isNegative() || stopped) {
            return;
        }
        resyncTimer = clock.schedule(resyncPeriod, () -> post(() -> {
            if (!stopped) {
                indexer.list().forEach(o -> handlers.forEach(h -> call(() -> h.onUpdate(o, o))));
                scheduleResync();
            }
        }));
    }

    /** Runs {@code r} on the informer thread; dropped once the informer is stopped. */
    private void post(Runnable r) {
        try {
            thread.execute(r);
        } catch (RejectedExecutionException e) {
            if (!stopped) {
                throw e;
            }
        }
    }

    private void call(Runnable handlerCall) {
        try {
            handlerCall.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "event handler of %s informer failed", type.getSimpleName());
        }
    }

    private <R> R onThread(Callable<R> c) {
        try {
            return thread.submit(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops watching and timers; no handler is called afterwards. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        thread.execute(() -> {
            generation++;
            if (watch != null) {
                watch.cancel();
            }
            if (retryTimer != null) {
                retryTimer.cancel();
            }
            if (resyncTimer != null) {
                resyncTimer.cancel();
            }
        });
        thread.shutdown();
    }

    @Override
    public void close() {
        stop();
    }
}
