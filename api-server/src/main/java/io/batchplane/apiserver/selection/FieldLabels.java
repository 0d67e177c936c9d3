package io.batchplane.apiserver.selection;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fields each resource can be selected by, as kube-apiserver supports them, and how to read each
 * from an object's JSON. Every kind supports {@code metadata.name} and {@code metadata.namespace};
 * the rest are per kind. A field absent from the object reads as its zero value (the empty string,
 * {@code 0} for counts, {@code false} for flags), as the Go structs in kube-apiserver would.
 */
final class FieldLabels {

    private static final Map<String, Map<String, Function<ObjectNode, String>>> BY_RESOURCE = new HashMap<>();

    static {
        with("pods",
                "spec.nodeName", text("/spec/nodeName"),
                "spec.restartPolicy", text("/spec/restartPolicy"),
                "spec.schedulerName", text("/spec/schedulerName"),
                "spec.serviceAccountName", text("/spec/serviceAccountName"),
                "status.phase", text("/status/phase"),
                "status.podIP", text("/status/podIP"),
                "status.nominatedNodeName", text("/status/nominatedNodeName"));
        with("jobs", "status.successful", number("/status/succeeded"));
        with("nodes", "spec.unschedulable", flag("/spec/unschedulable"));
        with("events",
                "involvedObject.kind", text("/involvedObject/kind"),
                "involvedObject.namespace", text("/involvedObject/namespace"),
                "involvedObject.name", text("/involvedObject/name"),
                "involvedObject.uid", text("/involvedObject/uid"),
                "involvedObject.apiVersion", text("/involvedObject/apiVersion"),
                "involvedObject.resourceVersion", text("/involvedObject/resourceVersion"),
                "involvedObject.fieldPath", text("/involvedObject/fieldPath"),
                "reason", text("/reason"),
                "reportingComponent", text("/reportingComponent"),
                "source", text("/source/component"),
                "type", text("/type"));
        with("namespaces", "status.phase", text("/status/phase"));
    }

    private FieldLabels() {
    }

    /** How to read {@code field} from objects of {@code resource}; empty when the field is not supported. */
    static Optional<Function<ObjectNode, String>> reader(String resource, String field) {
        switch (field) {
            case "metadata.name":
                return Optional.of(text("/metadata/name"));
            case "metadata.namespace":
                return Optional.of(text("/metadata/namespace"));
            default:
                return Optional.ofNullable(BY_RESOURCE.getOrDefault(resource, Map.of()).get(field));
        }
    }

    @SuppressWarnings("unchecked")
    private static void with(String resource, Object... fieldsAndReaders) {
        Map<String, Function<ObjectNode, String>> fields = new HashMap<>();
        for (int i = 0; i < fieldsAndReaders.length; i += 2) {
            fields.put((String) fieldsAndReaders[i], (Function<ObjectNode, String>) fieldsAndReaders[i + 1]);
        }
        BY_RESOURCE.put(resource, Map.copyOf(fields));
    }

    private static Function<ObjectNode, String> text(String path) {
        JsonPointer pointer = JsonPointer.compile(path);
        return o -> {
            JsonNode n = o.at(pointer);
            return n.isMissingNode() || n.isNull() ? "" : n.asText();
        };
    }

    private static Function<ObjectNode, String> number(String path) {
        JsonPointer pointer = JsonPointer.compile(path);
        return o -> {
            JsonNode n = o.at(pointer);
            return n.isMissingNode() || n.isNull() ? "0" : Long.toString(n.asLong());
        };
    }

    private static Function<ObjectNode, String> flag(String path) {
        JsonPointer pointer = JsonPointer.compile(path);
        return o -> Boolean.toString(o.at(pointer).asBoolean(false));
    }
}
