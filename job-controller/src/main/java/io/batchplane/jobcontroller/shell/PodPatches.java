package io.batchplane.jobcontroller.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.Finalizers;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON patches (RFC 6902) the controller sends to pods. Each starts with a {@code test} of the pod's UID
 * and of the list entry it changes, so a patch applied to a re-created namesake or to a list that changed since
 * the cache saw it fails instead of removing the wrong entry.
 */
public final class PodPatches {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PodPatches() {
    }

    /** The pod as it is after {@link #adopt} when the API answered with no body: with the tracking finalizer. */
    static Pod withTrackingFinalizer(Pod pod) {
        List<String> f = new ArrayList<>(pod.getMetadata().getFinalizers() == null ? List.of() : pod.getMetadata().getFinalizers());
        f.add(Finalizers.JOB_TRACKING);
        return new PodBuilder(pod).editMetadata().withFinalizers(f).endMetadata().build();
    }

    /** Removes the tracking finalizer; empty when the pod does not carry it. */
    public static Optional<String> removeTrackingFinalizer(Pod pod) {
        List<String> finalizers = pod.getMetadata().getFinalizers();
        int at = finalizers == null ? -1 : finalizers.indexOf(Finalizers.JOB_TRACKING);
        if (at < 0) {
            return Optional.empty();
        }
        ArrayNode ops = JSON.createArrayNode();
        ops.add(op("test", "/metadata/uid").put("value", pod.getMetadata().getUid()));
        ops.add(op("test", "/metadata/finalizers/" + at).put("value", Finalizers.JOB_TRACKING));
        ops.add(op("remove", "/metadata/finalizers/" + at));
        return Optional.of(ops.toString());
    }

    /** Makes the Job the pod's controller and adds the tracking finalizer. */
    public static String adopt(Pod pod, Job job) {
        OwnerReference ref = new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
        ArrayNode ops = JSON.createArrayNode();
        ops.add(op("test", "/metadata/uid").put("value", pod.getMetadata().getUid()));
        appendTo(ops, "/metadata/ownerReferences", pod.getMetadata().getOwnerReferences(), JSON.valueToTree(ref));
        List<String> finalizers = pod.getMetadata().getFinalizers();
        if (finalizers == null || !finalizers.contains(Finalizers.JOB_TRACKING)) {
            appendTo(ops, "/metadata/finalizers", finalizers, JSON.getNodeFactory().textNode(Finalizers.JOB_TRACKING));
        }
        return ops.toString();
    }

    /** Removes the Job's controller reference from the pod (the pod is released, not deleted). */
    public static Optional<String> release(Pod pod, Job job) {
        List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
        if (refs == null) {
            return Optional.empty();
        }
        for (int i = 0; i < refs.size(); i++) {
            if (job.getMetadata().getUid().equals(refs.get(i).getUid())) {
                ArrayNode ops = JSON.createArrayNode();
                ops.add(op("test", "/metadata/uid").put("value", pod.getMetadata().getUid()));
                ops.add(op("test", "/metadata/ownerReferences/" + i + "/uid").put("value", job.getMetadata().getUid()));
                ops.add(op("remove", "/metadata/ownerReferences/" + i));
                return Optional.of(ops.toString());
            }
        }
        return Optional.empty();
    }

    private static void appendTo(ArrayNode ops, String path, List<?> existing, com.fasterxml.jackson.databind.JsonNode value) {
        if (existing == null || existing.isEmpty()) {
            ops.add(op("add", path).set("value", JSON.createArrayNode().add(value)));
        } else {
            ops.add(op("add", path + "/-").set("value", value));
        }
    }

    private static ObjectNode op(String op, String path) {
        return JSON.createObjectNode().put("op", op).put("path", path);
    }
}
