package io.batchplane.apiserver.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The api-server's etcd-like store on PostgreSQL. It stores JSON objects by key and keeps etcd's
 * promises: one global revision counter (an object's resourceVersion is the revision of its last
 * write), compare-and-swap writes, consistent paginated lists at a snapshot revision, and watches
 * that deliver every change after a revision exactly once and in order, also across api-server
 * replicas sharing the database and across restarts, with compaction (Expired past it) and
 * periodic bookmarks. Defaulting, validation and metadata other than resourceVersion belong to the
 * layer above.
 */
@ApplicationScoped
public class RevisionStore {

    private static final Logger LOG = Logger.getLogger(RevisionStore.class);

    private static final String GET = "SELECT revision, value FROM objects "
            + "WHERE resource = $1 AND namespace = $2 AND name = $3";

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    StoreConfig config;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private WriteBatcher batcher;
    private LogReader reader;
    private RecentObjects recent;
    private SnapshotLister lister;
    private Compactor compactor;
    private WatchCache cache;
    private LogTailer tailer;
    private long bookmarkTimer = -1;
    private long compactionTimer = -1;

    /** Runs before other startup observers, so they may already use the store. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        batcher = new WriteBatcher(pool, config.maxBatch());
        recent = new RecentObjects(config.watchCacheSize());
        reader = new LogReader(pool, recent);
        lister = new SnapshotLister(pool);
        compactor = new Compactor(pool);
        long head = reader.head().await().atMost(Duration.ofSeconds(30)).revision();
        cache = new WatchCache(head, config.watchCacheSize(), reader, config.logPageSize());
        tailer = new LogTailer(vertx, listenOptions(), reader, cache, config.logPageSize(), config.pollInterval());
        tailer.start().await().atMost(Duration.ofSeconds(30));
        bookmarkTimer = vertx.setPeriodic(config.bookmarkInterval().toMillis(), id -> cache.bookmark());
        compactionTimer = vertx.setPeriodic(config.compactionInterval().toMillis(), id -> compactor
                .compact(config.retention(), config.retainRevisions())
                .subscribe().with(c -> { }, f -> LOG.warn("log compaction failed", f)));
        LOG.infof("revision store ready at revision %d", head);
    }

    void onStop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(bookmarkTimer);
        vertx.cancelTimer(compactionTimer);
        if (tailer != null) {
            tailer.stop();
        }
    }

    /**
     * Creates {@code key}; AlreadyExists if it exists. The store keeps parts of {@code object} in
     * what it stores (as for {@link #update}): the caller must not change the node afterwards.
     */
    public Uni<StoredObject> create(ObjectKey key, ObjectNode object) {
        Objects.requireNonNull(object, "object");
        return committed(batcher.submit(new WriteOp(WriteOp.Kind.CREATE, key, 0, object)), key, "create");
    }

    /** The current state of {@code key}; NotFound if absent. */
    public Uni<StoredObject> get(ObjectKey key) {
        return pool.preparedQuery(GET).execute(Tuple.of(key.resource(), key.namespace(), key.name()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound(BatchPlan.typeOf(key.resource()), key.name());
                    }
                    Row row = rows.iterator().next();
                    return recent.resolve(key, row.getLong(0), row.getString(1));
                });
    }

    /**
     * The newest version of {@code key} this process wrote or read recently, or null: a hint for an
     * optimistic read-modify-write, which must trust only a compare-and-swap write based on it (the
     * object may have changed or been deleted since). Costs no database round trip.
     */
    public StoredObject recent(ObjectKey key) {
        return recent.latest(key);
    }

    /**
     * One page of {@code resource} objects (in {@code namespace}, or all when null) that pass
     * {@code filter} (null = all), ordered by namespace and name, as of one snapshot revision. A
     * {@code continueToken} from a previous page continues that page's snapshot; {@code limit} 0 = all.
     */
    public Uni<ListResult> list(String resource, String namespace, Predicate<StoredObject> filter, int limit,
                                String continueToken) {
        return lister.list(resource, namespace, filter, limit, continueToken);
    }

    /**
     * Replaces {@code key}; NotFound if absent, Conflict if {@code expectedRevision} (0 = any) is
     * stale. The caller must not change {@code object} afterwards (see {@link #create}).
     */
    public Uni<StoredObject> update(ObjectKey key, long expectedRevision, ObjectNode object) {
        Objects.requireNonNull(object, "object");
        return committed(batcher.submit(new WriteOp(WriteOp.Kind.UPDATE, key, expectedRevision, object)), key, "update");
    }

    /**
     * Deletes {@code key}; NotFound if absent, Conflict if {@code expectedRevision} (0 = any) is stale.
     * Returns the object's last state stamped with the delete's revision.
     */
    public Uni<StoredObject> delete(ObjectKey key, long expectedRevision) {
        return committed(batcher.submit(new WriteOp(WriteOp.Kind.DELETE, key, expectedRevision, null)), key, "delete");
    }

    /**
     * What follows each committed write: the object is remembered, so the log tailer and the next
     * read-modify-write of the key reuse its tree, and the write is counted in
     * {@code batchplane_store_writes_total{resource,operation}} (on {@code /q/metrics}: the
     * benchmark's "API writes per pod" and an operator's write rate).
     */
    private Uni<StoredObject> committed(Uni<StoredObject> write, ObjectKey key, String operation) {
        return write.invoke(ok -> {
            recent.remember(ok);
            meters.counter("batchplane.store.writes", "resource", key.resource(), "operation", operation).increment();
        });
    }

    /**
     * Every change of {@code resource} (in {@code namespace}, or all when null) after
     * {@code fromRevision} (0 = from the current revision), in revision order, plus periodic
     * BOOKMARKs. Fails with Expired when {@code fromRevision} is older than the compacted history.
     */
    public Multi<StoreEvent> watch(String resource, String namespace, long fromRevision) {
        return watch(resource, namespace, fromRevision, object -> true);
    }

    /**
     * As {@link #watch(String, String, long)}, delivering only the changes whose object passes
     * {@code filter} (bookmarks always pass). The filter runs in the cache's fan-out, once per event
     * and watcher, so it must be cheap and must not block.
     */
    public Multi<StoreEvent> watch(String resource, String namespace, long fromRevision,
            Predicate<StoredObject> filter) {
        if (fromRevision < 0) {
            return Multi.createFrom().failure(ApiException.badRequest("resourceVersion must not be negative"));
        }
        if (fromRevision == 0) {
            return currentRevision().onItem().transformToMulti(rev -> cache.watch(resource, namespace, rev, filter));
        }
        return cache.watch(resource, namespace, fromRevision, filter);
    }

    /** The latest committed revision. */
    public Uni<Long> currentRevision() {
        return reader.head().map(LogReader.Head::revision);
    }

    /** Compacts the log per the configured retention now (also runs periodically). */
    Uni<Long> compact() {
        return compactor.compact(config.retention(), config.retainRevisions());
    }

    /** Compacts the log up to {@code revision} regardless of retention (tests and admin). */
    Uni<Long> compactTo(long revision) {
        return compactor.compactTo(revision);
    }

    /** Connection options for the LISTEN connection: the same server and credentials as the pool. */
    PgConnectOptions listenOptions() {
        PgConnectOptions options = PgConnectOptions.fromUri(reactiveUrl.replaceFirst("^vertx-reactive:", ""));
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return options;
    }
}
