package io.batchplane.jobcontroller.shell;

import io.batchplane.jobcontroller.sync.PodFacts;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which pods of a namespace a Job controls, adopts or releases (upstream's ControllerRefManager rules):
 * a pod whose controller reference names the Job is its own while the selector matches it, and released when it
 * no longer does (unless it is being deleted); an orphan (no controller reference) that the selector matches and
 * that is not being deleted is adopted — but only while the Job itself is not being deleted. Pods controlled by
 * anything else are never touched.
 */
public final class PodClaims {
    private PodClaims() {
    }

    /**
     * @param owned    pods the Job controls, including the ones to adopt (the sync treats them as owned and
     *                 tracked, since adoption adds the tracking finalizer)
     * @param toAdopt  orphans to adopt: patch in the controller reference and the tracking finalizer
     * @param toRelease pods to release: patch away the controller reference
     */
    public record Claim(List<Pod> owned, List<Pod> toAdopt, List<Pod> toRelease) {
    }

    public static Claim claim(Job job, List<Pod> namespacePods) {
        List<Pod> owned = new ArrayList<>();
        List<Pod> adopt = new ArrayList<>();
        List<Pod> release = new ArrayList<>();
        String uid = job.getMetadata().getUid();
        boolean jobDeleting = job.getMetadata().getDeletionTimestamp() != null;
        for (Pod pod : namespacePods) {
            Optional<OwnerReference> controller = controllerOf(pod);
            boolean selected = LabelSelectors.matches(job.getSpec().getSelector(), pod.getMetadata().getLabels());
            if (controller.isPresent()) {
                if (!uid.equals(controller.get().getUid())) {
                    continue;
                }
                if (selected || PodFacts.isBeingDeleted(pod)) {
                    owned.add(pod);
                } else {
                    release.add(pod);
                }
            } else if (selected && !jobDeleting && !PodFacts.isBeingDeleted(pod)) {
                adopt.add(pod);
                owned.add(pod);
            }
        }
        return new Claim(owned, adopt, release);
    }

    public static Optional<OwnerReference> controllerOf(Pod pod) {
        if (pod.getMetadata().getOwnerReferences() == null) {
            return Optional.empty();
        }
        return pod.getMetadata().getOwnerReferences().stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }
}
