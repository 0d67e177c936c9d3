package io.batchplane.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ResourceType;
import io.batchplane.apiserver.resource.Json;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;

/**
 * Server-side printing: when the Accept header asks for {@code as=Table;g=meta.k8s.io;v=v1}, an
 * object or list is answered as a {@code meta.k8s.io/v1 Table} with upstream's columns for the kind
 * (see {@link TableColumns}), so that {@code kubectl get} prints what it prints against
 * kube-apiserver. {@code includeObject=None|Metadata|Object} chooses what each row carries
 * (Metadata, a PartialObjectMetadata, by default).
 */
final class Tables {

    private Tables() {
    }

    /** Whether the request's Accept header prefers a Table. */
    static boolean wanted(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            String r = range.replace(" ", "");
            if (r.contains("as=Table") && r.contains("g=meta.k8s.io") && (r.contains("v=v1;") || r.endsWith("v=v1"))) {
                return true;
            }
        }
        return false;
    }

    /** The object itself, or a one-row Table when the client asked for one. */
    static ObjectNode render(RoutingContext ctx, ResourceType type, ObjectNode object) {
        if (!wanted(ctx)) {
            return object;
        }
        return table(type, List.of(object), object.path("metadata").path("resourceVersion").asText(""),
                ctx.queryParams().get("includeObject"), Clock.systemUTC());
    }

    /** The list itself, or a Table of its items when the client asked for one. */
    static ObjectNode renderList(RoutingContext ctx, ResourceType type, ObjectNode list) {
        if (!wanted(ctx)) {
            return list;
        }
        List<ObjectNode> items = new java.util.ArrayList<>();
        list.path("items").forEach(i -> items.add((ObjectNode) i));
        ObjectNode table = table(type, items, list.path("metadata").path("resourceVersion").asText(""),
                ctx.queryParams().get("includeObject"), Clock.systemUTC());
        JsonNode meta = list.path("metadata");
        if (meta.has("continue")) {
            table.with("metadata").set("continue", meta.get("continue"));
        }
        if (meta.has("remainingItemCount")) {
            table.with("metadata").set("remainingItemCount", meta.get("remainingItemCount"));
        }
        return table;
    }

    static ObjectNode table(ResourceType type, List<ObjectNode> objects, String resourceVersion, String includeObject,
            Clock clock) {
        ObjectNode table = Json.MAPPER.createObjectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", resourceVersion);
        List<TableColumns.Column> columns = TableColumns.forType(type);
        ArrayNode definitions = table.putArray("columnDefinitions");
        for (TableColumns.Column c : columns) {
            ObjectNode d = definitions.addObject();
            d.put("name", c.name());
            d.put("type", c.type());
            d.put("format", c.name().equals("Name") ? "name" : "");
            d.put("description", c.description());
            d.put("priority", c.priority());
        }
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (TableColumns.Column c : columns) {
                Object value = c.cell().apply(object, clock.instant());
                if (value instanceof Number n) {
                    cells.add(n.longValue());
                } else if (value instanceof Boolean b) {
                    cells.add(b);
                } else {
                    cells.add(value == null ? "" : value.toString());
                }
            }
            if ("None".equals(includeObject)) {
                continue;
            }
            if ("Object".equals(includeObject)) {
                row.set("object", object);
            } else {
                ObjectNode partial = row.putObject("object");
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", object.path("metadata").deepCopy());
            }
        }
        return table;
    }
}
