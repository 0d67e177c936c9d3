package io.batchplane.apiserver.storage;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;

/**
 * A second store instance built by hand on the same database, as another api-server process would
 * have: its own connection pool, write batcher, log tailer and watch cache. Its cache starts at
 * {@code cacheStart} with nothing in memory, like a freshly restarted api-server.
 */
final class StoreInstance implements AutoCloseable {

    final Pool pool;
    final WriteBatcher batcher;
    final WatchCache cache;
    private final LogTailer tailer;

    StoreInstance(Vertx vertx, PgConnectOptions options, long cacheStart, int cacheSize) {
        pool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(8))
                .connectingTo(new PgConnectOptions(options)).using(vertx.getDelegate()).build());
        batcher = new WriteBatcher(pool, 256);
        LogReader reader = new LogReader(pool, new RecentObjects(cacheSize));
        cache = new WatchCache(cacheStart, cacheSize, reader, 1000);
        tailer = new LogTailer(vertx, options, reader, cache, 1000, Duration.ofSeconds(1));
        tailer.start().await().atMost(StoreTesting.TIMEOUT);
    }

    @Override
    public void close() {
        tailer.stop();
        pool.close().await().atMost(StoreTesting.TIMEOUT);
    }
}
