package io.batchplane.apiserver.storage;

import io.batchplane.api.ApiException;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Feeds a {@link WatchCache} from the shared revision log: it reads rows with
 * {@code revision > cache.lastRevision()} in revision order whenever a NOTIFY on the log channel
 * arrives (every write batch sends one inside its transaction) and on a slow fallback poll. The
 * log table is the truth; NOTIFY only wakes the tailer early, so a lost notification costs latency,
 * never an event. One read runs at a time; pokes during a read trigger one more read.
 */
final class LogTailer {

    private static final Logger LOG = Logger.getLogger(LogTailer.class);

    private final Vertx vertx;
    private final PgConnectOptions listenOptions;
    private final LogReader reader;
    private final WatchCache cache;
    private final int pageSize;
    private final Duration pollInterval;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private PgSubscriber subscriber;
    private long pollTimer = -1;

    LogTailer(Vertx vertx, PgConnectOptions listenOptions, LogReader reader, WatchCache cache,
              int pageSize, Duration pollInterval) {
        this.vertx = vertx;
        this.listenOptions = listenOptions;
        this.reader = reader;
        this.cache = cache;
        this.pageSize = pageSize;
        this.pollInterval = pollInterval;
    }

    /** Starts listening and polling; completes once LISTEN is active. */
    Uni<Void> start() {
        subscriber = PgSubscriber.subscriber(vertx, listenOptions);
        subscriber.reconnectPolicy(retries -> 500L);
        subscriber.channel(WriteBatcher.CHANNEL).handler(payload -> poke());
        pollTimer = vertx.setPeriodic(pollInterval.toMillis(), id -> poke());
        return subscriber.connect().invoke(this::poke);
    }

    void stop() {
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
        }
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** Asks for a read of the log soon. */
    void poke() {
        dirty.set(true);
        if (reading.compareAndSet(false, true)) {
            dirty.set(false);
            read();
        }
    }

    private void read() {
        long after = cache.lastRevision();
        reader.read(after, Long.MAX_VALUE, pageSize).subscribe().with(events -> {
            try {
                cache.append(events);
            } catch (IllegalStateException e) {
                LOG.error("cannot feed the watch cache", e);
                done();
                return;
            }
            if (events.size() == pageSize) {
                read();
            } else {
                done();
            }
        }, failure -> {
            if (failure instanceof ApiException api && api.status().getCode() == 410) {
                LOG.warnf("watch cache fell behind compaction at revision %d; restarting it", after);
                reader.head().subscribe().with(head -> {
                    cache.reset(head.revision(), api);
                    done();
                }, f -> done());
            } else {
                LOG.warn("reading the revision log failed", failure);
                done();
            }
        });
    }

    private void done() {
        reading.set(false);
        if (dirty.get()) {
            poke();
        }
    }
}
