package io.batchplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.api.v1.CreateRequest;
import io.batchplane.api.v1.GetRequest;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.ObjectKey;
import io.batchplane.api.v1.ResourcesGrpc;
import io.batchplane.e2e.Objects;
import java.nio.charset.StandardCharsets;
import com.google.protobuf.ByteString;

/** Creating and reading the benchmark's Jobs, pods and namespaces through gRPC. */
final class Jobs {

    private Jobs() {
    }

    static ByteString json(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }

    static void createNamespace(ResourcesGrpc.ResourcesBlockingStub stub, String name) {
        stub.create(CreateRequest.newBuilder().setResource("namespaces").setJson(json(
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}")).build());
    }

    /** A Job whose pods (simulated) succeed at once. {@code completionMode}: Indexed or NonIndexed. */
    static String job(String name, int completions, int parallelism, String completionMode) {
        return "{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"spec\":{\"completions\":" + completions + ",\"parallelism\":" + parallelism
                + ",\"completionMode\":\"" + completionMode + "\",\"backoffLimit\":6,\"template\":{\"spec\":{"
                + "\"restartPolicy\":\"Never\",\"containers\":[{\"name\":\"work\",\"image\":\"busybox\","
                + "\"command\":[\"true\"]}]}}}}";
    }

    static void create(ResourcesGrpc.ResourcesBlockingStub stub, String namespace, String json) {
        stub.create(CreateRequest.newBuilder().setResource("jobs").setNamespace(namespace).setJson(json(json)).build());
    }

    static JsonNode get(ResourcesGrpc.ResourcesBlockingStub stub, String namespace, String name) {
        return Objects.parse(stub.get(GetRequest.newBuilder().setKey(ObjectKey.newBuilder().setResource("jobs")
                .setNamespace(namespace).setName(name)).build()));
    }

    /** The store's current revision (from a one-item list). */
    static long revision(ResourcesGrpc.ResourcesBlockingStub stub, String resource) {
        return stub.list(ListRequest.newBuilder().setResource(resource).setLimit(1).build()).getResourceVersion();
    }
}
