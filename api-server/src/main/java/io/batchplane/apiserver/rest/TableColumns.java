package io.batchplane.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.api.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The columns {@code kubectl get} shows for each served kind, with upstream's names, order and
 * priorities (priority 1 columns appear with {@code -o wide}), and how each cell is computed from
 * the object's JSON at a given instant.
 */
final class TableColumns {

    /** One column: its header, OpenAPI type, wide-only priority and how to compute a cell. */
    record Column(String name, String type, int priority, String description,
            BiFunction<JsonNode, Instant, Object> cell) {
    }

    private static final Map<String, List<Column>> BY_RESOURCE = Map.of(
            "pods", pods(), "jobs", jobs(), "cronjobs", cronJobs(), "nodes", nodes(),
            "namespaces", List.of(name(), col("Status", (o, t) -> text(o, "status", "phase")), age()),
            "leases", List.of(name(), col("Holder", (o, t) -> text(o, "spec", "holderIdentity")), age()),
            "events", events());

    private TableColumns() {
    }

    static List<Column> forType(ResourceType type) {
        return BY_RESOURCE.getOrDefault(type.resource(), List.of(name(), age()));
    }

    private static List<Column> pods() {
        return List.of(name(),
                col("Ready", (o, t) -> readyContainers(o) + "/" + o.path("spec").path("containers").size()),
                col("Status", (o, t) -> PodPhrases.status(o)),
                col("Restarts", (o, t) -> PodPhrases.restarts(o, t)),
                age(),
                wide("IP", (o, t) -> orNone(text(o, "status", "podIP"))),
                wide("Node", (o, t) -> orNone(text(o, "spec", "nodeName"))),
                wide("Nominated Node", (o, t) -> orNone(text(o, "status", "nominatedNodeName"))),
                wide("Readiness Gates", (o, t) -> "<none>"));
    }

    private static List<Column> jobs() {
        return List.of(name(),
                col("Status", (o, t) -> jobStatus(o)),
                col("Completions", (o, t) -> completions(o)),
                col("Duration", TableColumns::jobDuration),
                age(),
                wide("Containers", (o, t) -> containers(o.path("spec").path("template"), "name")),
                wide("Images", (o, t) -> containers(o.path("spec").path("template"), "image")),
                wide("Selector", (o, t) -> selector(o.path("spec").path("selector"))));
    }

    private static List<Column> cronJobs() {
        return List.of(name(),
                col("Schedule", (o, t) -> text(o, "spec", "schedule")),
                col("Timezone", (o, t) -> orNone(text(o, "spec", "timeZone"))),
                new Column("Suspend", "boolean", 0, "", (o, t) -> o.path("spec").path("suspend").isBoolean()
                        ? (o.path("spec").path("suspend").asBoolean() ? "True" : "False") : "<unset>"),
                new Column("Active", "integer", 0, "", (o, t) -> o.path("status").path("active").size()),
                col("Last Schedule", (o, t) -> since(text(o, "status", "lastScheduleTime"), t)),
                age(),
                wide("Containers", (o, t) -> containers(o.path("spec").path("jobTemplate").path("spec").path("template"), "name")),
                wide("Images", (o, t) -> containers(o.path("spec").path("jobTemplate").path("spec").path("template"), "image")),
                wide("Selector", (o, t) -> selector(o.path("spec").path("jobTemplate").path("spec").path("selector"))));
    }

    private static List<Column> nodes() {
        return List.of(name(),
                col("Status", (o, t) -> nodeStatus(o)),
                col("Roles", (o, t) -> nodeRoles(o)),
                age(),
                col("Version", (o, t) -> text(o, "status", "nodeInfo", "kubeletVersion")),
                wide("Internal-IP", (o, t) -> address(o, "InternalIP")),
                wide("External-IP", (o, t) -> address(o, "ExternalIP")),
                wide("OS-Image", (o, t) -> orUnknown(text(o, "status", "nodeInfo", "osImage"))),
                wide("Kernel-Version", (o, t) -> orUnknown(text(o, "status", "nodeInfo", "kernelVersion"))),
                wide("Container-Runtime", (o, t) -> orUnknown(text(o, "status", "nodeInfo", "containerRuntimeVersion"))));
    }

    private static List<Column> events() {
        List<Column> columns = new ArrayList<>();
        columns.add(col("Last Seen", (o, t) -> since(firstNonEmpty(text(o, "lastTimestamp"), text(o, "eventTime"),
                text(o, "firstTimestamp"), text(o, "metadata", "creationTimestamp")), t)));
        columns.add(col("Type", (o, t) -> text(o, "type")));
        columns.add(col("Reason", (o, t) -> text(o, "reason")));
        columns.add(col("Object", (o, t) -> text(o, "involvedObject", "kind").toLowerCase() + "/"
                + text(o, "involvedObject", "name")));
        columns.add(col("Message", (o, t) -> text(o, "message").trim()));
        columns.add(new Column("Name", "string", 1, "Name must be unique within a namespace.",
                (o, t) -> text(o, "metadata", "name")));
        return columns;
    }

