package io.batchplane.apiserver.rest;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.api.StatusReason;
import io.batchplane.api.v1.PatchType;
import io.vertx.ext.web.RoutingContext;

/**
 * The media types request bodies may have. Objects are JSON ({@code application/json}, or no
 * Content-Type) or, for the kinds {@link ProtobufBodies} covers, Kubernetes protobuf; patches are
 * named by their media type. Anything else, such as server-side apply, is a 415
 * UnsupportedMediaType naming what is accepted.
 */
final class BodyTypes {

    private BodyTypes() {
    }

    /** The body of a create or update as JSON; Kubernetes protobuf is decoded for the kinds it covers. */
    static byte[] objectBody(RoutingContext ctx, ResourceType resourceType) {
        String type = mediaType(ctx.request().getHeader("Content-Type"));
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        if (type.equals("application/vnd.kubernetes.protobuf") && resourceType != null) {
            return ProtobufBodies.toJson(resourceType, body);
        }
        if (!type.isEmpty() && !type.equals("application/json") && !type.equals("*/*")) {
            throw ApiException.of(StatusReason.UNSUPPORTED_MEDIA_TYPE, "the body of the request was in an unknown format"
                    + " - accepted media types include: application/json, application/vnd.kubernetes.protobuf");
        }
        return body;
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
