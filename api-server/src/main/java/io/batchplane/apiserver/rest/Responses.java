package io.batchplane.apiserver.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.api.ApiException;
import io.batchplane.apiserver.resource.Json;
import io.fabric8.kubernetes.api.model.Status;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * Writes REST answers: objects as {@code application/json}, failures as a Kubernetes
 * {@code Status} with the HTTP code its reason stands for. An exception that is not an
 * {@link ApiException} is a bug: it is logged and answered as InternalError.
 */
final class Responses {

    private static final Logger LOG = Logger.getLogger(Responses.class);

    private Responses() {
    }

    static void json(RoutingContext ctx, int code, Object body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(code).putHeader("Content-Type", "application/json");
        response.end(Buffer.buffer(bytes(body)));
    }

    static void failure(RoutingContext ctx, Throwable failure) {
        ApiException api = toApi(failure);
        json(ctx, api.status().getCode(), api.status());
    }

    /** The Status a failure answers with. */
    static ApiException toApi(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ApiException api) {
            return api;
        }
        LOG.error("REST request failed unexpectedly", t);
        return ApiException.internal(String.valueOf(t.getMessage()));
    }

    static Status status(Throwable failure) {
        return toApi(failure).status();
    }

    static byte[] bytes(Object body) {
        try {
            return body instanceof JsonNode node ? Json.MAPPER.writeValueAsBytes(node) : Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw ApiException.internal("cannot encode response: " + e.getOriginalMessage());
        }
    }
}
