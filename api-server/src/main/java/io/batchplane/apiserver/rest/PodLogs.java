package io.batchplane.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.apiserver.auth.UserInfo;
import io.batchplane.apiserver.resource.Admission;
import io.batchplane.apiserver.resource.ResourceReads;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/namespaces/{ns}/pods/{name}/log?container=&follow=&tailLines=&previous=&timestamps=}:
 * authorizes {@code get pods/log}, finds the node the pod is bound to and streams that node agent's
 * {@code /containerLogs/{ns}/{pod}/{container}} back as plain text. The agent is reached at the Node's
 * {@code InternalIP} address and {@code status.daemonEndpoints.kubeletEndpoint.Port}. The container
 * defaults to the pod's only container; with several, naming none is a Bad Request (as upstream).
 */
@ApplicationScoped
public class PodLogs {

    static final List<String> FORWARDED = List.of("follow", "tailLines", "previous", "timestamps");

    @Inject
    ResourceReads reads;
    @Inject
    Admission admission;
    @Inject
    Vertx vertx;

    private HttpClient http;

    @PostConstruct
    void init() {
        http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000));
    }

    void handle(RoutingContext ctx) {
        UserInfo user = ctx.get(RestRoutes.USER);
        String ns = ctx.pathParam("namespace");
        String name = ctx.pathParam("name");
        try {
            admission.authorize(user, "get", ResourceType.PODS, "log", ns, name);
        } catch (RuntimeException e) {
            Responses.failure(ctx, e);
            return;
        }
        reads.get(Admission.SYSTEM, "pods", ns, name).chain(pod -> {
            String container = container(pod.object(), name, ctx.queryParams().get("container"));
            String node = pod.object().path("spec").path("nodeName").asText("");
            if (node.isEmpty()) {
                throw ApiException.badRequest("pod " + name + " does not have a host assigned");
            }
            return reads.get(Admission.SYSTEM, "nodes", "", node).map(n -> target(n.object(), node, ns, name, container, ctx.queryParams()));
        }).subscribe().with(req -> proxy(ctx, req), failure -> Responses.failure(ctx, failure));
    }

    private void proxy(RoutingContext ctx, RequestOptions req) {
        http.request(req).compose(r -> r.send()).onSuccess(res -> {
            if (res.statusCode() != 200) {
                res.body().onComplete(body -> Responses.failure(ctx, agentError(res.statusCode(),
                        body.succeeded() ? body.result().toString().trim() : "the node agent answered " + res.statusCode())));
                return;
            }
            ctx.response().setStatusCode(res.statusCode()).setChunked(true)
                    .putHeader("Content-Type", "text/plain; charset=utf-8");
            res.pipeTo(ctx.response());
            ctx.request().connection().closeHandler(v -> res.request().reset());
        }).onFailure(e -> Responses.failure(ctx,
                ApiException.internal("cannot reach the node agent at " + req.getHost() + ":" + req.getPort() + ": " + e.getMessage())));
    }

    /** The agent's plain-text refusal as a Status, so clients (kubectl) show its message. */
    static ApiException agentError(int code, String message) {
        return switch (code) {
            case 400 -> ApiException.badRequest(message);
            case 404 -> ApiException.of(io.batchplane.api.StatusReason.NOT_FOUND, message);
            default -> ApiException.internal("the node agent answered " + code + ": " + message);
        };
    }

    static String container(JsonNode pod, String name, String requested) {
        List<String> names = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
        pod.path("spec").path("initContainers").forEach(c -> names.add(c.path("name").asText()));
        if (requested == null || requested.isEmpty()) {
            if (pod.path("spec").path("containers").size() == 1) {
                return names.get(0);
            }
            throw ApiException.badRequest("a container name must be specified for pod " + name + ", choose one of: " + names);
        }
        if (!names.contains(requested)) {
            throw ApiException.badRequest("container " + requested + " is not valid for pod " + name);
        }
        return requested;
    }

    static RequestOptions target(JsonNode node, String nodeName, String ns, String pod, String container, MultiMap query) {
        String host = null;
        for (JsonNode a : node.path("status").path("addresses")) {
            if (a.path("type").asText().equals("InternalIP")) {
                host = a.path("address").asText();
            }
        }
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        if (host == null || port == 0) {
            throw ApiException.badRequest("node " + nodeName + " reports no InternalIP address and kubelet port");
        }
        StringBuilder uri = new StringBuilder("/containerLogs/").append(enc(ns)).append('/').append(enc(pod)).append('/')
                .append(enc(container));
        char sep = '?';
        for (String p : FORWARDED) {
            String v = query.get(p);
            if (v != null) {
                uri.append(sep).append(p).append('=').append(enc(v));
                sep = '&';
            }
        }
        return new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setURI(uri.toString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