    private static Column name() {
        return new Column("Name", "string", 0, "Name must be unique within a namespace.",
                (o, t) -> text(o, "metadata", "name"));
    }

    private static Column age() {
        return col("Age", (o, t) -> since(text(o, "metadata", "creationTimestamp"), t));
    }

    private static Column col(String name, BiFunction<JsonNode, Instant, Object> cell) {
        return new Column(name, "string", 0, "", cell);
    }

    private static Column wide(String name, BiFunction<JsonNode, Instant, Object> cell) {
        return new Column(name, "string", 1, "", cell);
    }

    static String text(JsonNode o, String... path) {
        JsonNode n = o;
        for (String p : path) {
            n = n.path(p);
        }
        return n.isValueNode() ? n.asText() : "";
    }

    private static String orNone(String s) {
        return s.isEmpty() ? "<none>" : s;
    }

    private static String orUnknown(String s) {
        return s.isEmpty() ? "<unknown>" : s;
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    /** How long ago a timestamp was, or {@code <unknown>} / {@code <none>}. */
    static String since(String timestamp, Instant now) {
        if (timestamp.isEmpty()) {
            return "<none>";
        }
        Instant at = instant(timestamp);
        return at == null ? "<unknown>" : HumanDuration.of(Duration.between(at, now));
    }

    static Instant instant(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int readyContainers(JsonNode pod) {
        int ready = 0;
        for (JsonNode s : pod.path("status").path("containerStatuses")) {
            if (s.path("ready").asBoolean(false)) {
                ready++;
            }
        }
        return ready;
    }

    static String jobStatus(JsonNode job) {
        if (hasCondition(job, "Complete")) {
            return "Complete";
        }
        if (hasCondition(job, "Failed")) {
            return "Failed";
        }
        if (job.path("metadata").hasNonNull("deletionTimestamp")) {
            return "Terminating";
        }
        if (hasCondition(job, "SuccessCriteriaMet")) {
            return "SuccessCriteriaMet";
        }
        if (hasCondition(job, "FailureTarget")) {
            return "FailureTarget";
        }
        if (hasCondition(job, "Suspended")) {
            return "Suspended";
        }
        return "Running";
    }

    private static boolean hasCondition(JsonNode object, String type) {
        for (JsonNode c : object.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    static String completions(JsonNode job) {
        long succeeded = job.path("status").path("succeeded").asLong(0);
        JsonNode completions = job.path("spec").path("completions");
        if (completions.isNumber()) {
            return succeeded + "/" + completions.asLong();
        }
        long parallelism = job.path("spec").path("parallelism").asLong(0);
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    private static String jobDuration(JsonNode job, Instant now) {
        Instant start = instant(text(job, "status", "startTime"));
        if (start == null) {
            return "";
        }
        Instant end = instant(text(job, "status", "completionTime"));
        return HumanDuration.of(Duration.between(start, end == null ? now : end));
    }

    private static String containers(JsonNode template, String field) {
        List<String> values = new ArrayList<>();
        template.path("spec").path("containers").forEach(c -> values.add(c.path(field).asText()));
        return String.join(",", values);
    }

    private static String selector(JsonNode selector) {
        List<String> parts = new ArrayList<>();
        selector.path("matchLabels").fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
        for (JsonNode r : selector.path("matchExpressions")) {
            List<String> values = new ArrayList<>();
            r.path("values").forEach(v -> values.add(v.asText()));
            String key = r.path("key").asText();
            switch (r.path("operator").asText()) {
                case "In" -> parts.add(key + " in (" + String.join(",", values) + ")");
                case "NotIn" -> parts.add(key + " notin (" + String.join(",", values) + ")");
                case "Exists" -> parts.add(key);
                case "DoesNotExist" -> parts.add("!" + key);
                default -> parts.add(key);
            }
        }
        return parts.isEmpty() ? "<none>" : String.join(",", parts);
    }

    private static String nodeStatus(JsonNode node) {
        String status = "Unknown";
        for (JsonNode c : node.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                status = "True".equals(c.path("status").asText()) ? "Ready" : "NotReady";
            }
        }
        return node.path("spec").path("unschedulable").asBoolean(false) ? status + ",SchedulingDisabled" : status;
    }

    private static String nodeRoles(JsonNode node) {
        List<String> roles = new ArrayList<>();
        node.path("metadata").path("labels").fieldNames().forEachRemaining(k -> {
            if (k.startsWith("node-role.kubernetes.io/") && k.length() > "node-role.kubernetes.io/".length()) {
                roles.add(k.substring("node-role.kubernetes.io/".length()));
            }
        });
        return roles.isEmpty() ? "<none>" : String.join(",", roles.stream().sorted().toList());
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode a : node.path("status").path("addresses")) {
            if (type.equals(a.path("type").asText())) {
                return a.path("address").asText();
            }
        }
        return "<none>";
    }
}
