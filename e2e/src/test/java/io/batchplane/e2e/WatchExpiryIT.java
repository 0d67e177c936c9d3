package io.batchplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.ApiException;
import io.batchplane.api.GrpcErrors;
import io.batchplane.api.v1.CreateRequest;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.WatchEvent;
import io.batchplane.api.v1.WatchRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * History is compacted: once the API server has compacted past a revision, a watch from it fails
 * with Expired (410 / OUT_OF_RANGE) instead of silently skipping changes, and a fresh list still
 * gives the client a revision to watch from.
 */
class WatchExpiryIT {

    @Test
    void aWatchFromACompactedRevisionIsExpired() throws Exception {
        String server = TestDatabase.serverUrl();
        ApiServers servers = new ApiServers(Files.createTempDirectory("bp-expiry"), TestDatabase.fresh(server).url(),
                Map.of("batchplane.store.compaction-interval", "1s", "batchplane.store.retention", "1s",
                        "batchplane.store.retain-revisions", "10", "batchplane.store.watch-cache-size", "10"));
        ApiServers.Instance api = servers.start("api-server-expiry");
        try (Grpc grpc = api.connect(ApiServers.ADMIN_TOKEN)) {
            for (int i = 0; i < 50; i++) {
                grpc.blocking().create(CreateRequest.newBuilder().setResource("namespaces").setJson(StoreConformanceIT.json(
                        "{\"metadata\":{\"name\":\"expiry-" + i + "\"}}")).build());
            }
            ApiException expired = null;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (expired == null && System.nanoTime() < deadline) {
                try {
                    Iterator<WatchEvent> events = grpc.blocking().watch(WatchRequest.newBuilder()
                            .setResource("namespaces").setResourceVersion(1).build());
                    events.hasNext();
                    Thread.sleep(500);
                } catch (StatusRuntimeException e) {
                    assertEquals(Status.Code.OUT_OF_RANGE, e.getStatus().getCode());
                    expired = GrpcErrors.fromGrpc(e);
                }
            }
            assertTrue(expired != null, "no Expired within 30 s");
            assertEquals("Expired", expired.status().getReason());
            assertEquals(410, expired.status().getCode());
            long revision = grpc.blocking().list(ListRequest.newBuilder().setResource("namespaces").build())
                    .getResourceVersion();
            assertTrue(revision > 50, "a fresh list gives a current revision: " + revision);
        } finally {
            api.process().close();
        }
    }
}
