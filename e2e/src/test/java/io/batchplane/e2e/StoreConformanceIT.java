package io.batchplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.batchplane.api.v1.CreateRequest;
import io.batchplane.api.v1.EventType;
import io.batchplane.api.v1.GetRequest;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.ObjectKey;
import io.batchplane.api.v1.PatchRequest;
import io.batchplane.api.v1.PatchType;
import io.batchplane.api.v1.ResourceObject;
import io.batchplane.api.v1.ResourcesGrpc;
import io.batchplane.api.v1.UpdateRequest;
import io.batchplane.api.v1.WatchEvent;
import io.batchplane.api.v1.WatchRequest;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The store's promises, proved through two API-server processes that share one PostgreSQL
 * database: every change is delivered to every watcher exactly once and in revision order while
 * eight writers hammer both servers; no concurrent patch through either server is lost; a killed
 * server's watchers resume from where they were.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreConformanceIT {

    private static final String NAMESPACE = "conformance";
    private static final int WRITERS = 8;
    private static final int OBJECTS_PER_WRITER = 60;
    private static final int UPDATES_PER_OBJECT = 2;

    private static ApiServers servers;
    private static ApiServers.Instance first;
    private static ApiServers.Instance second;

    @BeforeAll
    static void start() throws Exception {
        String server = TestDatabase.serverUrl();
        TestDatabase db = TestDatabase.fresh(server);
        Path home = Files.createTempDirectory("bp-conformance");
        servers = new ApiServers(home, db.url(), Map.of());
        first = servers.start("api-server-1");
        second = servers.start("api-server-2");
        try (Grpc grpc = first.connect(ApiServers.ADMIN_TOKEN)) {
            grpc.blocking().create(CreateRequest.newBuilder().setResource("namespaces")
                    .setJson(json("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NAMESPACE + "\"}}"))
                    .build());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (first != null) {
            first.process().close();
        }
        if (second != null) {
            second.process().close();
        }
    }

    @Test
    @Order(1)
    void everyWatcherSeesEveryRevisionOnceAndInOrderUnderConcurrentWritersOnTwoServers() throws Exception {
        long start = listRevision(first);
        try (Grpc g1 = first.connect(ApiServers.ADMIN_TOKEN); Grpc g2 = second.connect(ApiServers.ADMIN_TOKEN)) {
            Watcher w1 = Watcher.start(g1.async(), start);
            Watcher w2 = Watcher.start(g2.async(), start);
            Set<Long> written = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                ResourcesGrpc.ResourcesBlockingStub stub = (w % 2 == 0 ? g1 : g2).blocking();
                int writer = w;
                futures.add(pool.submit(() -> write(stub, "w" + writer, written)));
            }
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertEquals(WRITERS * OBJECTS_PER_WRITER * (1 + UPDATES_PER_OBJECT), written.size());
            for (Watcher w : List.of(w1, w2)) {
                w.awaitAll(written, Duration.ofSeconds(60));
                w.assertExactlyOnceInOrder(written);
                w.cancel();
            }
        }
    }

    /**
     * Patches without a resourceVersion start from the version each server wrote or read last, which
     * the other server's writes keep making stale: none may be lost. Eight writers add one label each
     * per patch to one Lease, alternating between the servers.
     */
    @Test
    @Order(2)
    void noPatchIsLostWhenTwoServersPatchOneObjectConcurrently() throws Exception {
        int patchesPerWriter = 15;
        try (Grpc g1 = first.connect(ApiServers.ADMIN_TOKEN); Grpc g2 = second.connect(ApiServers.ADMIN_TOKEN)) {
            g1.blocking().create(CreateRequest.newBuilder().setResource("leases").setNamespace(NAMESPACE)
                    .setJson(json(lease("patched", "nobody", 0, null))).build());
            ObjectKey key = ObjectKey.newBuilder().setResource("leases").setNamespace(NAMESPACE).setName("patched").build();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < patchesPerWriter; i++) {
                        String label = "{\"metadata\":{\"labels\":{\"w" + writer + "-" + i + "\":\"x\"}}}";
                        ((writer + i) % 2 == 0 ? g1 : g2).blocking().patch(PatchRequest.newBuilder().setKey(key)
                                .setType(PatchType.MERGE).setPatch(json(label)).build());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            for (Grpc g : List.of(g1, g2)) {
                ResourceObject stored = g.blocking().get(GetRequest.newBuilder().setKey(key).build());
                String text = stored.getJson().toStringUtf8();
                int labels = 0;
                for (int w = 0; w < WRITERS; w++) {
                    for (int i = 0; i < patchesPerWriter; i++) {
                        labels += text.contains("\"w" + w + "-" + i + "\":\"x\"") ? 1 : 0;
                    }
                }
                assertEquals(WRITERS * patchesPerWriter, labels, "labels on the Lease as read through either server");
            }
        }
    }

    @Test
    @Order(3)
    void aKilledServersWatchersResumeFromTheirLastRevision() throws Exception {
        long resumeFrom = listRevision(second);
        second.process().kill();
        Set<Long> written = ConcurrentHashMap.newKeySet();
        try (Grpc g1 = first.connect(ApiServers.ADMIN_TOKEN)) {
            write(g1.blocking(), "after-kill", written);
        }
        second = servers.start("api-server-2", second.httpPort(), second.grpcPort());
        try (Grpc g2 = second.connect(ApiServers.ADMIN_TOKEN)) {
            Watcher w = Watcher.start(g2.async(), resumeFrom);
            w.awaitAll(written, Duration.ofSeconds(60));
            w.assertExactlyOnceInOrder(written);
            w.cancel();
        }
    }

    private static void write(ResourcesGrpc.ResourcesBlockingStub stub, String writer, Set<Long> written) {
        for (int i = 0; i < OBJECTS_PER_WRITER; i++) {
            String name = writer + "-" + i;
            ResourceObject created = stub.create(CreateRequest.newBuilder().setResource("leases").setNamespace(NAMESPACE)
                    .setJson(json(lease(name, writer, 0, null))).build());
            written.add(created.getResourceVersion());
            long rv = created.getResourceVersion();
            for (int u = 1; u <= UPDATES_PER_OBJECT; u++) {
                ResourceObject updated = stub.update(UpdateRequest.newBuilder().setResource("leases").setNamespace(NAMESPACE)
                        .setJson(json(lease(name, writer, u, rv))).build());
                rv = updated.getResourceVersion();
                written.add(rv);
            }
        }
    }

    private static String lease(String name, String holder, int transitions, Long rv) {
        String version = rv == null ? "" : ",\"resourceVersion\":\"" + rv + "\"";
        return "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"" + NAMESPACE + "\"" + version + "},\"spec\":{\"holderIdentity\":\"" + holder
                + "\",\"leaseDurationSeconds\":40,\"leaseTransitions\":" + transitions + "}}";
    }

    private static long listRevision(ApiServers.Instance server) throws InterruptedException {
        try (Grpc grpc = server.connect(ApiServers.ADMIN_TOKEN)) {
            return grpc.blocking().list(ListRequest.newBuilder().setResource("leases").setNamespace(NAMESPACE)
                    .setLimit(1).build()).getResourceVersion();
        }
    }

    static ByteString json(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }

    /** Collects the revisions a watch delivers, in delivery order. */
    static final class Watcher implements StreamObserver<WatchEvent> {
        private final List<Long> revisions = new CopyOnWriteArrayList<>();
        private final Context.CancellableContext context = Context.current().withCancellation();
        private volatile Throwable failure;

        static Watcher start(ResourcesGrpc.ResourcesStub stub, long from) {
            Watcher watcher = new Watcher();
            watcher.context.run(() -> stub.watch(WatchRequest.newBuilder().setResource("leases").setNamespace(NAMESPACE)
                    .setResourceVersion(from).setAllowBookmarks(true).build(), watcher));
            return watcher;
        }

        @Override
        public void onNext(WatchEvent event) {
            if (event.getType() != EventType.BOOKMARK) {
                revisions.add(event.getObject().getResourceVersion());
            }
        }

        @Override
        public void onError(Throwable t) {
            if (Status.fromThrowable(t).getCode() != Status.Code.CANCELLED) {
                failure = t;
            }
        }

        @Override
        public void onCompleted() {
        }

        void awaitAll(Set<Long> expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && failure == null && !revisions.containsAll(expected)) {
                Thread.sleep(50);
            }
            if (failure != null) {
                throw new AssertionError("watch failed", failure);
            }
        }

        void assertExactlyOnceInOrder(Set<Long> expected) {
            List<Long> seen = List.copyOf(revisions);
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i) > seen.get(i - 1), "revision " + seen.get(i) + " after " + seen.get(i - 1));
            }
            assertEquals(new TreeSet<>(expected), new TreeSet<>(seen), "delivered revisions");
            assertEquals(expected.size(), seen.size(), "no revision twice");
        }

        void cancel() {
            context.cancel(null);
        }
    }
}
