package io.batchplane.apiserver.storage;

import io.batchplane.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lists objects as of one snapshot revision S, also across pages read at different times. A key
 * whose current row is at or before S is unchanged since S and comes from the objects table; a key
 * the log shows changed after S gets its latest log row at or before S (absent if that row is a
 * deletion or if there is none: created after S). Compaction keeps each key's state as of the
 * compacted revision, so this works for every S not older than the compacted revision; older
 * continuations fail with Expired. Each call runs in one REPEATABLE READ transaction.
 */
final class SnapshotLister {

    private static final String AT_SNAPSHOT = """
            WITH changed AS (
              SELECT DISTINCT namespace, name FROM log
              WHERE revision > $2 AND resource = $1 AND ($3::text IS NULL OR namespace = $3::text)
            ), at_snapshot AS (
              SELECT namespace, name, revision, value FROM objects
              WHERE resource = $1 AND revision <= $2 AND ($3::text IS NULL OR namespace = $3::text)
                AND (namespace, name) > ($4::text, $5::text)
              UNION ALL
              SELECT namespace, name, revision, value FROM (
                SELECT DISTINCT ON (l.namespace, l.name) l.namespace, l.name, l.revision, l.type, l.value
                FROM log l JOIN changed c ON l.namespace = c.namespace AND l.name = c.name
                WHERE l.resource = $1 AND l.revision <= $2 AND (l.namespace, l.name) > ($4::text, $5::text)
                ORDER BY l.namespace, l.name, l.revision DESC) last
              WHERE last.type <> 3)
            """;

    /**
     * One page. Each side of the union is ordered and limited on its own, so the objects side is an
     * index-ordered scan of the primary key that stops after the page: a page costs its own size, not
     * the size of the whole resource (sorting every remaining object made a full paged list of n
     * objects cost n²).
     */
    private static final String PAGE = """
            WITH changed AS (
              SELECT DISTINCT namespace, name FROM log
              WHERE revision > $2 AND resource = $1 AND ($3::text IS NULL OR namespace = $3::text)
            )
            SELECT namespace, name, revision, value FROM (
              (SELECT namespace, name, revision, value FROM objects
               WHERE resource = $1 AND revision <= $2 AND ($3::text IS NULL OR namespace = $3::text)
                 AND (namespace, name) > ($4::text, $5::text)
               ORDER BY namespace, name LIMIT $6)
              UNION ALL
              (SELECT namespace, name, revision, value FROM (
                 SELECT DISTINCT ON (l.namespace, l.name) l.namespace, l.name, l.revision, l.type, l.value
                 FROM log l JOIN changed c ON l.namespace = c.namespace AND l.name = c.name
                 WHERE l.resource = $1 AND l.revision <= $2 AND (l.namespace, l.name) > ($4::text, $5::text)
                 ORDER BY l.namespace, l.name, l.revision DESC) last
               WHERE last.type <> 3
               ORDER BY namespace, name LIMIT $6)
            ) page ORDER BY namespace, name LIMIT $6
            """;

    private static final String COUNT = AT_SNAPSHOT + "SELECT count(*) FROM at_snapshot";

    private static final int FETCH = 500;

    private final Pool pool;

    SnapshotLister(Pool pool) {
        this.pool = pool;
    }

    Uni<ListResult> list(String resource, String namespace, Predicate<StoredObject> filter, int limit,
                         String continueToken) {
        if (limit < 0) {
            return Uni.createFrom().failure(ApiException.badRequest("limit must not be negative"));
        }
        return Uni.createFrom().deferred(() -> listAt(resource, namespace, filter, limit,
                continueToken == null || continueToken.isEmpty() ? null : ContinueToken.decode(continueToken)));
    }

    private Uni<ListResult> listAt(String resource, String namespace, Predicate<StoredObject> filter, int limit,
                                   ContinueToken start) {
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                .execute()
                .chain(() -> conn.query("SELECT rev, compacted FROM revision WHERE id = 1").execute())
                .chain(rows -> {
                    Row head = rows.iterator().next();
                    long current = head.getLong(0);
                    long compacted = head.getLong(1);
                    if (start != null && start.revision() < compacted) {
                        throw ApiException.expired(start.revision(), compacted);
                    }
                    if (start != null && start.revision() > current) {
                        throw ApiException.badRequest("invalid continue token: revision from the future");
                    }
                    Query query = new Query(conn, resource, namespace,
                            start == null ? current : start.revision(), filter, limit);
                    return start == null ? query.fetch("", "") : query.fetch(start.namespace(), start.name());
                }));
    }

    /** The state of one list call: the items so far and how to fetch more. */
    private static final class Query {
        final SqlConnection conn;
        final String resource;
        final String namespace;
        final long snapshot;
        final Predicate<StoredObject> filter;
        final int limit;
        final List<StoredObject> items = new ArrayList<>();

        Query(SqlConnection conn, String resource, String namespace, long snapshot,
              Predicate<StoredObject> filter, int limit) {
            this.conn = conn;
            this.resource = resource;
            this.namespace = namespace;
            this.snapshot = snapshot;
            this.filter = filter;
            this.limit = limit;
        }

        Uni<ListResult> fetch(String afterNamespace, String afterName) {
            int fetch = limit == 0 ? FETCH : Math.max(limit + 1, FETCH);
            return conn.preparedQuery(PAGE)
                    .execute(Tuple.of(resource, snapshot, namespace, afterNamespace, afterName, (long) fetch))
                    .chain(rows -> {
                        List<Row> batch = new ArrayList<>();
                        rows.forEach(batch::add);
                        for (int i = 0; i < batch.size(); i++) {
                            Row row = batch.get(i);
                            ObjectKey key = new ObjectKey(resource, row.getString(0), row.getString(1));
                            StoredObject object = StoredObject.fromText(key, row.getLong(2), row.getString(3));
                            if (filter == null || filter.test(object)) {
                                items.add(object);
                            }
                            boolean more = i < batch.size() - 1 || batch.size() == fetch;
                            if (limit > 0 && items.size() == limit && more) {
                                return finish(new ContinueToken(snapshot, key.namespace(), key.name()));
                            }
                        }
                        if (batch.size() == fetch) {
                            Row last = batch.get(batch.size() - 1);
                            return fetch(last.getString(0), last.getString(1));
                        }
                        return Uni.createFrom().item(new ListResult(List.copyOf(items), snapshot, null, 0));
                    });
        }

        private Uni<ListResult> finish(ContinueToken next) {
            if (filter != null) {
                return Uni.createFrom().item(new ListResult(List.copyOf(items), snapshot, next.encode(), 0));
            }
            return conn.preparedQuery(COUNT)
                    .execute(Tuple.of(resource, snapshot, namespace, next.namespace(), next.name()))
                    .map(rows -> new ListResult(List.copyOf(items), snapshot, next.encode(),
                            rows.iterator().next().getLong(0)));
        }
    }
}
