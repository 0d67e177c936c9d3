package io.batchplane.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.batchplane.api.v1.KubeStatus;
import io.fabric8.kubernetes.api.model.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Carries {@link ApiException}s across gRPC: the code from {@link StatusReason}, the Kubernetes
 * {@code Status} as JSON in a {@link KubeStatus} detail, so the receiving side rebuilds the very
 * same exception.
 */
public final class GrpcErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GrpcErrors() {
    }

    /** The gRPC form of an API error. */
    public static StatusRuntimeException toGrpc(ApiException e) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(e.status());
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        com.google.rpc.Status rpc = com.google.rpc.Status.newBuilder()
                .setCode(e.reason().grpcCode().value())
                .setMessage(e.getMessage() == null ? "" : e.getMessage())
                .addDetails(Any.pack(KubeStatus.newBuilder().setJson(ByteString.copyFrom(json)).build()))
                .build();
        return StatusProto.toStatusRuntimeException(rpc);
    }

    /**
     * The API error a failed call stands for: the carried {@code Status} when there is one, else one
     * made from the bare gRPC code (a transport failure reads as ServiceUnavailable).
     */
    public static ApiException fromGrpc(Throwable t) {
        if (t instanceof ApiException api) {
            return api;
        }
        com.google.rpc.Status rpc = StatusProto.fromThrowable(t);
        if (rpc != null) {
            for (Any any : rpc.getDetailsList()) {
                if (any.is(KubeStatus.class)) {
                    try {
                        byte[] json = any.unpack(KubeStatus.class).getJson().toByteArray();
                        return new ApiException(JSON.readValue(json, Status.class));
                    } catch (IOException ignored) {
                        break;
                    }
                }
            }
        }
        io.grpc.Status status = io.grpc.Status.fromThrowable(t);
        String message = status.getDescription() != null ? status.getDescription() : String.valueOf(t);
        return ApiException.of(StatusReason.ofGrpc(status.getCode()), message);
    }
}
