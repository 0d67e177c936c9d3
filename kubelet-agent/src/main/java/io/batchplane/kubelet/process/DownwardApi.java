package io.batchplane.kubelet.process;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The downward API's {@code fieldRef} paths a container's env may name: {@code metadata.name},
 * {@code metadata.namespace}, {@code metadata.uid}, {@code metadata.labels['k']},
 * {@code metadata.annotations['k']} (e.g. {@code batch.kubernetes.io/job-completion-index}),
 * {@code spec.nodeName}, {@code spec.serviceAccountName}, {@code status.podIP(s)}, {@code status.hostIP(s)}.
 * A known path whose value is absent resolves to the empty string (as the kubelet does); an unknown
 * path is empty {@link Optional}. Given the node's address, the IP paths resolve to it even before the
 * pod's status carries it (pods share the node's network). A downwardAPI volume may also name
 * {@code metadata.labels} and {@code metadata.annotations} whole ({@link #resolveForVolume}).
 */
public final class DownwardApi {

    private static final Pattern SUBSCRIPT = Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]");

    private DownwardApi() {
    }

    public static Optional<String> resolve(Pod pod, String fieldPath) {
        return resolve(pod, fieldPath, null);
    }

    /** As {@link #resolve(Pod, String)}; {@code nodeAddress} (nullable) answers the IP paths. */
    public static Optional<String> resolve(Pod pod, String fieldPath, String nodeAddress) {
        if (nodeAddress != null && fieldPath != null && fieldPath.matches("status\\.(pod|host)IPs?")) {
            return Optional.of(nodeAddress);
        }
        if (fieldPath == null) {
            return Optional.empty();
        }
        Matcher m = SUBSCRIPT.matcher(fieldPath);
        if (m.matches()) {
            Map<String, String> map = m.group(1).equals("labels") ? pod.getMetadata().getLabels()
                    : pod.getMetadata().getAnnotations();
            return Optional.of(map == null ? "" : map.getOrDefault(m.group(2), ""));
        }
        String value;
        switch (fieldPath) {
            case "metadata.name" -> value = pod.getMetadata().getName();
            case "metadata.namespace" -> value = pod.getMetadata().getNamespace();
            case "metadata.uid" -> value = pod.getMetadata().getUid();
            case "spec.nodeName" -> value = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            case "spec.serviceAccountName" -> value = pod.getSpec() == null ? null : pod.getSpec().getServiceAccountName();
            case "status.podIP" -> value = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
            case "status.hostIP" -> value = pod.getStatus() == null ? null : pod.getStatus().getHostIP();
            case "status.podIPs", "status.hostIPs" -> value = null;
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(value == null ? "" : value);
    }

    /**
     * A downwardAPI volume file's content: as {@link #resolve(Pod, String, String)}, plus whole
     * {@code metadata.labels} / {@code metadata.annotations} as {@code key="value"} lines sorted by key
     * (values quoted with {@code \\}, {@code "} and control characters escaped), no final newline.
     */
    public static Optional<String> resolveForVolume(Pod pod, String fieldPath, String nodeAddress) {
        if ("metadata.labels".equals(fieldPath) || "metadata.annotations".equals(fieldPath)) {
            Map<String, String> map = fieldPath.equals("metadata.labels") ? pod.getMetadata().getLabels()
                    : pod.getMetadata().getAnnotations();
            StringBuilder out = new StringBuilder();
            new java.util.TreeMap<>(map == null ? Map.<String, String>of() : map).forEach((k, v) -> {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append(k).append('=').append(quote(v));
            });
            return Optional.of(out.toString());
        }
        return resolve(pod, fieldPath, nodeAddress);
    }

    static String quote(String v) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : v.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\x%02x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
