package io.batchplane.apiserver.storage;

import io.batchplane.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Groups concurrent writes into shared transactions. While one batch transaction runs, new writes
 * queue up; when it ends, everything queued (up to {@code maxBatch}) goes into the next one. Each
 * transaction first locks the one-row revision counter, so write transactions of every api-server
 * sharing the database commit one after another in revision order, then reads the touched keys,
 * plans the batch ({@link BatchPlan}: each compare-and-swap checked on its own) and writes the
 * objects, the log rows, the new counter and a NOTIFY in one statement. One batch runs at a time
 * per process: a second would only wait for the counter lock.
 */
final class WriteBatcher {

    static final String CHANNEL = "batchplane_log";

    private static final Logger LOG = Logger.getLogger(WriteBatcher.class);

    private static final String LOCK = "SELECT rev FROM revision WHERE id = 1 FOR UPDATE";

    private static final String READ = """
            SELECT k.resource, k.namespace, k.name, o.revision, o.value
            FROM unnest($1::text[], $2::text[], $3::text[]) AS k(resource, namespace, name)
            CROSS JOIN LATERAL (
              SELECT revision, value FROM objects
              WHERE resource = k.resource AND namespace = k.namespace AND name = k.name) o""";

    private static final String APPLY = """
            WITH up AS (
              INSERT INTO objects (resource, namespace, name, revision, value)
              SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::text[])
              ON CONFLICT (resource, namespace, name)
              DO UPDATE SET revision = EXCLUDED.revision, value = EXCLUDED.value),
            del AS (
              DELETE FROM objects
              WHERE resource = ANY($6::text[]) AND namespace = ANY($7::text[]) AND name = ANY($8::text[])
                AND (resource, namespace, name) IN (SELECT * FROM unnest($6::text[], $7::text[], $8::text[]))),
            lg AS (
              INSERT INTO log (revision, resource, namespace, name, type, value)
              SELECT * FROM unnest($9::int8[], $10::text[], $11::text[], $12::text[], $13::int2[], $14::text[])),
            rv AS (
              UPDATE revision SET rev = $15::int8 WHERE id = 1)
            SELECT pg_notify('%s', ($15::int8)::text)""".formatted(CHANNEL);

    private record Pending(WriteOp op, CompletableFuture<StoredObject> result) {
    }

    private final Pool pool;
    private final int maxBatch;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    WriteBatcher(Pool pool, int maxBatch) {
        this.pool = pool;
        this.maxBatch = maxBatch;
    }

    /** Queues a write; the Uni completes when its batch has committed (or fails with its error). */
    Uni<StoredObject> submit(WriteOp op) {
        return Uni.createFrom().deferred(() -> {
            Pending pending = new Pending(op, new CompletableFuture<>());
            queue.add(pending);
            drain();
            return Uni.createFrom().completionStage(pending.result());
        });
    }

    private void drain() {
        while (!queue.isEmpty() && running.compareAndSet(false, true)) {
            List<Pending> batch = new ArrayList<>();
            Pending next;
            while (batch.size() < maxBatch && (next = queue.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                running.set(false);
                continue;
            }
            execute(batch).subscribe().with(plan -> finish(batch, plan, null), err -> finish(batch, null, err));
            return;
        }
    }

    /**
     * Completes the batch's writes, then starts the next batch. Completing first lets clients that
     * write again right away (their continuations run on this thread) join the next batch together
     * instead of one of them starting a batch of its own.
     */
    private void finish(List<Pending> batch, BatchPlan plan, Throwable failure) {
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<StoredObject> result = batch.get(i).result();
            if (failure != null) {
                result.completeExceptionally(failure instanceof ApiException ? failure
                        : ApiException.internal("write failed: " + failure.getMessage()));
            } else {
                BatchPlan.Outcome outcome = plan.outcomes().get(i);
                if (outcome.error() != null) {
                    result.completeExceptionally(outcome.error());
                } else {
                    result.complete(outcome.result());
                }
            }
        }
        if (failure != null) {
            LOG.warnf(failure, "write batch of %d failed", batch.size());
        }
        running.set(false);
        drain();
    }

