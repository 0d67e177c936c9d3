package io.batchplane.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Mounts the Kubernetes-compatible REST API on the HTTP server: {@code /version} (open, as
 * upstream's public-info-viewer role allows), and behind bearer-token authentication the
 * discovery documents, OpenAPI documents and every resource path. Bodies over 3 MiB are refused
 * with 413 (Vert.x needs the body handler ahead of every other handler of a route). WebSocket
 * upgrades (watches) take a route of their own without the body handler.
 */
@ApplicationScoped
public class RestRoutes {

    /** kube-apiserver's limit on a request body. */
    static final int MAX_REQUEST_BYTES = 3 * 1024 * 1024;
    static final String USER = "batchplane.user";

    @Inject
    BearerAuthenticator authenticator;
    @Inject
    ResourceHandlers resources;
    @Inject
    OpenApiHandler openApi;
    @Inject
    PodLogs podLogs;

    void mount(@Observes Router router) {
        router.get("/version").handler(ctx -> Responses.json(ctx, 200, Discovery.version()));
        router.getWithRegex("^/(api|apis)/.*$").handler(this::webSocket);
        router.get("/api/v1/namespaces/:namespace/pods/:name/log").handler(this::authenticate).handler(podLogs::handle);
        router.routeWithRegex("^/(api|apis|openapi)(/.*)?$")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_REQUEST_BYTES))
                .handler(this::authenticate)
                .handler(this::dispatch)
                .failureHandler(RestRoutes::failed);
    }

    /**
     * A GET that asks to upgrade to a WebSocket (fabric8 opens watches so) is served here, ahead of
     * the body handler: a request whose body was read can no longer be upgraded. Other requests
     * pass on to the main route.
     */
    private void webSocket(RoutingContext ctx) {
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            ctx.next();
            return;
        }
        try {
            ctx.put(USER, authenticator.authenticate(ctx.request().getHeader("Authorization")));
        } catch (ApiException e) {
            Responses.failure(ctx, e);
            return;
        }
        dispatch(ctx);
    }

    private void authenticate(RoutingContext ctx) {
        try {
            ctx.put(USER, authenticator.authenticate(ctx.request().getHeader("Authorization")));
            ctx.next();
        } catch (ApiException e) {
            Responses.failure(ctx, e);
        }
    }

    private void dispatch(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        try {
            if (path.startsWith("/openapi")) {
                openApi.handle(ctx, path);
                return;
            }
            if (discovery(ctx, path)) {
                return;
            }
            resources.handle(ctx, ctx.get(USER), RestPath.parse(path));
        } catch (RuntimeException e) {
            Responses.failure(ctx, e);
        }
    }

    /** Answers a discovery path; false when the path addresses resources instead. */
    private static boolean discovery(RoutingContext ctx, String path) {
        String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        String[] s = trimmed.substring(1).split("/");
        if (s.length > 3 || (s[0].equals("api") && s.length > 2)) {
            return false;
        }
        if (!ctx.request().method().name().equals("GET")) {
            throw methodNotAllowed();
        }
        Object body;
        if (s[0].equals("api")) {
            body = s.length == 1 ? Discovery.coreVersions(ctx.request().authority() == null ? ""
                    : ctx.request().authority().toString()) : Discovery.resources("", s[1]);
        } else if (s.length == 1) {
            body = Discovery.groups();
        } else if (s.length == 2) {
            body = group(s[1]);
        } else {
            body = Discovery.resources(s[1], s[2]);
        }
        if (body == null) {
            throw RestPath.notFound();
        }
        Responses.json(ctx, 200, body);
        return true;
    }

    /** {@code /apis/{group}}: the group's entry of the group list, as an APIGroup; null if not served. */
    private static ObjectNode group(String name) {
        for (JsonNode group : Discovery.groups().path("groups")) {
            if (group.path("name").asText().equals(name)) {
                ObjectNode g = ((ObjectNode) group).deepCopy();
                g.put("kind", "APIGroup");
                g.put("apiVersion", "v1");
                return g;
            }
        }
        return null;
    }

    static ApiException methodNotAllowed() {
        return ApiException.of(StatusReason.METHOD_NOT_ALLOWED,
                "the server does not allow this method on the requested resource");
    }

    /**
     * Whether the request claims a form body. Vert.x's body handler decodes such bodies itself and
     * fails on what it cannot decode (a form on a GET, a broken multipart); no Kubernetes API
     * accepts forms, so that is the client's unsupported media type, not a server error.
     */
    private static boolean formBody(RoutingContext ctx) {
        String type = BodyTypes.mediaType(ctx.request().getHeader("Content-Type"));
        return type.equals("multipart/form-data") || type.equals("application/x-www-form-urlencoded");
    }

    private static void failed(RoutingContext ctx) {
        if (ctx.failure() != null && !(ctx.failure() instanceof ApiException) && formBody(ctx)) {
            Responses.failure(ctx, ApiException.of(StatusReason.UNSUPPORTED_MEDIA_TYPE,
                    "the body of the request was in an unknown format - accepted media types include: "
                            + "application/json, application/vnd.kubernetes.protobuf"));
        } else if (ctx.failure() != null) {
            Responses.failure(ctx, ctx.failure());
        } else if (ctx.statusCode() == 413) {
            Responses.failure(ctx, ApiException.of(StatusReason.REQUEST_ENTITY_TOO_LARGE,
                    "Request entity too large: limit is " + MAX_REQUEST_BYTES));
        } else {
            Responses.failure(ctx, ApiException.badRequest("the request could not be read (HTTP "
                    + ctx.statusCode() + ")"));
        }
    }
}
