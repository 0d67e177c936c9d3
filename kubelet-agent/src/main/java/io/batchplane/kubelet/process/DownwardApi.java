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
 * {@code spec.nodeName}, {@code spec.serviceAccountName}, {@code status.podIP}, {@code status.hostIP}.
 * A known path whose value is absent resolves to the empty string (as the kubelet does); an unknown
 * path is empty {@link Optional}.
 */
public final class DownwardApi {

    private static final Pattern SUBSCRIPT = Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]");

    private DownwardApi() {
    }

    public static Optional<String> resolve(Pod pod, String fieldPath) {
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
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(value == null ? "" : value);
    }
}