    /**
     * Runs one batch in two round trips: BEGIN, the counter lock and the read of the touched keys
     * are pipelined on one connection (the server runs them in order, so the read sees everything
     * committed before the lock was granted), then the writes and COMMIT are pipelined.
     */
    private Uni<BatchPlan> execute(List<Pending> batch) {
        List<WriteOp> ops = batch.stream().map(Pending::op).toList();
        return pool.getConnection().chain(conn -> Uni.combine().all()
                .unis(conn.query("BEGIN").execute(),
                        conn.preparedQuery(LOCK).execute(),
                        readCurrent(conn, ops))
                .asTuple()
                .map(t -> BatchPlan.plan(t.getItem2().iterator().next().getLong(0), ops, t.getItem3()))
                .chain(plan -> plan.log().isEmpty()
                        ? conn.query("COMMIT").execute().replaceWith(plan)
                        : Uni.combine().all()
                                .unis(conn.preparedQuery(APPLY).execute(applyParams(plan)),
                                        conn.query("COMMIT").execute())
                                .asTuple().replaceWith(plan))
                .onFailure().call(() -> conn.query("ROLLBACK").execute().onFailure().recoverWithNull())
                .eventually(conn::close));
    }

    private static Uni<Map<ObjectKey, BatchPlan.Current>> readCurrent(SqlConnection conn, List<WriteOp> ops) {
        Set<ObjectKey> keys = new LinkedHashSet<>();
        ops.forEach(op -> keys.add(op.key()));
        List<String> resources = new ArrayList<>();
        List<String> namespaces = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ObjectKey key : keys) {
            resources.add(key.resource());
            namespaces.add(key.namespace());
            names.add(key.name());
        }
        return conn.preparedQuery(READ)
                .execute(Tuple.of(strings(resources), strings(namespaces), strings(names)))
                .map(rows -> {
                    Map<ObjectKey, BatchPlan.Current> current = new HashMap<>();
                    for (Row row : rows) {
                        current.put(new ObjectKey(row.getString(0), row.getString(1), row.getString(2)),
                                new BatchPlan.Current(row.getLong(3), row.getString(4)));
                    }
                    return current;
                });
    }

    private static Tuple applyParams(BatchPlan plan) {
        List<String> upResource = new ArrayList<>();
        List<String> upNamespace = new ArrayList<>();
        List<String> upName = new ArrayList<>();
        List<Long> upRevision = new ArrayList<>();
        List<String> upValue = new ArrayList<>();
        List<String> delResource = new ArrayList<>();
        List<String> delNamespace = new ArrayList<>();
        List<String> delName = new ArrayList<>();
        plan.finalState().forEach((key, state) -> {
            if (state == null) {
                delResource.add(key.resource());
                delNamespace.add(key.namespace());
                delName.add(key.name());
            } else {
                upResource.add(key.resource());
                upNamespace.add(key.namespace());
                upName.add(key.name());
                upRevision.add(state.revision());
                upValue.add(state.json());
            }
        });
        int n = plan.log().size();
        Long[] logRevision = new Long[n];
        String[] logResource = new String[n];
        String[] logNamespace = new String[n];
        String[] logName = new String[n];
        Short[] logType = new Short[n];
        String[] logValue = new String[n];
        for (int i = 0; i < n; i++) {
            BatchPlan.LogRow row = plan.log().get(i);
            logRevision[i] = row.revision();
            logResource[i] = row.key().resource();
            logNamespace[i] = row.key().namespace();
            logName[i] = row.key().name();
            logType[i] = (short) row.type().code();
            logValue[i] = row.json();
        }
        List<Object> params = new ArrayList<>(List.of(
                strings(upResource), strings(upNamespace), strings(upName), upRevision.toArray(new Long[0]),
                strings(upValue), strings(delResource), strings(delNamespace), strings(delName),
                logRevision, logResource, logNamespace, logName, logType, logValue));
        params.add(plan.lastRevision());
        return Tuple.from(params);
    }

    private static String[] strings(List<String> values) {
        return values.toArray(new String[0]);
    }
}
