package io.batchplane.e2e;

import io.batchplane.api.ApiException;
import io.batchplane.api.GrpcErrors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;

/** Assertions on failed gRPC calls: the gRPC code and the Kubernetes Status reason they carry. */
public final class Statuses {

    private Statuses() {
    }

    public static ApiException assertFails(Status.Code code, String reason, Executable call) {
        StatusRuntimeException e = Assertions.assertThrows(StatusRuntimeException.class, call);
        Assertions.assertEquals(code, e.getStatus().getCode(), () -> "gRPC code of " + e.getStatus());
        ApiException api = GrpcErrors.fromGrpc(e);
        Assertions.assertEquals(reason, api.status().getReason(), () -> "reason of " + api.status());
        return api;
    }
}
