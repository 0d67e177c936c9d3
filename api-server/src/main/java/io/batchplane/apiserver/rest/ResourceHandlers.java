package io.batchplane.apiserver.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.api.StatusReason;
import io.batchplane.api.v1.PatchType;
import io.batchplane.apiserver.auth.UserInfo;
import io.batchplane.apiserver.resource.Admission;
import io.batchplane.apiserver.resource.DeleteOptions;
import io.batchplane.apiserver.resource.Json;
import io.batchplane.apiserver.resource.ObjectCodec;
import io.batchplane.apiserver.resource.PodBinding;
import io.batchplane.apiserver.resource.ResourceDeletes;
import io.batchplane.apiserver.resource.ResourceReads;
import io.batchplane.apiserver.resource.ResourceWrites;
import io.batchplane.apiserver.resource.StrategicMergePatch;
import io.batchplane.apiserver.storage.ListResult;
import io.batchplane.apiserver.storage.ObjectKey;
import io.batchplane.apiserver.storage.StoredObject;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Supplier;

/**
 * The verbs on resource paths, mapped onto the resource layer as kube-apiserver maps HTTP onto
 * its registry: GET (get, list, watch), POST (create, pods/binding), PUT (update, status), PATCH
 * (merge, JSON and strategic merge patches, status), DELETE (delete, deletecollection). This class
 * only translates; the rules live in the resource layer.
 */
@ApplicationScoped
public class ResourceHandlers {

    @Inject
    ResourceReads reads;
    @Inject
    ResourceWrites writes;
    @Inject
    ResourceDeletes deletes;
    @Inject
    PodBinding binding;
    @Inject
    Admission admission;
    @Inject
    WatchStream watches;

    void handle(RoutingContext ctx, UserInfo user, RestPath path) {
        String method = ctx.request().method().name();
        MultiMap query = ctx.queryParams();
        if (!path.subresource().isEmpty() && !knownSubresource(path)) {
            throw RestPath.notFound();
        }
        switch (method) {
            case "GET" -> {
                if (RequestOptions.flag(query, "watch") && path.subresource().isEmpty()) {
                    watches.serve(ctx, user, path, query);
                } else if (!path.collection()) {
                    reply(ctx, 200, () -> reads.get(user, path.type().resource(), path.namespace(), path.name())
                            .map(o -> Tables.render(ctx, path.type(), o.object())));
                } else {
                    reply(ctx, 200, () -> list(user, path, query).map(l -> Tables.renderList(ctx, path.type(), l)));
                }
            }
            case "POST" -> create(ctx, user, path, query);
            case "PUT" -> update(ctx, user, path, query);
            case "PATCH" -> patch(ctx, user, path, query);
            case "DELETE" -> delete(ctx, user, path, query);
            default -> throw RestRoutes.methodNotAllowed();
        }
    }

    private static boolean knownSubresource(RestPath path) {
        return (path.subresource().equals("status") && Discovery.hasStatus(path.type()))
                || (path.subresource().equals("binding") && path.type().equals(ResourceType.PODS));
    }

    private Uni<ObjectNode> list(UserInfo user, RestPath path, MultiMap query) {
        String cont = query.get("continue");
        return reads.list(user, path.type().resource(), path.namespace(), query.get("labelSelector"),
                        query.get("fieldSelector"), RequestOptions.limit(query), cont == null || cont.isEmpty() ? null : cont)
                .map(result -> listNode(path.type(), result));
    }

    static ObjectNode listNode(ResourceType type, ListResult result) {
        ObjectNode list = Json.MAPPER.createObjectNode();
        list.put("kind", type.kind() + "List");
        list.put("apiVersion", type.apiVersion());
        ObjectNode meta = list.putObject("metadata");
        meta.put("resourceVersion", String.valueOf(result.revision()));
        if (result.continueToken() != null && !result.continueToken().isEmpty()) {
            meta.put("continue", result.continueToken());
            if (result.remainingItemCount() > 0) {
                meta.put("remainingItemCount", result.remainingItemCount());
            }
        }
        ArrayNode items = list.putArray("items");
        result.items().forEach(o -> items.add(o.object()));
        return list;
    }

    private void create(RoutingContext ctx, UserInfo user, RestPath path, MultiMap query) {
        boolean dryRun = RequestOptions.dryRun(query);
        byte[] body = BodyTypes.objectBody(ctx, path.subresource().isEmpty() ? path.type() : null);
        if (path.subresource().equals("binding")) {
            reply(ctx, 201, () -> binding.bind(user, path.namespace(), path.name(), body, dryRun)
                    .map(o -> successStatus()));
            return;
        }
        if (!path.collection()) {
            throw RestRoutes.methodNotAllowed();
        }
        FieldValidation.Mode mode = FieldValidation.mode(query);
        warn(ctx, FieldValidation.check(path.type(), body, mode));
        byte[] known = FieldValidation.pruned(path.type(), body);
        reply(ctx, 201, () -> writes.create(user, path.type().resource(), path.namespace(), known, dryRun)
                .map(StoredObject::object));
    }

