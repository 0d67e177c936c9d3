package io.batchplane.apiserver.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Tuning of the revision store: batching, watch cache, bookmarks, log tailing and compaction. */
@ConfigMapping(prefix = "batchplane.store")
public interface StoreConfig {

    /** Most writes grouped into one transaction. */
    @WithDefault("256")
    int maxBatch();

    /** Recent events kept in memory per api-server for watchers. */
    @WithDefault("20000")
    int watchCacheSize();

    /** How often every watcher gets a BOOKMARK with the latest revision. */
    @WithDefault("60s")
    Duration bookmarkInterval();

    /** Fallback poll of the log in case a NOTIFY is lost (e.g. while reconnecting). */
    @WithDefault("1s")
    Duration pollInterval();

    /** How often old log rows are compacted. */
    @WithDefault("60s")
    Duration compactionInterval();

    /** Log history younger than this is never compacted. */
    @WithDefault("5m")
    Duration retention();

    /** At least this many latest revisions are never compacted. */
    @WithDefault("10000")
    long retainRevisions();

    /** Rows read from the log per query when tailing or replaying. */
    @WithDefault("1000")
    int logPageSize();
}
