package io.batchplane.bench;

import com.google.protobuf.ByteString;
import io.batchplane.api.v1.CreateRequest;
import io.batchplane.api.v1.DeleteRequest;
import io.batchplane.api.v1.ObjectKey;
import io.batchplane.api.v1.ResourceObject;
import io.batchplane.api.v1.ResourcesGrpc;
import io.batchplane.api.v1.UpdateRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Create, update and delete loops through the API server's gRPC API on Leases in one namespace,
 * each client on its own objects. Updates name the resourceVersion (compare-and-swap), as
 * controllers do.
 */
final class ApiLoad {

    static final String NAMESPACE = "bench";

    private final List<ResourcesGrpc.ResourcesBlockingStub> stubs;
    private final ConcurrentHashMap<Integer, ConcurrentLinkedQueue<String>> created = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> versions = new ConcurrentHashMap<>();

    ApiLoad(List<ResourcesGrpc.ResourcesBlockingStub> stubs) {
        this.stubs = stubs;
    }

    double creates(int clients, double seconds, String round) throws Exception {
        return Rate.measure(clients, seconds, (client, seq) -> {
            String name = round + "-c" + client + "-" + seq;
            ResourceObject o = stub(client).create(CreateRequest.newBuilder().setResource("leases")
                    .setNamespace(NAMESPACE).setJson(json(lease(name, seq, null))).build());
            created.computeIfAbsent(client, c -> new ConcurrentLinkedQueue<>()).add(name);
            versions.put(name, o.getResourceVersion());
            return true;
        });
    }

    double updates(int clients, double seconds) throws Exception {
        return Rate.measure(clients, seconds, (client, seq) -> {
            ConcurrentLinkedQueue<String> mine = created.get(client);
            String name = mine.poll();
            if (name == null) {
                return false;
            }
            ResourceObject o = stub(client).update(UpdateRequest.newBuilder().setResource("leases").setNamespace(NAMESPACE)
                    .setJson(json(lease(name, seq + 1, versions.get(name)))).build());
            versions.put(name, o.getResourceVersion());
            mine.add(name);
            return true;
        });
    }

    double deletes(int clients, double seconds) throws Exception {
        return Rate.measure(clients, seconds, (client, seq) -> {
            ConcurrentLinkedQueue<String> mine = created.get(client);
            String name = mine == null ? null : mine.poll();
            if (name == null) {
                return false;
            }
            stub(client).delete(DeleteRequest.newBuilder().setKey(ObjectKey.newBuilder().setResource("leases")
                    .setNamespace(NAMESPACE).setName(name)).build());
            return true;
        });
    }

    private ResourcesGrpc.ResourcesBlockingStub stub(int client) {
        return stubs.get(client % stubs.size());
    }

    static String lease(String name, long transitions, Long resourceVersion) {
        String rv = resourceVersion == null ? "" : ",\"resourceVersion\":\"" + resourceVersion + "\"";
        return "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"" + NAMESPACE + "\"" + rv + "},\"spec\":{\"holderIdentity\":\"bench\","
                + "\"leaseDurationSeconds\":40,\"leaseTransitions\":" + transitions + "}}";
    }

    static ByteString json(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }
}
