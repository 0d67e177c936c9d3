package io.batchplane.apiserver.resource;

import io.batchplane.api.ApiException;
import io.batchplane.api.Finalizers;
import io.batchplane.api.ResourceType;
import io.batchplane.api.v1.PropagationPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what a delete request does to an object, as kube-apiserver's graceful deletion does: remove
 * it at once, or mark it (deletionTimestamp, deletionGracePeriodSeconds, the garbage collector's
 * finalizers) and let finalizers and node agents finish the job. Pure: the object is changed in
 * place only when the outcome is {@link Outcome#MARK}.
 */
public final class DeletionDecision {

    /** What the caller must do with the object. */
    public enum Outcome {
        /** Delete it from the store now. */
        REMOVE,
        /** Write the changed object back (it is now being deleted). */
        MARK,
        /** Nothing changes: it is already being deleted at least as soon as asked. */
        UNCHANGED
    }

    private static final long DEFAULT_POD_GRACE_SECONDS = 30;

    private DeletionDecision() {
    }

    /** The propagation policy a delete without one gets; batch/v1 Jobs keep their pods, as upstream. */
    public static PropagationPolicy defaultPropagation(ResourceType type) {
        return type.equals(ResourceType.JOBS) ? PropagationPolicy.ORPHAN : PropagationPolicy.BACKGROUND;
    }

    /** Checks the preconditions; a mismatch is a Conflict worded like kube-apiserver's. */
    public static void checkPreconditions(ResourceType type, ObjectMeta meta, DeleteOptions options) {
        if (!options.uid().isEmpty() && !options.uid().equals(meta.getUid())) {
            throw ApiException.conflict(type, meta.getName(), "Precondition failed: UID in precondition: "
                    + options.uid() + ", UID in object meta: " + meta.getUid());
        }
        if (!options.resourceVersion().isEmpty() && !options.resourceVersion().equals(meta.getResourceVersion())) {
            throw ApiException.conflict(type, meta.getName(), "Precondition failed: ResourceVersion in precondition: "
                    + options.resourceVersion() + ", ResourceVersion in object meta: " + meta.getResourceVersion());
        }
    }

    public static Outcome decide(ResourceType type, HasMetadata object, DeleteOptions options, Instant now) {
        ObjectMeta meta = object.getMetadata();
        long grace = gracePeriod(object, options);
        if (meta.getDeletionTimestamp() != null) {
            return shortenGrace(object, grace, now);
        }
        PropagationPolicy policy = options.propagation() == PropagationPolicy.PROPAGATION_POLICY_UNSPECIFIED
                ? defaultPropagation(type) : options.propagation();
        List<String> finalizers = new ArrayList<>(meta.getFinalizers() == null ? List.of() : meta.getFinalizers());
        if (policy == PropagationPolicy.ORPHAN) {
            finalizers.remove(Finalizers.FOREGROUND_DELETION);
            addOnce(finalizers, Finalizers.ORPHAN);
        } else if (policy == PropagationPolicy.FOREGROUND) {
            finalizers.remove(Finalizers.ORPHAN);
            addOnce(finalizers, Finalizers.FOREGROUND_DELETION);
        }
        boolean namespaceHeld = object instanceof Namespace ns && ns.getSpec() != null
                && ns.getSpec().getFinalizers() != null && !ns.getSpec().getFinalizers().isEmpty();
        if (finalizers.isEmpty() && grace == 0 && !namespaceHeld) {
            return Outcome.REMOVE;
        }
        meta.setFinalizers(finalizers.isEmpty() ? null : finalizers);
        meta.setDeletionTimestamp(MetadataRules.timestamp(now.plusSeconds(grace)));
        meta.setDeletionGracePeriodSeconds(grace);
        if (object instanceof Namespace ns) {
            if (ns.getStatus() == null) {
                ns.setStatus(new io.fabric8.kubernetes.api.model.NamespaceStatus());
            }
            ns.getStatus().setPhase("Terminating");
        }
        return Outcome.MARK;
    }

    /** A second delete may only bring the end closer; grace 0 with no finalizers removes the object. */
    private static Outcome shortenGrace(HasMetadata object, long grace, Instant now) {
        ObjectMeta meta = object.getMetadata();
        long current = meta.getDeletionGracePeriodSeconds() == null ? 0 : meta.getDeletionGracePeriodSeconds();
        if (grace >= current) {
            return Outcome.UNCHANGED;
        }
        meta.setDeletionGracePeriodSeconds(grace);
        meta.setDeletionTimestamp(MetadataRules.timestamp(now.plusSeconds(grace)));
        return MetadataRules.readyToRemove(meta) && !(object instanceof Namespace) ? Outcome.REMOVE : Outcome.MARK;
    }

    /**
     * Pods get a grace period (their own terminationGracePeriodSeconds unless the request names
     * one); a pod that never reached a node or has already ended has nothing to wait for.
     */
    static long gracePeriod(HasMetadata object, DeleteOptions options) {
        if (!(object instanceof Pod pod)) {
            return 0;
        }
        if (pod.getSpec() == null || pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
            return 0;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return 0;
        }
        Long requested = options.gracePeriodSeconds();
        if (requested == null) {
            requested = pod.getSpec().getTerminationGracePeriodSeconds();
        }
        return Math.max(0, requested == null ? DEFAULT_POD_GRACE_SECONDS : requested);
    }

    private static void addOnce(List<String> finalizers, String finalizer) {
        if (!finalizers.contains(finalizer)) {
            finalizers.add(finalizer);
        }
    }
}
