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

    /**
     * Recent events kept in memory per api-server for watchers (each holds its object, parsed and as
     * text: about 12 KiB for a pod). A watcher further behind replays the log from the database
     * instead. 20,000 events filled a 512 MiB heap in the 10,000-pod benchmark and half the API
     * server's CPU went to the garbage collector; 5,000 keeps it near 60 MiB.
     */
    @WithDefault("5000")
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
