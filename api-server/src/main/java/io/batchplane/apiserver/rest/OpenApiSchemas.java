package io.batchplane.apiserver.rest;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ResourceType;
import io.batchplane.apiserver.resource.Json;
import io.batchplane.apiserver.resource.Kinds;
import io.batchplane.apiserver.resource.StrategicMergePatch;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * OpenAPI v3 component schemas generated from the fabric8 model classes by Jackson introspection,
 * named as upstream names them ({@code io.k8s.api.batch.v1.Job},
 * {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}). The schema of each served kind carries
 * {@code x-kubernetes-group-version-kind}, and lists that merge under strategic merge patch carry
 * {@code x-kubernetes-patch-merge-key} / {@code x-kubernetes-patch-strategy}, so that clients (such
 * as {@code kubectl explain} and {@code kubectl apply}) read the same rules the server applies.
 */
final class OpenApiSchemas {

    private static final String FABRIC8 = "io.fabric8.kubernetes.api.model.";
    private static final Set<String> META = Set.of("ObjectMeta", "OwnerReference", "ManagedFieldsEntry", "LabelSelector",
            "LabelSelectorRequirement", "ListMeta", "Status", "StatusDetails", "StatusCause", "Condition",
            "FieldsV1", "MicroTime", "Time");

    private OpenApiSchemas() {
    }

    /** The component schemas reachable from {@code types}. */
    static ObjectNode componentsFor(Iterable<ResourceType> types) {
        ObjectNode schemas = Json.MAPPER.createObjectNode();
        Deque<Class<?>> pending = new ArrayDeque<>();
        for (ResourceType type : types) {
            Class<?> model = Kinds.strategy(type).modelClass();
            ObjectNode schema = beanSchema(model, pending);
            ObjectNode gvk = schema.putArray("x-kubernetes-group-version-kind").addObject();
            gvk.put("group", type.group());
            gvk.put("version", type.version());
            gvk.put("kind", type.kind());
            schemas.set(name(model), schema);
        }
        while (!pending.isEmpty()) {
            Class<?> next = pending.pop();
            if (!schemas.has(name(next))) {
                schemas.set(name(next), Json.MAPPER.createObjectNode());
                schemas.set(name(next), beanSchema(next, pending));
            }
        }
        return schemas;
    }

    /** The upstream schema name of a model class. */
    static String name(Class<?> model) {
        String n = model.getName();
        if (!n.startsWith(FABRIC8)) {
            return n;
        }
        String rest = n.substring(FABRIC8.length());
        int dot = rest.lastIndexOf('.');
        String simple = rest.substring(dot + 1);
        if (dot < 0) {
            return META.contains(simple) ? "io.k8s.apimachinery.pkg.apis.meta.v1." + simple : "io.k8s.api.core.v1." + simple;
        }
        return "io.k8s.api." + rest;
    }

    private static ObjectNode beanSchema(Class<?> model, Deque<Class<?>> pending) {
        ObjectNode schema = Json.MAPPER.createObjectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        JavaType javaType = Json.MAPPER.constructType(model);
        BeanDescription bean = Json.MAPPER.getSerializationConfig().introspect(javaType);
        for (BeanPropertyDefinition p : bean.findProperties()) {
            if (!p.couldSerialize()) {
                continue;
            }
            ObjectNode property = typeSchema(p.getPrimaryType(), pending);
            String mergeKey = StrategicMergePatch.mergeKey(parentField(model), p.getName());
            if (mergeKey != null && p.getPrimaryType().isCollectionLikeType()) {
                property.put("x-kubernetes-patch-merge-key", mergeKey);
                property.put("x-kubernetes-patch-strategy", "merge");
            }
            properties.set(p.getName(), property);
        }
        return schema;
    }

    /** The field name a class is found under, as {@link StrategicMergePatch#mergeKey} expects it. */
    private static String parentField(Class<?> model) {
        return switch (model.getSimpleName()) {
            case "Container" -> "containers";
            case "ObjectMeta" -> "metadata";
            default -> "";
        };
    }

    private static ObjectNode typeSchema(JavaType type, Deque<Class<?>> pending) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        Class<?> raw = type.getRawClass();
        if (type.isCollectionLikeType() || type.isArrayType()) {
            s.put("type", "array");
            s.set("items", typeSchema(type.getContentType(), pending));
        } else if (type.isMapLikeType()) {
            s.put("type", "object");
            s.set("additionalProperties", typeSchema(type.getContentType(), pending));
        } else if (raw == String.class) {
            s.put("type", "string");
        } else if (raw == Integer.class || raw == int.class) {
            s.put("type", "integer");
            s.put("format", "int32");
        } else if (raw == Long.class || raw == long.class) {
            s.put("type", "integer");
            s.put("format", "int64");
        } else if (raw == Boolean.class || raw == boolean.class) {
            s.put("type", "boolean");
        } else if (Number.class.isAssignableFrom(raw) || raw == double.class) {
            s.put("type", "number");
            s.put("format", "double");
        } else if (raw.getSimpleName().equals("IntOrString")) {
            s.put("x-kubernetes-int-or-string", true);
        } else if (raw.getSimpleName().equals("Quantity")) {
            s.put("type", "string");
        } else if (raw.getName().startsWith(FABRIC8) && !raw.isEnum()) {
            pending.push(raw);
            s.putArray("allOf").addObject().put("$ref", "#/components/schemas/" + name(raw));
        } else {
            s.put("type", "object");
            s.put("x-kubernetes-preserve-unknown-fields", true);
        }
        return s;
    }

}
