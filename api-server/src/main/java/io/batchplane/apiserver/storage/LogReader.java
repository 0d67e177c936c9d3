package io.batchplane.apiserver.storage;

import io.batchplane.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the revision log: the truth from which watch caches are fed and old watches replayed.
 * Every page is read together with the compacted revision in one statement (one snapshot), so a
 * page never silently misses rows that compaction removed: asking for history older than the
 * compacted revision fails with Expired.
 */
final class LogReader {

    /** The counter row: the latest committed revision and the compacted revision. */
    record Head(long revision, long compacted) {
    }

    private static final String HEAD = "SELECT rev, compacted FROM revision WHERE id = 1";

    private static final String PAGE = """
            SELECT h.rev, h.compacted, l.revision, l.resource, l.namespace, l.name, l.type, l.value
            FROM revision h
            LEFT JOIN LATERAL (
              SELECT * FROM log WHERE revision > $1 AND revision <= $2 ORDER BY revision LIMIT $3) l ON true
            WHERE h.id = 1
            ORDER BY l.revision""";

    private final Pool pool;
    private final RecentObjects recent;

    LogReader(Pool pool, RecentObjects recent) {
        this.pool = pool;
        this.recent = recent;
    }

    Uni<Head> head() {
        return head(pool);
    }

    /** The store's current and compacted revisions. */
    static Uni<Head> head(Pool pool) {
        return pool.query(HEAD).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new Head(row.getLong(0), row.getLong(1));
        });
    }

    /**
     * Up to {@code limit} log events with {@code after < revision <= upTo}, in revision order.
     * Fails with Expired when {@code after} is older than the compacted revision.
     */
    Uni<List<StoreEvent>> read(long after, long upTo, int limit) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(after, upTo, limit)).map(rows -> toEvents(after, rows));
    }

    private List<StoreEvent> toEvents(long after, RowSet<Row> rows) {
        List<StoreEvent> events = new ArrayList<>();
        for (Row row : rows) {
            long compacted = row.getLong(1);
            if (after < compacted) {
                throw ApiException.expired(after, compacted);
            }
            if (row.getValue(2) == null) {
                continue;
            }
            long revision = row.getLong(2);
            ObjectKey key = new ObjectKey(row.getString(3), row.getString(4), row.getString(5));
            WatchEventType type = WatchEventType.ofCode(row.getShort(6));
            StoredObject object = recent.resolve(key, revision, row.getString(7));
            events.add(new StoreEvent(type, revision, object));
        }
        return events;
    }
}
