package io.batchplane.apiserver.rest;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.api.v1.PatchType;
import io.vertx.ext.web.RoutingContext;

/**
 * The media types request bodies may have. Objects are JSON ({@code application/json}, or no
 * Content-Type); patches are named by their media type. Anything else, such as Kubernetes
 * protobuf or server-side apply, is a 415 UnsupportedMediaType naming what is accepted.
 */
final class BodyTypes {

    private BodyTypes() {
    }

    /** The body of a create or update, which must be JSON. */
    static byte[] objectBody(RoutingContext ctx) {
        String type = mediaType(ctx.request().getHeader("Content-Type"));
        if (!type.isEmpty() && !type.equals("application/json") && !type.equals("*/*")) {
            throw ApiException.of(StatusReason.UNSUPPORTED_MEDIA_TYPE, "the body of the request was in an unknown format"
                    + " - accepted media types include: application/json");
        }
        return ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    }

    /** The patch type a PATCH's Content-Type names. */
    static PatchType patchType(String contentType) {
        return switch (mediaType(contentType)) {
            case "application/merge-patch+json" -> PatchType.MERGE;
            case "application/json-patch+json" -> PatchType.JSON;
            case "application/strategic-merge-patch+json" -> PatchType.STRATEGIC;
            default -> throw ApiException.of(StatusReason.UNSUPPORTED_MEDIA_TYPE,
                    "the body of the request was in an unknown format - accepted media types include: "
                            + "application/json-patch+json, application/merge-patch+json, "
                            + "application/strategic-merge-patch+json");
        };
    }

    /** The media type without parameters, lower case; empty when absent. */
    static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase();
    }
}
