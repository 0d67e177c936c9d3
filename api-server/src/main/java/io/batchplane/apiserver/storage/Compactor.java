package io.batchplane.apiserver.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;

/**
 * Removes old history from the revision log, as etcd's compaction does: compacting to revision C
 * deletes every log row at or before C that a later row of the same key (also at or before C)
 * supersedes, and every deletion tombstone at or before C. What stays is, per key, its state as of
 * C, so a list snapshot at any revision {@code >= C} can still be rebuilt. C is recorded in the
 * counter row; watches and list continuations from before C fail with Expired. Safe to run from
 * several api-servers at once.
 */
final class Compactor {

    private static final String TARGET = """
            SELECT LEAST(h.rev - $1,
                         COALESCE((SELECT max(revision) FROM log
                                   WHERE written_at < now() - make_interval(secs => $2)), 0)),
                   h.compacted
            FROM revision h WHERE h.id = 1""";

    private static final String COMPACT = """
            WITH gone AS (
              DELETE FROM log l
              WHERE l.revision <= $1
                AND (l.type = 3 OR EXISTS (
                  SELECT 1 FROM log n
                  WHERE n.resource = l.resource AND n.namespace = l.namespace AND n.name = l.name
                    AND n.revision > l.revision AND n.revision <= $1)))
            UPDATE revision SET compacted = GREATEST(compacted, $1) WHERE id = 1""";

    private final Pool pool;

    Compactor(Pool pool) {
        this.pool = pool;
    }

    /**
     * Compacts everything older than both {@code retention} and the latest {@code retainRevisions}
     * revisions. Returns the compacted revision afterwards.
     */
    Uni<Long> compact(Duration retention, long retainRevisions) {
        return pool.preparedQuery(TARGET)
                .execute(Tuple.of(retainRevisions, retention.toMillis() / 1000.0))
                .chain(rows -> {
                    var row = rows.iterator().next();
                    long target = row.getLong(0);
                    long compacted = row.getLong(1);
                    return target > compacted ? compactTo(target) : Uni.createFrom().item(compacted);
                });
    }

    /** Compacts the log up to and including {@code revision}. */
    Uni<Long> compactTo(long revision) {
        return pool.preparedQuery(COMPACT).execute(Tuple.of(revision))
                .chain(() -> LogReader.head(pool))
                .map(LogReader.Head::compacted);
    }
}
