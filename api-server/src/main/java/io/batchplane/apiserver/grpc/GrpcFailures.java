package io.batchplane.apiserver.grpc;

import io.batchplane.api.ApiException;
import io.batchplane.api.GrpcErrors;
import io.grpc.StatusRuntimeException;
import org.jboss.logging.Logger;

/**
 * Turns any failure of a call into the gRPC status the caller sees: API errors keep their
 * Kubernetes {@code Status}; anything else is a bug, logged, and answered as InternalError.
 */
final class GrpcFailures {

    private static final Logger LOG = Logger.getLogger(GrpcFailures.class);

    private GrpcFailures() {
    }

    static Throwable toGrpc(Throwable failure) {
        if (failure instanceof StatusRuntimeException) {
            return failure;
        }
        if (failure instanceof ApiException api) {
            return GrpcErrors.toGrpc(api);
        }
        LOG.error("unexpected failure serving a gRPC call", failure);
        return GrpcErrors.toGrpc(ApiException.internal(String.valueOf(failure.getMessage())));
    }
}