    private void update(RoutingContext ctx, UserInfo user, RestPath path, MultiMap query) {
        if (path.collection() || path.subresource().equals("binding")) {
            throw RestRoutes.methodNotAllowed();
        }
        boolean dryRun = RequestOptions.dryRun(query);
        byte[] body = BodyTypes.objectBody(ctx, path.subresource().isEmpty() ? path.type() : null);
        ObjectNode node = ObjectCodec.decode(path.type(), body);
        String bodyName = node.path("metadata").path("name").asText("");
        if (bodyName.isEmpty()) {
            node.with("metadata").put("name", path.name());
        } else if (!bodyName.equals(path.name())) {
            throw ApiException.badRequest("the name of the object (" + bodyName
                    + ") does not match the name on the URL (" + path.name() + ")");
        }
        String bodyNamespace = node.path("metadata").path("namespace").asText("");
        if (path.type().namespaced() && !bodyNamespace.isEmpty() && !bodyNamespace.equals(path.namespace())) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        warn(ctx, FieldValidation.check(path.type(), body, FieldValidation.mode(query)));
        boolean status = path.subresource().equals("status");
        byte[] known = FieldValidation.pruned(path.type(), ObjectCodec.encode(node));
        reply(ctx, 200, () -> writes.update(user, path.type().resource(), path.namespace(), known, dryRun, status)
                .map(StoredObject::object));
    }

    private void patch(RoutingContext ctx, UserInfo user, RestPath path, MultiMap query) {
        if (path.collection() || path.subresource().equals("binding")) {
            throw RestRoutes.methodNotAllowed();
        }
        boolean dryRun = RequestOptions.dryRun(query);
        PatchType patchType = BodyTypes.patchType(ctx.request().getHeader("Content-Type"));
        byte[] patch = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        boolean status = path.subresource().equals("status");
        ObjectKey key = new ObjectKey(path.type().resource(), path.namespace(), path.name());
        if (patchType != PatchType.JSON) {
            warn(ctx, FieldValidation.check(path.type(), StrategicMergePatch.withoutDirectives(patch),
                    FieldValidation.mode(query)));
        }
        reply(ctx, 200, () -> writes.patch(user, key, patchType, patch, dryRun, status).map(StoredObject::object));
    }

    private void delete(RoutingContext ctx, UserInfo user, RestPath path, MultiMap query) {
        if (!path.subresource().isEmpty()) {
            throw RestRoutes.methodNotAllowed();
        }
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        DeleteOptions options = RequestOptions.deleteOptions(query, body);
        if (!path.collection()) {
            ObjectKey key = new ObjectKey(path.type().resource(), path.namespace(), path.name());
            reply(ctx, 200, () -> deletes.delete(user, key, options).map(StoredObject::object));
            return;
        }
        reply(ctx, 200, () -> {
            admission.authorize(user, "deletecollection", path.type(), "", path.type().namespaced()
                    ? path.namespace() : "", "");
            return reads.list(user, path.type().resource(), path.namespace(), query.get("labelSelector"),
                            query.get("fieldSelector"), 0, null)
                    .onItem().transformToMulti(result -> Multi.createFrom().iterable(result.items()))
                    .onItem().transformToUniAndConcatenate(o -> deletes.delete(user, o.key(), options)
                            .onFailure(e -> e instanceof ApiException api && api.reason() == StatusReason.NOT_FOUND)
                            .recoverWithItem(o))
                    .collect().asList()
                    .map(deleted -> listNode(path.type(), new ListResult(deleted, 0, null, 0)));
        });
    }

    private static ObjectNode successStatus() {
        ObjectNode status = Json.MAPPER.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        status.put("code", 201);
        return status;
    }

    static void warn(RoutingContext ctx, List<String> warnings) {
        for (String w : warnings) {
            ctx.response().headers().add("Warning", "299 - \"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
    }

    /** Runs {@code call} and answers with its item, or with the Status of its failure. */
    static void reply(RoutingContext ctx, int code, Supplier<Uni<?>> call) {
        Uni.createFrom().deferred(call).subscribe().with(
                item -> Responses.json(ctx, code, item),
                failure -> Responses.failure(ctx, failure));
    }
}
