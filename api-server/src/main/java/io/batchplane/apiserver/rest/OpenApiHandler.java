package io.batchplane.apiserver.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ResourceType;
import io.batchplane.apiserver.resource.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAPI v3 discovery: {@code /openapi/v3} lists one document per group version, each at
 * {@code /openapi/v3/<api/v1|apis/group/version>?hash=…}. A document holds the object and
 * collection paths of each served kind — the PATCH operation tagged with
 * {@code x-kubernetes-group-version-kind} and taking {@code fieldValidation}, which is what kubectl
 * checks before it relies on server-side field validation — and the kinds' schemas
 * ({@link OpenApiSchemas}). Strategic merge patch is deliberately not listed as a PATCH body, so
 * that kubectl computes its patches from its built-in type information, the same rules this server
 * applies. OpenAPI v2 is not served (404).
 */
@ApplicationScoped
public class OpenApiHandler {

    private final Map<String, byte[]> documents = new LinkedHashMap<>();
    private final Map<String, String> hashes = new LinkedHashMap<>();

    OpenApiHandler() {
        Map<String, List<ResourceType>> byGroupVersion = new LinkedHashMap<>();
        for (ResourceType t : ResourceType.ALL) {
            String key = t.group().isEmpty() ? "api/v1" : "apis/" + t.group() + "/" + t.version();
            byGroupVersion.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(t);
        }
        byGroupVersion.forEach((key, types) -> {
            byte[] doc = Responses.bytes(document(types));
            documents.put(key, doc);
            hashes.put(key, sha256(doc));
        });
    }

    void handle(RoutingContext ctx, String path) {
        if (!ctx.request().method().name().equals("GET")) {
            throw RestRoutes.methodNotAllowed();
        }
        String rest = path.replaceFirst("^/openapi/v3/?", "");
        if (!path.startsWith("/openapi/v3")) {
            throw RestPath.notFound();
        }
        if (rest.isEmpty()) {
            ObjectNode index = Json.MAPPER.createObjectNode();
            ObjectNode paths = index.putObject("paths");
            hashes.forEach((key, hash) -> paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key
                    + "?hash=" + hash));
            Responses.json(ctx, 200, index);
            return;
        }
        byte[] doc = documents.get(rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest);
        if (doc == null) {
            throw RestPath.notFound();
        }
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(io.vertx.core.buffer.Buffer.buffer(doc));
    }

    static ObjectNode document(List<ResourceType> types) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Kubernetes");
        info.put("version", "v" + Discovery.MAJOR + "." + Discovery.MINOR + ".0");
        ObjectNode paths = doc.putObject("paths");
        for (ResourceType type : types) {
            String prefix = type.group().isEmpty() ? "/api/v1" : "/apis/" + type.apiVersion();
            String scope = type.namespaced() ? prefix + "/namespaces/{namespace}/" : prefix + "/";
            String schemaRef = "#/components/schemas/" + OpenApiSchemas.name(
                    io.batchplane.apiserver.resource.Kinds.strategy(type).modelClass());
            ObjectNode item = paths.putObject(scope + type.resource() + "/{name}");
            item.set("get", operation(type, "read", schemaRef, List.of()));
            item.set("put", operation(type, "replace", schemaRef, List.of("dryRun", "fieldManager", "fieldValidation")));
            ObjectNode patch = operation(type, "patch", schemaRef, List.of("dryRun", "fieldManager", "fieldValidation",
                    "force"));
            ObjectNode content = patch.putObject("requestBody").putObject("content");
            for (String media : List.of("application/json-patch+json", "application/merge-patch+json")) {
                content.putObject(media).putObject("schema").put("type", "object");
            }
            item.set("patch", patch);
            item.set("delete", operation(type, "delete", schemaRef, List.of("dryRun", "gracePeriodSeconds",
                    "propagationPolicy")));
            ObjectNode collection = paths.putObject(scope + type.resource());
            collection.set("get", operation(type, "list", schemaRef, List.of("labelSelector", "fieldSelector", "limit",
                    "continue", "watch", "resourceVersion", "timeoutSeconds", "allowWatchBookmarks")));
            collection.set("post", operation(type, "create", schemaRef, List.of("dryRun", "fieldManager",
                    "fieldValidation")));
        }
        doc.putObject("components").set("schemas", OpenApiSchemas.componentsFor(types));
        return doc;
    }

    private static ObjectNode operation(ResourceType type, String action, String schemaRef, List<String> queryParams) {
        ObjectNode op = Json.MAPPER.createObjectNode();
        op.put("operationId", action + (type.namespaced() ? "Namespaced" : "") + type.kind());
        ArrayNode params = op.putArray("parameters");
        for (String name : queryParams) {
            ObjectNode p = params.addObject();
            p.put("name", name);
            p.put("in", "query");
            p.putObject("schema").put("type", "string");
        }
        ObjectNode ok = op.putObject("responses").putObject("200");
        ok.put("description", "OK");
        ok.putObject("content").putObject("application/json").putObject("schema").put("$ref", schemaRef);
        op.put("x-kubernetes-action", action.equals("read") ? "get" : action);
        ObjectNode gvk = op.putObject("x-kubernetes-group-version-kind");
        gvk.put("group", type.group());
        gvk.put("version", type.version());
        gvk.put("kind", type.kind());
        return op;
    }

    private static String sha256(byte[] doc) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(doc));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
