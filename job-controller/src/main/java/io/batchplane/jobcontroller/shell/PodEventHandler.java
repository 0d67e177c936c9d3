package io.batchplane.jobcontroller.shell;

import io.batchplane.client.informer.ResourceEventHandler;
import io.batchplane.jobcontroller.sync.PodFacts;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Pod informer events for the {@link JobController}: a pod that appears is an observed creation, one that
 * gains a deletion timestamp or disappears an observed deletion, one that loses the tracking finalizer an observed
 * finalizer removal; each enqueues its Job (or, for a pod whose Job is gone, the pod as an orphan).
 */
final class PodEventHandler implements ResourceEventHandler<Pod> {
    private final JobController controller;

    PodEventHandler(JobController controller) {
        this.controller = controller;
    }

    @Override
    public void onAdd(Pod pod) {
        if (PodFacts.isBeingDeleted(pod)) {
            controller.podDeleted(pod);
        } else {
            controller.podCreated(pod);
        }
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
        if (old.getMetadata().getResourceVersion() != null
                && old.getMetadata().getResourceVersion().equals(pod.getMetadata().getResourceVersion())) {
            return;
        }
        controller.podChanged(old, pod);
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
        controller.podDeleted(pod);
    }
}
